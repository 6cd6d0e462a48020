#include <doctest/doctest.h>

#include <cstring>
#include <memory>
#include <vector>

#include <sys/mman.h>
#include <unistd.h>

#include <pave/util/prefault.hpp>

using pave::util::prefault;

namespace {

/// How many of the `pages` pages at `p` are resident.
std::size_t resident(void* p, std::size_t pages)
{
  std::vector<unsigned char> in(pages);
  REQUIRE(::mincore(p, pages * static_cast<std::size_t>(::sysconf(_SC_PAGESIZE)), in.data()) == 0);
  std::size_t n = 0;
  for (const unsigned char c : in) {
    n += c & 1;
  }
  return n;
}

} // namespace

TEST_CASE("prefault makes the whole pages of a range resident and keeps their bytes")
{
  const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  constexpr std::size_t k_pages = 64;
  void* map = ::mmap(nullptr, k_pages * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  REQUIRE(map != MAP_FAILED);
  auto* bytes = static_cast<unsigned char*>(map);
  CHECK(resident(map, k_pages) == 0);
  bytes[5 * page + 7] = 42; // one page written before
  CHECK(resident(map, k_pages) == 1);
  for (const int threads : {1, 2, 4}) {
    ::madvise(map, k_pages * page, MADV_DONTNEED);
    bytes[5 * page + 7] = 42;
    // From the middle of page 1 to the middle of page 40: pages 2 to 39 are whole.
    prefault(bytes + page + page / 2, 39 * page, threads);
    CHECK(resident(bytes + 2 * page, 38) == 38);
    CHECK(resident(bytes, 1) == 0);
    CHECK(resident(bytes + page, 1) == 0);
    CHECK(resident(bytes + 40 * page, k_pages - 40) == 0);
    CHECK(bytes[5 * page + 7] == 42);
    CHECK(bytes[6 * page] == 0);
  }
  prefault(bytes + 3, page - 6, 2); // no whole page: nothing
  prefault(bytes, 0, 2);
  ::munmap(map, k_pages * page);
}
