#include <pave/chart/user_values.hpp>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include <pave/chart/coalesce.hpp>
#include <pave/chart/manifest.hpp>
#include <pave/chart/strvals.hpp>
#include <pave/codec/yaml.hpp>

namespace pave::chart {

using tmpl::Value;

namespace {

/// Go's text for an errno ("no such file or directory").
std::string go_errno_text(int err)
{
  std::string s = std::strerror(err);
  if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') {
    s[0] = static_cast<char>(s[0] - 'A' + 'a');
  }
  return s;
}

} // namespace

util::Result<std::string> read_value_input(const std::string& path)
{
  if (trim_space(path) == "-") {
    return std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return util::fail("open {}: {}", path, go_errno_text(errno));
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

util::Result<Value> merge_user_values(const ValueSources& o)
{
  Value base = Value::map();
  for (const auto& f : o.files) {
    PAVE_TRY_ASSIGN(std::string text, read_value_input(f));
    auto cur = codec::unmarshal_yaml(text, codec::YamlTarget::map);
    if (!cur) {
      return util::fail("failed to parse {}: {}", f, cur.error().message);
    }
    base = merge_maps(base, *cur);
  }
  for (const auto& s : o.set_json) {
    const std::string_view t = trim_left_space(s);
    if (!t.empty() && t.front() == '{') {
      auto m = parse_json_value(t);
      if (!m || !m->is_map()) {
        return util::fail("failed parsing --set-json data JSON: {}", s);
      }
      base = merge_maps(base, *m);
    } else if (auto r = parse_set_json_into(s, base); !r) {
      return util::fail("failed parsing --set-json data {}: {}", s, r.error().message);
    }
  }
  for (const auto& s : o.set) {
    if (auto r = parse_set_into(s, base); !r) {
      return util::fail("failed parsing --set data: {}", r.error().message);
    }
  }
  for (const auto& s : o.set_string) {
    if (auto r = parse_set_string_into(s, base); !r) {
      return util::fail("failed parsing --set-string data: {}", r.error().message);
    }
  }
  const StrvalsReader file_reader = [](std::string_view path) -> util::Result<Value> {
    PAVE_TRY_ASSIGN(std::string data, read_value_input(std::string(path)));
    return Value(std::move(data));
  };
  for (const auto& s : o.set_file) {
    if (auto r = parse_set_file_into(s, base, file_reader); !r) {
      return util::fail("failed parsing --set-file data: {}", r.error().message);
    }
  }
  return base;
}

} // namespace pave::chart
