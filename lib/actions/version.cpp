#include <pave/actions/version.hpp>

#include <CLI/Version.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <openssl/crypto.h>
#include <spdlog/version.h>
#include <toml++/toml.h>

#include <pave/archive/libarchive.hpp>
#include <pave/http/curl_lib.hpp>
#include <pave_build_info.hpp>

namespace pave::actions {

VersionInfo version_info()
{
  VersionInfo v;
  v.version = PAVE_VERSION;
  v.commit = PAVE_GIT_COMMIT;
  v.build_type = PAVE_BUILD_TYPE;
  auto curl = http::curl();
  auto archive = archive::libarchive();
  v.libraries = {
    {"libcurl", curl ? (*curl)->version_info(CURLVERSION_NOW)->version : curl.error().message},
    {"openssl", OpenSSL_version(OPENSSL_VERSION)},
    {"yaml-cpp", PAVE_YAML_CPP_VERSION},
    {"fmt", fmt::format("{}.{}.{}", FMT_VERSION / 10000, FMT_VERSION / 100 % 100, FMT_VERSION % 100)},
    {"spdlog", fmt::format("{}.{}.{}", SPDLOG_VER_MAJOR, SPDLOG_VER_MINOR, SPDLOG_VER_PATCH)},
    {"toml++", fmt::format("{}.{}.{}", TOML_LIB_MAJOR, TOML_LIB_MINOR, TOML_LIB_PATCH)},
    {"CLI11", CLI11_VERSION},
    {"nlohmann-json", fmt::format("{}.{}.{}", NLOHMANN_JSON_VERSION_MAJOR, NLOHMANN_JSON_VERSION_MINOR,
                                  NLOHMANN_JSON_VERSION_PATCH)},
    {"libarchive", archive ? (*archive)->version_string() : archive.error().message},
  };
  return v;
}

} // namespace pave::actions
