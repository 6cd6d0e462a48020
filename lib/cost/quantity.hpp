#pragma once
/// Kubernetes resource quantities ("500m", "1.5", "128Mi", "1G", "2e9") as
/// numbers: CPU in cores, memory and storage in GiB.
#include <string_view>

#include <nlohmann/json.hpp>

#include <pave/util/expected.hpp>

namespace pave::cost {

/// The value of a quantity in base units (cores, bytes): "500m" -> 0.5,
/// "128Mi" -> 134217728, "1k" -> 1000, "1e3" -> 1000. A JSON number is taken
/// as is. Error: `"12x" is not a Kubernetes quantity`.
util::Result<double> parse_quantity(const nlohmann::json& value);

/// parse_quantity() of a byte quantity, in GiB (2^30 bytes).
util::Result<double> parse_gib(const nlohmann::json& value);

} // namespace pave::cost
