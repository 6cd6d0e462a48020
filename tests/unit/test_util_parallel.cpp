#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

#include <pave/util/parallel.hpp>

using pave::util::parallel_for;
using pave::util::worker_threads;

TEST_CASE("parallel_for calls fn once for every index")
{
  for (const int threads : {1, 2, 4, 0}) {
    std::vector<std::atomic<int>> calls(1000);
    parallel_for(calls.size(), threads, [&](std::size_t i) { ++calls[i]; });
    for (const auto& c : calls) {
      CHECK(c.load() == 1);
    }
  }
  int none = 0;
  parallel_for(0, 4, [&](std::size_t) { ++none; });
  CHECK(none == 0);
}

TEST_CASE("worker_threads: at most the cores and the bound, at least one")
{
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  CHECK(worker_threads(4) == static_cast<int>(std::min(4u, cores)));
  CHECK(worker_threads(1) == 1);
  CHECK(worker_threads(0) == 1);
  CHECK(worker_threads(1000) == static_cast<int>(cores));
}
