#include <pave/util/shared_library.hpp>

#include <dlfcn.h>

namespace pave::util {

Result<SharedLibrary> SharedLibrary::open(const char* soname)
{
  void* handle = ::dlopen(soname, RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* e = ::dlerror();
    return fail("cannot load {}: {}", soname, e != nullptr ? e : "dlopen failed");
  }
  return SharedLibrary(handle);
}

void* SharedLibrary::symbol(const char* name) const
{
  return ::dlsym(m_handle, name);
}

} // namespace pave::util
