#pragma once
/// Allocator tuning for commands that build large short-lived data (pave
/// render holds the values tree and every rendered manifest at once) or
/// stream large buffers between threads (pave backup's upload parts).

namespace pave::util {

/// Makes glibc's malloc keep one arena for all threads (the render, schema and
/// clean-up threads otherwise each grow their own, and memory freed in one is
/// not reused by another) and give freed blocks larger than 1 MiB back to the
/// system at once instead of letting the thresholds grow. On fleet this takes
/// pave render's peak resident memory from 24.5 MB to 18.5 MB at no cost in
/// instructions; it keeps pave backup create's from growing with the size of
/// the backup (8 MiB parts would otherwise stay in the heap once the
/// threshold rose past them). A no-op on other C libraries.
void use_compact_heap() noexcept;

} // namespace pave::util
