#pragma once
/// A bounded fan-out over a list of independent pieces of work.
#include <cstddef>
#include <functional>
#include <ostream>
#include <string>
#include <thread>

namespace pave::util {

/// Calls fn(i) for every i in [0, count), on at most `max_threads` threads
/// (at least one; the calling thread is one of them), and returns when every
/// call has returned. Calls for different i run concurrently, so fn must only
/// touch what belongs to its i or is synchronised.
void parallel_for(std::size_t count, int max_threads, const std::function<void(std::size_t)>& fn);

/// Writes `count` parts of text to `out`, in order, each made by fn(i, text)
/// (into an empty string) on up to `max_threads` threads: a long output made
/// in parallel, holding no more than `max_threads` parts at a time.
void parallel_write(std::ostream& out, std::size_t count, int max_threads,
                    const std::function<void(std::size_t, std::string&)>& fn);

/// A new thread running fn, started on another core than the caller's when
/// the process may use one. Linux tends to queue a new thread on its parent's
/// core, where a busy parent keeps it waiting until the scheduler preempts it
/// or moves one of them: 1.5-4 ms on a 2-vCPU VM, longer than most of the
/// work pave hands to a second thread (0.1-0.15 ms when placed on the idle
/// core). The thread is only placed there: it may then run on any core the
/// process may use. Throws std::system_error like std::thread.
std::thread start_thread(std::function<void()> fn);

/// `at_most` threads, or fewer when the machine has fewer cores (at least one).
int worker_threads(unsigned at_most);

} // namespace pave::util
