// Fuzzes the saved-plan reader: any input is a plan or a one-line error.
// Inputs starting with '{' are also re-checksummed, so that the reader
// behind the checksum (plan_from_json) is reached too.
#include <cstddef>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include <pave/plan/plan_file.hpp>
#include <pave/util/sha256.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)pave::plan::parse_plan(text, "fuzz.plan");
  auto j = nlohmann::ordered_json::parse(text, nullptr, false);
  if (j.is_object()) {
    j.erase("checksum");
    j["checksum"] = pave::util::sha256_tagged(j.dump());
    (void)pave::plan::parse_plan(j.dump(), "fuzz.plan");
  }
  return 0;
}
