#include <pave/http/curl_lib.hpp>

#include <dlfcn.h>
#include <mutex>

namespace pave::http {

namespace {

template <typename T> bool resolve(void* lib, const char* name, T& out)
{
  out = reinterpret_cast<T>(::dlsym(lib, name));
  return out != nullptr;
}

} // namespace

util::Result<const CurlApi*> curl()
{
  static CurlApi api{};
  static std::string error;
  static std::once_flag once;
  std::call_once(once, [] {
    void* lib = ::dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (lib == nullptr) {
      const char* e = ::dlerror();
      error = e != nullptr ? e : "dlopen failed";
      return;
    }
    const bool ok = resolve(lib, "curl_version_info", api.version_info) &&
                    resolve(lib, "curl_global_init", api.global_init) &&
                    resolve(lib, "curl_easy_init", api.easy_init) &&
                    resolve(lib, "curl_easy_setopt", api.easy_setopt) &&
                    resolve(lib, "curl_easy_perform", api.easy_perform) &&
                    resolve(lib, "curl_easy_getinfo", api.easy_getinfo) &&
                    resolve(lib, "curl_easy_cleanup", api.easy_cleanup) &&
                    resolve(lib, "curl_easy_reset", api.easy_reset) &&
                    resolve(lib, "curl_easy_strerror", api.easy_strerror) &&
                    resolve(lib, "curl_slist_append", api.slist_append) &&
                    resolve(lib, "curl_slist_free_all", api.slist_free_all) &&
                    resolve(lib, "curl_multi_init", api.multi_init) &&
                    resolve(lib, "curl_multi_add_handle", api.multi_add_handle) &&
                    resolve(lib, "curl_multi_remove_handle", api.multi_remove_handle) &&
                    resolve(lib, "curl_multi_perform", api.multi_perform) &&
                    resolve(lib, "curl_multi_poll", api.multi_poll) &&
                    resolve(lib, "curl_multi_info_read", api.multi_info_read) &&
                    resolve(lib, "curl_multi_cleanup", api.multi_cleanup) &&
                    resolve(lib, "curl_share_init", api.share_init) &&
                    resolve(lib, "curl_share_setopt", api.share_setopt) &&
                    resolve(lib, "curl_share_cleanup", api.share_cleanup);
    if (!ok) {
      error = "libcurl.so.4 lacks a required function";
      return;
    }
    if (api.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
      error = "curl_global_init failed";
    }
  });
  if (!error.empty()) {
    return util::fail("cannot load libcurl: {}", error);
  }
  return &api;
}

} // namespace pave::http
