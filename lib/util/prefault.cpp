#include <pave/util/prefault.hpp>

#include <algorithm>
#include <cstdint>

#include <sys/mman.h>
#include <unistd.h>

#include <pave/util/parallel.hpp>

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23 // Linux 5.14's uapi value, for older headers
#endif

namespace pave::util {

void prefault(void* begin, std::size_t size, int threads)
{
  const auto page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
  const auto from = (reinterpret_cast<std::uintptr_t>(begin) + page - 1) / page * page;
  const auto to = (reinterpret_cast<std::uintptr_t>(begin) + size) / page * page;
  if (to <= from) {
    return;
  }
  const std::uintptr_t pages = (to - from) / page;
  const std::size_t parts = std::min<std::uintptr_t>(static_cast<std::uintptr_t>(std::max(threads, 1)), pages);
  parallel_for(parts, threads, [&](std::size_t p) {
    const std::uintptr_t a = from + pages * p / parts * page;
    const std::uintptr_t b = from + pages * (p + 1) / parts * page;
    if (::madvise(reinterpret_cast<void*>(a), b - a, MADV_POPULATE_WRITE) == 0) {
      return;
    }
    for (std::uintptr_t q = a; q < b; q += page) { // an older kernel: fault each page in by hand
      volatile char* byte = reinterpret_cast<char*>(q);
      *byte = *byte; // a write of the byte it reads: the value stays
    }
  });
}

} // namespace pave::util
