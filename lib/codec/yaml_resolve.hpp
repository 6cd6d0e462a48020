#pragma once
/// yaml.v2's resolve(): what a plain YAML 1.1 scalar means (null, bool, int,
/// float, timestamp or string), and whether an explicit tag fits the text.
/// Both the reader (values) and the writer (quoting decisions) use it.
#include <cstdint>
#include <string>
#include <string_view>

namespace pave::codec {

inline constexpr std::string_view k_yaml_tag_prefix = "tag:yaml.org,2002:";
inline constexpr std::string_view k_yaml_str_tag = "tag:yaml.org,2002:str";
inline constexpr std::string_view k_yaml_binary_tag = "tag:yaml.org,2002:binary";
inline constexpr std::string_view k_yaml_merge_tag = "tag:yaml.org,2002:merge";

/// The resolved tag of a scalar.
enum class YamlKind : std::uint8_t { str, null_, boolean, int_, uint_, float_, timestamp, merge, binary, other };

struct YamlScalar
{
  YamlKind kind = YamlKind::str;
  bool b = false;
  std::int64_t i = 0;
  std::uint64_t u = 0;
  double f = 0;
};

/// resolve(tag, in) of yaml.v2 for a scalar with tag `tag` (full form, empty
/// for a plain untagged scalar). Returns false when the tag does not fit the
/// text and sets `error` to yaml.v2's text ("cannot decode !!str `x` as a !!int").
/// A !!float tag turns an integer into a float like yaml.v2 does.
bool yaml_resolve(std::string_view tag, std::string_view in, YamlScalar& out, std::string& error);

/// True when yaml.v2 would write `s` unquoted: it resolves to a string as a
/// plain scalar and is not a YAML 1.1 base-60 float (encoder's stringv).
bool yaml_v2_plain_is_string(std::string_view s);
/// The same decision for yaml.v3 (YAML 1.2 resolution, plus its "old bool"
/// and base-60 checks).
bool yaml_v3_plain_is_string(std::string_view s);

/// Go's strconv.ParseInt(s, 0, 64) / ParseUint(s, 0, 64) without underscores.
bool go_parse_int(std::string_view s, int base, std::int64_t& out);
bool go_parse_uint(std::string_view s, int base, std::uint64_t& out);
/// Go's strconv.ParseFloat(s, 64) for decimal text; false on syntax error or overflow.
bool go_parse_float(std::string_view s, double& out);

/// The short form of a tag for messages ("!!int").
std::string yaml_short_tag(std::string_view tag);

} // namespace pave::codec
