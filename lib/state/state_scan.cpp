// scan_state(): a state file's header and resource identities, read record by
// record through StateFile (see state_scan.hpp).
#include <pave/state/state_scan.hpp>

#include <iterator>

#include <pave/state/state_file.hpp>
#include <pave/state/state_reader.hpp>

namespace pave::state {

namespace {

/// The index of a state parse_state() reads (older formats, hand layouts).
util::Result<StateIndex> index_by_parsing(std::string_view bytes, std::string_view source)
{
  PAVE_TRY_ASSIGN(const State s, parse_state(bytes, source));
  StateIndex out;
  out.serial = s.serial;
  out.lineage = s.lineage;
  out.environment = s.environment;
  out.resources.reserve(s.resources.size());
  for (const auto& r : s.resources) {
    out.resources.push_back(ResourceIdentity{r.address, r.api_version, r.kind, r.namespace_, r.name});
  }
  return out;
}

} // namespace

util::Result<StateIndex> scan_state(std::string_view bytes, std::string_view source_name)
{
  if (!is_layout_v2(bytes)) {
    return index_by_parsing(bytes, source_name);
  }
  PAVE_TRY_ASSIGN(const StateFile file, StateFile::open(bytes, source_name));
  StateIndex out;
  out.serial = file.header().serial;
  out.lineage = file.header().lineage;
  out.environment = file.header().environment;
  out.streamed = true;
  out.resources.reserve(file.resource_count());
  simdjson::dom::parser parser;
  for (std::size_t i = 0; i < file.resource_count(); ++i) {
    PAVE_TRY_ASSIGN(const ResourceView v, file.resource(i, parser));
    if (!out.resources.empty() && out.resources.back().address >= v.address) {
      // read_state()'s check, with its message.
      return util::fail("state file {} is invalid: resources[{}]: address \"{}\" is out of order or repeated",
                        source_name, i, v.address);
    }
    out.resources.push_back(ResourceIdentity{std::string(v.address), std::string(v.api_version), std::string(v.kind),
                                             std::string(v.namespace_), std::string(v.name)});
  }
  return out;
}

util::Result<StateIndex> scan_state(std::istream& in, std::string_view source_name)
{
  // Read in one exactly sized buffer when the stream can tell its size (a
  // state file): growing a string by doubling held 47 MB at once for a 21 MB
  // state. It is freed when the scan returns.
  std::string all;
  const auto start = in.tellg();
  if (start != std::streampos(-1) && in.seekg(0, std::ios::end)) {
    const auto end = in.tellg();
    in.seekg(start);
    if (end != std::streampos(-1) && end >= start) {
      all.resize(static_cast<std::size_t>(end - start));
      in.read(all.data(), static_cast<std::streamsize>(all.size()));
      all.resize(static_cast<std::size_t>(in.gcount()));
    }
  }
  in.clear(in.rdstate() & ~std::ios::failbit & ~std::ios::eofbit);
  all.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()); // the rest, if any
  if (in.bad()) {
    return util::fail("cannot read the state file {}", source_name);
  }
  return scan_state(std::string_view(all), source_name);
}

} // namespace pave::state
