// Fuzzes the state file readers: any input yields a state or an error, never a
// crash; a state that is read serialises to bytes that read back and
// serialise to the same bytes. The record-by-record reader (StateFile, as
// cost-report uses it) and the header reader see the same inputs.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include <pave/state/state_file.hpp>
#include <pave/state/state_reader.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  const std::string_view text(reinterpret_cast<const char*>(data), size);
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
  }
  return 0;
}
