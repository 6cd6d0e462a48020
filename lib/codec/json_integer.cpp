#include <pave/codec/json_integer.hpp>

#include <string>

#include <fmt/format.h>

namespace pave::codec {

std::optional<std::int64_t> json_integer(const nlohmann::json& v, std::int64_t lo, std::int64_t hi)
{
  if (v.is_number_unsigned()) {
    const auto u = v.get<std::uint64_t>();
    if (hi < 0 || u > static_cast<std::uint64_t>(hi)) {
      return std::nullopt;
    }
    const auto i = static_cast<std::int64_t>(u);
    return i >= lo ? std::optional(i) : std::nullopt;
  }
  if (v.is_number_integer()) {
    const auto i = v.get<std::int64_t>();
    return i >= lo && i <= hi ? std::optional(i) : std::nullopt;
  }
  return std::nullopt;
}

std::int64_t json_integer_at(const nlohmann::json& obj, const char* key, std::int64_t lo, std::int64_t hi)
{
  const auto& v = obj.at(key);
  if (const auto i = json_integer(v, lo, hi)) {
    return *i;
  }
  std::string what = std::string(key) + " must be an integer";
  if (lo != std::numeric_limits<std::int64_t>::min() || hi != std::numeric_limits<std::int64_t>::max()) {
    what += fmt::format(" from {} to {}", lo, hi);
  }
  throw nlohmann::json::type_error::create(302, what, &v);
}

} // namespace pave::codec
