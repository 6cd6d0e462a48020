#pragma once
/// A bounded fan-out over a list of independent pieces of work.
#include <cstddef>
#include <functional>

namespace pave::util {

/// Calls fn(i) for every i in [0, count), on at most `max_threads` threads
/// (at least one; the calling thread is one of them), and returns when every
/// call has returned. Calls for different i run concurrently, so fn must only
/// touch what belongs to its i or is synchronised.
void parallel_for(std::size_t count, int max_threads, const std::function<void(std::size_t)>& fn);

/// `at_most` threads, or fewer when the machine has fewer cores (at least one).
int worker_threads(unsigned at_most);

} // namespace pave::util
