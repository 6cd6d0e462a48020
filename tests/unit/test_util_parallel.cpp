#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <pthread.h>
#include <sched.h>

#include <pave/util/parallel.hpp>

using pave::util::parallel_for;
using pave::util::parallel_write;
using pave::util::start_thread;
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

TEST_CASE("parallel_write writes every part once, in order")
{
  for (const int threads : {1, 2, 4}) {
    for (const std::size_t count : {std::size_t{0}, std::size_t{1}, std::size_t{5}, std::size_t{64}}) {
      std::ostringstream out;
      std::vector<std::atomic<int>> calls(count);
      parallel_write(out, count, threads, [&](std::size_t i, std::string& text) {
        CHECK(text.empty()); // a reused string comes back cleared
        ++calls[i];
        text.append(1, '<').append(std::to_string(i)).append(i % 7, '.').append(1, '>');
      });
      std::string expected;
      for (std::size_t i = 0; i < count; ++i) {
        expected.append(1, '<').append(std::to_string(i)).append(i % 7, '.').append(1, '>');
        CHECK(calls[i].load() == 1);
      }
      CHECK(out.str() == expected);
    }
  }
}

TEST_CASE("worker_threads: at most the cores and the bound, at least one")
{
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  CHECK(worker_threads(4) == static_cast<int>(std::min(4u, cores)));
  CHECK(worker_threads(1) == 1);
  CHECK(worker_threads(0) == 1);
  CHECK(worker_threads(1000) == static_cast<int>(cores));
}

TEST_CASE("start_thread runs fn on a thread that may then use every core the process may")
{
  cpu_set_t before;
  REQUIRE(sched_getaffinity(0, sizeof before, &before) == 0);
  auto run = [] {
    cpu_set_t seen;
    CPU_ZERO(&seen);
    int here = -1;
    std::thread t = start_thread([&] {
      pthread_getaffinity_np(pthread_self(), sizeof seen, &seen);
      here = sched_getcpu();
    });
    t.join();
    return std::pair{seen, here};
  };
  const auto [seen, here] = run();
  CHECK(CPU_EQUAL(&seen, &before));
  CHECK(CPU_ISSET(here, &before));
  // Restricted to one core, there is no other to place it on.
  cpu_set_t one;
  CPU_ZERO(&one);
  CPU_SET(sched_getcpu(), &one);
  REQUIRE(pthread_setaffinity_np(pthread_self(), sizeof one, &one) == 0);
  const auto [seen1, here1] = run();
  CHECK(CPU_EQUAL(&seen1, &one));
  CHECK(CPU_ISSET(here1, &one));
  REQUIRE(pthread_setaffinity_np(pthread_self(), sizeof before, &before) == 0);
}
