#pragma once
/// libcurl, loaded on first use. Linking libcurl directly makes the dynamic
/// loader map and relocate it and ~30 libraries it depends on (GnuTLS via
/// librtmp, Kerberos, LDAP, ICU ...) at every start, about 6 ms, which would
/// make `pave --version` three times slower than it needs to be. pave keeps
/// start-up under 5 ms by opening libcurl.so.4 with dlopen() only when a
/// command makes its first HTTP request.
#include <curl/curl.h>

#include <pave/util/expected.hpp>

namespace pave::http {

/// The libcurl functions pave calls, resolved from the shared library.
struct CurlApi
{
  decltype(&curl_version_info) version_info;
  decltype(&curl_global_init) global_init;
  decltype(&curl_easy_init) easy_init;
  decltype(&curl_easy_setopt) easy_setopt;
  decltype(&curl_easy_perform) easy_perform;
  decltype(&curl_easy_getinfo) easy_getinfo;
  decltype(&curl_easy_cleanup) easy_cleanup;
  decltype(&curl_easy_reset) easy_reset;
  decltype(&curl_easy_strerror) easy_strerror;
  decltype(&curl_slist_append) slist_append;
  decltype(&curl_slist_free_all) slist_free_all;
  decltype(&curl_multi_init) multi_init;
  decltype(&curl_multi_add_handle) multi_add_handle;
  decltype(&curl_multi_remove_handle) multi_remove_handle;
  decltype(&curl_multi_perform) multi_perform;
  decltype(&curl_multi_poll) multi_poll;
  decltype(&curl_multi_info_read) multi_info_read;
  decltype(&curl_multi_cleanup) multi_cleanup;
  decltype(&curl_share_init) share_init;
  decltype(&curl_share_setopt) share_setopt;
  decltype(&curl_share_cleanup) share_cleanup;
};

/// Loads libcurl (once, thread-safe) and returns its API, with
/// curl_global_init done. Error: "cannot load libcurl: REASON".
util::Result<const CurlApi*> curl();

} // namespace pave::http
