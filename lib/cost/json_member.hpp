#pragma once
/// Lenient member access for the Kubernetes and cloud objects cost-report
/// prices: missing keys and non-objects read as null, never throw.
#include <string_view>

#include <nlohmann/json.hpp>

namespace pave::cost {

/// j[key] when j is an object holding key; a null json otherwise.
inline const nlohmann::json& json_member(const nlohmann::json& j, std::string_view key)
{
  static const nlohmann::json k_null;
  if (!j.is_object()) {
    return k_null;
  }
  const auto it = j.find(key);
  return it == j.end() ? k_null : *it;
}

} // namespace pave::cost
