// Fuzzes cost-report's readers: the price catalog (JSON), the usage file
// (YAML), Kubernetes quantities and cron schedules. The first byte picks the
// reader; any input is a value or a one-line error. A catalog that parses
// must survive a round trip through catalog_to_json.
#include <cstddef>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include <pave/cost/catalog.hpp>
#include <pave/cost/config.hpp>
#include <pave/cost/cron.hpp>
#include <pave/cost/quantity.hpp>
#include <pave/cost/usage.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  if (size == 0) {
    return 0;
  }
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 5) {
  case 0: {
    auto c = pave::cost::parse_catalog(text, "fuzz.json");
    if (c) {
      auto again = pave::cost::parse_catalog(pave::cost::catalog_to_json(*c), "again.json");
      if (!again || again->regions.size() != c->regions.size()) {
        __builtin_trap();
      }
    }
    break;
  }
  case 1: {
    auto u = pave::cost::parse_usage(text, "fuzz.yml");
    if (u) {
      (void)u->number("S3Bucket", "x", "storage_gb", 0);
    }
    break;
  }
  case 2: (void)pave::cost::parse_quantity(std::string(text)); break;
  case 3: (void)pave::cost::runs_per_month(text); break;
  default: {
    auto j = nlohmann::json::parse(text, nullptr, false);
    if (!j.is_discarded()) {
      (void)pave::cost::parse_cost_config(j, "pave.toml");
    }
  }
  }
  return 0;
}
