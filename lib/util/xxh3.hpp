#pragma once
/// XXH3-128 (libxxhash), the checksum of state files from format 2 on: a
/// non-cryptographic hash that detects truncation and any accidental change
/// at memory speed (SHA-256 is ~10x slower and, unkeyed, no better against a
/// deliberate edit: whoever edits a file can recompute either).
#include <string>
#include <string_view>

namespace pave::util {

/// "xxh3-128:" followed by the 32 lowercase hex digits of XXH3-128(data) in
/// its canonical (big-endian) form, as `xxhsum -H2` and Python's
/// xxhash.xxh3_128().hexdigest() print it.
std::string xxh3_128_tagged(std::string_view data);

} // namespace pave::util
