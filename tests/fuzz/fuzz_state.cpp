// Fuzzes the state file reader: any input yields a state or an error, never a
// crash; a state that is read serialises to bytes that read back and
// serialise to the same bytes.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include <pave/state/state_file.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  pave::state::ParseOptions lenient;
  lenient.require_checksum = false; // reach the decoder without forging checksums
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
