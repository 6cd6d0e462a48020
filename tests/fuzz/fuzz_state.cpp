// Fuzzes the state file reader: any input yields a state or an error, never a
// crash; a state that is read serialises to bytes that read back and
// serialise to the same bytes. The record-by-record reader (StateFile, as
// cost-report uses it) and the header reader see the same inputs. The
// backup's reader (scan_state) is checked
// against it: it refuses what parse_state refuses, with the same message,
// reads the same resources from what parse_state reads, and streams what
// serialize_state writes.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include <pave/state/state_file.hpp>
#include <pave/state/state_reader.hpp>
#include <pave/state/state_scan.hpp>

namespace {

bool same_resources(const pave::state::StateIndex& index, const pave::state::State& s)
{
  if (index.resources.size() != s.resources.size() || index.serial != s.serial || index.lineage != s.lineage) {
    return false;
  }
  for (std::size_t i = 0; i < s.resources.size(); ++i) {
    const auto& a = index.resources[i];
    const auto& b = s.resources[i];
    if (a.address != b.address || a.api_version != b.api_version || a.kind != b.kind || a.namespace_ != b.namespace_ ||
        a.name != b.name) {
      return false;
    }
  }
  return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  {
    const auto parsed = pave::state::parse_state(text, "fuzz.json");
    const auto scanned = pave::state::scan_state(text, "fuzz.json");
    if (parsed && (!scanned || !same_resources(*scanned, *parsed))) {
      std::abort();
    }
    if (!scanned && (parsed || scanned.error().message != parsed.error().message)) {
      std::abort();
    }
  }
  pave::state::ParseOptions lenient;
  lenient.require_checksum = false; // reach the decoder without forging checksums
  (void)pave::state::parse_state_header(text, "fuzz.json");
  if (auto file = pave::state::open_state_file(std::string(text), "fuzz.json", lenient)) {
    simdjson::dom::parser parser;
    for (std::size_t i = 0; i < file->resource_count(); ++i) {
      (void)file->resource(i, parser);
    }
  }
  for (const auto& options : {pave::state::ParseOptions{}, lenient}) {
    auto s = pave::state::parse_state(text, "fuzz.json", options);
    if (!s) {
      continue;
    }
    const auto bytes = pave::state::serialize_state(*s);
    if (!bytes) {
      continue;
    }
    const auto back = pave::state::parse_state(*bytes, "again.json");
    if (!back) {
      std::abort();
    }
    const auto again = pave::state::serialize_state(*back);
    if (!again || *again != *bytes) {
      std::abort();
    }
    const auto scanned = pave::state::scan_state(*bytes, "again.json");
    if (!scanned || !scanned->streamed || !same_resources(*scanned, *back)) {
      std::abort();
    }
  }
  return 0;
}
