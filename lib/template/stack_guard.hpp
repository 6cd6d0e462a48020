#pragma once
/// Deep recursion without stack overflow: the parser and executor recurse per
/// nesting level (Go's goroutine stacks grow; ours do not), so they run on a
/// thread with a large stack and check the remaining space as they descend.
#include <cstddef>
#include <functional>

namespace pave::tmpl {

/// Thrown by check_stack() when the current thread's stack is nearly used up.
struct StackExhausted
{
};

/// True when less than a safety reserve of stack is left on this thread.
/// Cheap: one comparison after the first call on a thread.
bool stack_exhausted();
/// Throws StackExhausted when stack_exhausted().
void check_stack();

/// Runs fn on the current thread when it has at least `needed` bytes of stack
/// left, else on a new thread with a stack of `needed` bytes (reserved, and
/// committed only as used), rethrowing whatever fn throws.
void run_with_stack(std::size_t needed, const std::function<void()>& fn);

} // namespace pave::tmpl
