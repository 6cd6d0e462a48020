#include <pave/util/heap.hpp>

#include <cstdlib> // defines __GLIBC__ with glibc
#include <mutex>
#include <vector>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace pave::util {

void use_compact_heap(int arenas) noexcept
{
#if defined(__GLIBC__)
  mallopt(M_ARENA_MAX, arenas);
  // Setting it also stops glibc from raising the mmap and trim thresholds as
  // large blocks are freed, so blocks above 128 KiB stay individually mapped.
  mallopt(M_TRIM_THRESHOLD, 1 << 20);
#endif
}

void use_growing_heap() noexcept
{
#if defined(__GLIBC__)
  mallopt(M_TOP_PAD, 32 << 20);
#endif
}

void park_until_exit(std::shared_ptr<const void> garbage)
{
  static std::mutex mutex;
  static auto* const parked = new std::vector<std::shared_ptr<const void>>; // never freed, still reachable
  std::lock_guard lock(mutex);
  parked->push_back(std::move(garbage));
}

} // namespace pave::util
