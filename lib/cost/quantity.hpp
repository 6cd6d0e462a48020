#pragma once
/// Kubernetes resource quantities ("500m", "1.5", "128Mi", "1G", "2e9") as
/// numbers: CPU in cores, memory and storage in GiB.
#include <string_view>

#include <pave/cost/json_member.hpp>
#include <pave/util/expected.hpp>

namespace pave::cost {

/// The value of a quantity in base units (cores, bytes): "500m" -> 0.5,
/// "128Mi" -> 134217728, "1k" -> 1000, "1e3" -> 1000. Error: `"12x" is not a
/// Kubernetes quantity`.
util::Result<double> parse_quantity(std::string_view text);
/// A JSON number as is (non-negative), a string as above; anything else is an error.
util::Result<double> parse_quantity(Value value);
util::Result<double> parse_quantity(double value);

/// parse_quantity() of a byte quantity, in GiB (2^30 bytes).
util::Result<double> parse_gib(std::string_view text);
util::Result<double> parse_gib(Value value);

} // namespace pave::cost
