#include <pave/http/curl_lib.hpp>

#include <mutex>

#include <pave/util/shared_library.hpp>

namespace pave::http {

util::Result<const CurlApi*> curl()
{
  static CurlApi api{};
  static util::Result<const CurlApi*> result = util::fail("cannot load libcurl: not loaded");
  static std::once_flag once;
  std::call_once(once, [] {
    auto lib = util::SharedLibrary::open("libcurl.so.4");
    if (!lib) {
      result = std::unexpected(lib.error());
      return;
    }
    const bool ok = lib->resolve("curl_version_info", api.version_info) &&
                    lib->resolve("curl_global_init", api.global_init) &&
                    lib->resolve("curl_easy_init", api.easy_init) &&
                    lib->resolve("curl_easy_setopt", api.easy_setopt) &&
                    lib->resolve("curl_easy_perform", api.easy_perform) &&
                    lib->resolve("curl_easy_getinfo", api.easy_getinfo) &&
                    lib->resolve("curl_easy_cleanup", api.easy_cleanup) &&
                    lib->resolve("curl_easy_reset", api.easy_reset) &&
                    lib->resolve("curl_easy_strerror", api.easy_strerror) &&
                    lib->resolve("curl_slist_append", api.slist_append) &&
                    lib->resolve("curl_slist_free_all", api.slist_free_all) &&
                    lib->resolve("curl_multi_init", api.multi_init) &&
                    lib->resolve("curl_multi_add_handle", api.multi_add_handle) &&
                    lib->resolve("curl_multi_remove_handle", api.multi_remove_handle) &&
                    lib->resolve("curl_multi_perform", api.multi_perform) &&
                    lib->resolve("curl_multi_poll", api.multi_poll) &&
                    lib->resolve("curl_multi_info_read", api.multi_info_read) &&
                    lib->resolve("curl_multi_cleanup", api.multi_cleanup) &&
                    lib->resolve("curl_share_init", api.share_init) &&
                    lib->resolve("curl_share_setopt", api.share_setopt) &&
                    lib->resolve("curl_share_cleanup", api.share_cleanup);
    if (!ok) {
      result = util::fail("cannot load libcurl: libcurl.so.4 lacks a required function");
    } else if (api.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
      result = util::fail("cannot load libcurl: curl_global_init failed");
    } else {
      result = &api;
    }
  });
  return result;
}

} // namespace pave::http
