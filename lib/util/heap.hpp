#pragma once
/// Allocator tuning for commands that build large short-lived data (pave
/// render holds the values tree and every rendered manifest at once) or
/// stream large buffers between threads (pave backup's upload parts), and
/// leaving such data to the process's exit.
#include <memory>
#include <tuple>
#include <type_traits>

namespace pave::util {

/// Makes glibc's malloc keep at most `arenas` arenas for all threads (the
/// render, schema and clean-up threads otherwise each grow their own, and
/// memory freed in one is not reused by another) and give freed blocks larger
/// than 1 MiB back to the system at once instead of letting the thresholds
/// grow. On fleet this takes pave render's peak resident memory from 24.5 MB
/// to 18.5 MB at no cost in instructions; it keeps pave backup create's from
/// growing with the size of the backup (8 MiB parts would otherwise stay in
/// the heap once the threshold rose past them). pave render asks for two
/// arenas: with one, its two template parsing threads took turns on the
/// arena's lock and parsed more slowly than one thread alone. A no-op on
/// other C libraries.
void use_compact_heap(int arenas = 1) noexcept;

/// Makes glibc's malloc grow its heaps 32 MiB at a time (M_TOP_PAD; default
/// 128 KiB), for a command that allocates a large result on several threads
/// and keeps it to the end (pave cost-report of a large state: about 80 MB of
/// line items). Each growth of a thread's arena is an mprotect() call that
/// splits and merges its mappings; with the default that was 6% of such a
/// run and about 30 ms of its system time. Memory is still only committed
/// as it is touched. A no-op on other C libraries.
void use_growing_heap() noexcept;

/// leave_to_exit() of one object already held by a shared_ptr.
void park_until_exit(std::shared_ptr<const void> garbage);

/// Keeps `garbage` (moved in) unfreed until the process exits, for what a
/// command no longer needs just before it ends: the exit returns the memory
/// at once, where destructors free it block by block (as compilers and
/// linkers do: clang's -disable-free, mold). A cost report of 100,000
/// resources is about 500,000 blocks, 20 ms of a 280 ms run. It stays
/// reachable, so LeakSanitizer does not report it.
template <typename... T> void leave_to_exit(T&&... garbage)
{
  park_until_exit(std::make_shared<std::tuple<std::decay_t<T>...>>(std::forward<T>(garbage)...));
}

} // namespace pave::util
