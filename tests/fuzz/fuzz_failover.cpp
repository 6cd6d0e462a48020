// Fuzzes the failover readers: the journal (any input yields a journal or an
// error, and a journal read serialises to text that reads back), the
// [failover] table (as JSON, the form pave.toml hands it over) and the state's
// failover history section.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include <pave/failover/config.hpp>
#include <pave/failover/history.hpp>
#include <pave/failover/journal.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (auto j = pave::failover::parse_journal(text, "fuzz.json")) {
    const std::string again = pave::failover::serialize_journal(*j);
    if (!pave::failover::parse_journal(again, "again.json")) {
      std::abort();
    }
  }
  const auto doc = nlohmann::json::parse(text, nullptr, false);
  if (doc.is_discarded()) {
    return 0;
  }
  (void)pave::failover::parse_config(doc, "pave.toml");
  pave::state::State s;
  s.environment = "fuzz";
  s.sections["failover"] = doc;
  if (auto h = pave::failover::read_history(s)) {
    pave::failover::write_history(s, *h);
    if (!pave::failover::read_history(s)) {
      std::abort();
    }
  }
  return 0;
}
