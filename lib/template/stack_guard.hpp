#pragma once
/// Deep recursion without stack overflow: the parser and executor recurse per
/// nesting level (Go's goroutine stacks grow; ours do not), so they run on a
/// thread with a large stack and check the remaining space as they descend.
#include <cstddef>
#include <functional>

namespace pave::tmpl {

/// True when less than a safety reserve of stack is left on this thread, or
/// when the job run_with_stack is running used up the `needed` it asked for.
/// Cheap: a couple of comparisons after the first call on a thread.
bool stack_exhausted();

/// Runs fn with `needed` bytes of stack: on the current stack when it has
/// about that much left, else on a stack that large (reserved, committed as
/// used, released after deep jobs) kept for later calls: this thread's own,
/// switched to with swapcontext, or under the sanitizers (and for a nested
/// call on that stack) a worker thread's. Rethrows whatever fn throws.
void run_with_stack(std::size_t needed, const std::function<void()>& fn);

} // namespace pave::tmpl
