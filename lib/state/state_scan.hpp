#pragma once
/// Reading what a backup needs of a state file without building it in
/// memory: its header and the identity of every resource. The current format
/// (2, one record a line) is read record by record through StateFile, so
/// memory holds the file's bytes and the identities (~250 bytes a resource),
/// never a State with every applied object. Anything else (formats 0 and 1,
/// a hand-formatted document) is read with parse_state(), so results and
/// error messages are always parse_state()'s: a file parse_state() reads is
/// scanned to the same identities, and a file it refuses for its syntax,
/// format, checksum or resources is refused with the same error. Like
/// parse_state_header(), the scan does not decode the revisions or the pool.
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
