#include <pave/util/parallel.hpp>

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace pave::util {

int worker_threads(unsigned at_most)
{
  return static_cast<int>(std::max(1u, std::min(at_most, std::thread::hardware_concurrency())));
}

void parallel_for(std::size_t count, int max_threads, const std::function<void(std::size_t)>& fn)
{
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t i = next++; i < count; i = next++) {
      fn(i);
    }
  };
  const std::size_t threads = std::min(count, static_cast<std::size_t>(std::max(max_threads, 1)));
  std::vector<std::thread> pool;
  for (std::size_t t = 1; t < threads; ++t) {
    pool.emplace_back(worker);
  }
  worker();
  for (auto& t : pool) {
    t.join();
  }
}

} // namespace pave::util
