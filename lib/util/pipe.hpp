#pragma once
/// Pipes that a large output goes through.
#include <cstddef>

namespace pave::util {

/// When `fd` is a pipe, asks Linux to let it hold up to `bytes` (capped at
/// 1 MiB, the most an unprivileged process may ask for by default), so that
/// writing a large output (pave render of a big chart: megabytes) blocks less
/// often on a reader that takes it 32 KiB at a time: each block is a wait for
/// the reader to be scheduled. A pipe is never shrunk; anything else, or a
/// refusal (the user's pipe quota), leaves `fd` as it was. Returns whether the
/// pipe now holds at least `bytes` (or 1 MiB).
bool widen_pipe(int fd, std::size_t bytes) noexcept;

} // namespace pave::util
