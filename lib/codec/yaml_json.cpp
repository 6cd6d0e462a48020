#include <pave/codec/yaml_json.hpp>

#include <pave/codec/json.hpp>
#include <pave/codec/yaml.hpp>

#include <cctype>
#include <cstdlib>

#include <yaml-cpp/yaml.h>

namespace pave::codec {

namespace {

/// True when a plain scalar `s` would be read back as a bool, null or number
/// (YAML 1.1 or 1.2); yaml-cpp quotes strings with special characters itself.
bool reads_as_other_type(const std::string& s)
{
  if (s.empty() || s.front() == ' ' || s.back() == ' ') {
    return true;
  }
  std::string lower;
  for (char c : s) {
    lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  static const char* const k_words[] = {"true", "false", "yes", "no", "on", "off", "y", "n", "null", "~"};
  for (const char* w : k_words) {
    if (lower == w) {
      return true;
    }
  }
  // Numbers, including YAML 1.1's "1_000" and "0x1F" forms.
  std::string digits;
  for (char c : s) {
    if (c != '_') {
      digits += c;
    }
  }
  char* end = nullptr;
  std::strtod(digits.c_str(), &end);
  return end != nullptr && *end == '\0';
}

void emit_yaml(YAML::Emitter& e, const nlohmann::ordered_json& j)
{
  switch (j.type()) {
  case nlohmann::json::value_t::object:
    if (j.empty()) {
      e << YAML::Flow << YAML::BeginMap << YAML::EndMap;
      return;
    }
    e << YAML::BeginMap;
    for (const auto& [k, v] : j.items()) {
      e << YAML::Key;
      if (reads_as_other_type(k)) {
        e << YAML::DoubleQuoted << k;
      } else {
        e << k;
      }
      e << YAML::Value;
      emit_yaml(e, v);
    }
    e << YAML::EndMap;
    return;
  case nlohmann::json::value_t::array:
    if (j.empty()) {
      e << YAML::Flow << YAML::BeginSeq << YAML::EndSeq;
      return;
    }
    e << YAML::BeginSeq;
    for (const auto& v : j) {
      emit_yaml(e, v);
    }
    e << YAML::EndSeq;
    return;
  case nlohmann::json::value_t::string: {
    const auto& s = j.get_ref<const std::string&>();
    if (reads_as_other_type(s)) {
      e << YAML::DoubleQuoted << s;
    } else {
      e << s;
    }
    return;
  }
  case nlohmann::json::value_t::boolean: e << (j.get<bool>() ? "true" : "false"); return;
  case nlohmann::json::value_t::number_integer: e << j.get<std::int64_t>(); return;
  case nlohmann::json::value_t::number_unsigned: e << j.get<std::uint64_t>(); return;
  case nlohmann::json::value_t::number_float: e << j.get<double>(); return;
  case nlohmann::json::value_t::null:
  default: e << YAML::Null; return;
  }
}

} // namespace

util::Result<nlohmann::json> yaml_to_json(std::string_view text, std::string_view source)
{
  PAVE_TRY_ASSIGN(tmpl::Value v, parse_yaml(text, source));
  PAVE_TRY_ASSIGN(std::string json, to_json(v));
  return nlohmann::json::parse(json);
}

std::string json_to_yaml(const nlohmann::ordered_json& value)
{
  YAML::Emitter e;
  e.SetIndent(2);
  emit_yaml(e, value);
  return std::string(e.c_str()) + "\n";
}

} // namespace pave::codec
