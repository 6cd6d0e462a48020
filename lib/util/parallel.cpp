#include <pave/util/parallel.hpp>

#include <algorithm>
#include <atomic>
#include <memory>
#include <thread>
#include <vector>

#include <pthread.h>
#include <sched.h>

namespace pave::util {

std::thread start_thread(std::function<void()> fn)
{
  cpu_set_t allowed;
  CPU_ZERO(&allowed);
  const int here = sched_getcpu();
  if (here < 0 || here >= CPU_SETSIZE || sched_getaffinity(0, sizeof allowed, &allowed) != 0) {
    return std::thread(std::move(fn));
  }
  cpu_set_t elsewhere = allowed;
  CPU_CLR(here, &elsewhere);
  if (CPU_COUNT(&elsewhere) == 0) {
    return std::thread(std::move(fn));
  }
  // The thread waits until it has been moved, then lets itself run anywhere
  // again (before that, its own reset could be overridden by the move).
  auto placed = std::make_shared<std::atomic<bool>>(false);
  std::thread t([fn = std::move(fn), allowed, placed] {
    while (!placed->load(std::memory_order_acquire)) {
      std::this_thread::yield();
    }
    pthread_setaffinity_np(pthread_self(), sizeof allowed, &allowed);
    fn();
  });
  pthread_setaffinity_np(t.native_handle(), sizeof elsewhere, &elsewhere);
  placed->store(true, std::memory_order_release);
  return t;
}

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
    pool.push_back(start_thread(worker));
  }
  worker();
  for (auto& t : pool) {
    t.join();
  }
}

void parallel_write(std::ostream& out, std::size_t count, int max_threads,
                    const std::function<void(std::size_t, std::string&)>& fn)
{
  const std::size_t batch = static_cast<std::size_t>(std::max(max_threads, 1));
  std::vector<std::string> text(std::min(batch, count));
  for (std::size_t first = 0; first < count; first += batch) {
    const std::size_t n = std::min(batch, count - first);
    parallel_for(n, max_threads, [&](std::size_t k) {
      text[k].clear(); // its room is kept for the next batch
      fn(first + k, text[k]);
    });
    for (std::size_t k = 0; k < n; ++k) {
      out.write(text[k].data(), static_cast<std::streamsize>(text[k].size()));
    }
  }
}

} // namespace pave::util
