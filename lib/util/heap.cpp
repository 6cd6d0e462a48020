#include <pave/util/heap.hpp>

#include <cstdlib> // defines __GLIBC__ with glibc

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace pave::util {

void use_compact_heap() noexcept
{
#if defined(__GLIBC__)
  mallopt(M_ARENA_MAX, 1);
  // Setting it also stops glibc from raising the mmap and trim thresholds as
  // large blocks are freed, so blocks above 128 KiB stay individually mapped.
  mallopt(M_TRIM_THRESHOLD, 1 << 20);
#endif
}

} // namespace pave::util
