#pragma once
/// Reading what a backup needs of a state file without building it in
/// memory: its header and the identity of every resource. A state of 10,000
/// objects is ~12 MB on disk but ~100 MB as a document plus a State;
/// scan_state() reads it as a stream of tokens instead, recomputing the
/// checksum over the canonical text as it goes, so memory holds only the
/// identities (~250 bytes a resource).
///
/// The streamed reading applies to what pave writes: format 1, keys sorted,
/// no duplicate keys, a checksum. Anything else (a format-0 file, a hand
/// edit with keys out of order, a checksum mismatch, a field of the wrong
/// type) is read again with parse_state(), so results and error messages are
/// always parse_state()'s: a file parse_state() reads is scanned to the same
/// identities, and a file it refuses is refused with the same error. Like
/// parse_state_header(), the scan checks syntax, format, checksum and the
/// resources' fields, but not the revisions or the object pool.
#include <cstdint>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

#include <pave/util/expected.hpp>

namespace pave::state {

/// The identity of one resource record (ResourceRecord without its objects).
struct ResourceIdentity
{
  std::string address;
  std::string api_version, kind, namespace_, name;

  bool operator==(const ResourceIdentity&) const = default;
};

struct StateIndex
{
  std::uint64_t serial = 0;
  std::string lineage;
  std::string environment;
  std::vector<ResourceIdentity> resources; ///< sorted by address, as in the file
  bool streamed = false; ///< false when the file was read through parse_state() (see above)
};

/// Scans the state file read from `in` (from its current position to its
/// end). `source_name` names the file in errors, which are parse_state()'s.
util::Result<StateIndex> scan_state(std::istream& in, std::string_view source_name);

/// The same over bytes in memory.
util::Result<StateIndex> scan_state(std::string_view bytes, std::string_view source_name);

} // namespace pave::state
