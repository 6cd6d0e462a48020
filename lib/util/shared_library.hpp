#pragma once
/// Shared libraries opened on first use with dlopen(), for dependencies whose
/// load-time cost (their own dependency chains and relocations) would
/// otherwise be paid by every pave start, including `pave --version`.
#include <string>

#include <pave/util/expected.hpp>

namespace pave::util {

class SharedLibrary
{
public:
  /// Opens `soname` (e.g. "libcurl.so.4") with RTLD_NOW | RTLD_LOCAL.
  /// Error: "cannot load SONAME: REASON".
  static Result<SharedLibrary> open(const char* soname);

  /// Resolves `name` into `out`; false when the library lacks it.
  template <typename T> bool resolve(const char* name, T& out) const
  {
    out = reinterpret_cast<T>(symbol(name));
    return out != nullptr;
  }

private:
  explicit SharedLibrary(void* handle) : m_handle(handle) {}
  void* symbol(const char* name) const;
  void* m_handle = nullptr; ///< never closed: the library stays for the process
};

} // namespace pave::util
