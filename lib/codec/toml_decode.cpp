// toml.Decode into map[string]interface{} (BurntSushi/toml) on top of toml++.
#include <pave/codec/toml.hpp>

#include <memory>
#include <optional>

#include <fmt/format.h>
#include <toml++/toml.h>

namespace pave::codec {

namespace {

using tmpl::Value;

/// A TOML date or time as BurntSushi/toml decodes it: a time.Time, with
/// local values in the fixed zones "datetime-local", "date-local" and
/// "time-local" (taken to be UTC here). Prints like time.Time.String() and
/// serializes (toJson, toYaml) as RFC 3339 like time.Time.MarshalJSON.
class TomlTime final : public tmpl::Object
{
public:
  TomlTime(const toml::date& d, const toml::time& t, const std::optional<toml::time_offset>& offset,
           std::string_view local_zone)
  {
    const std::string date = fmt::format("{:04}-{:02}-{:02}", static_cast<int>(d.year), static_cast<int>(d.month),
                                         static_cast<int>(d.day));
    std::string clock = fmt::format("{:02}:{:02}:{:02}", static_cast<int>(t.hour), static_cast<int>(t.minute),
                                    static_cast<int>(t.second));
    if (t.nanosecond != 0) {
      std::string frac = fmt::format("{:09}", t.nanosecond);
      while (frac.back() == '0') {
        frac.pop_back();
      }
      clock += "." + frac;
    }
    const int minutes = offset ? offset->minutes : 0;
    const int a = minutes < 0 ? -minutes : minutes;
    const std::string numeric = fmt::format("{}{:02}{:02}", minutes < 0 ? '-' : '+', a / 60, a % 60);
    std::string zone = numeric;
    if (!offset) {
      zone = std::string(local_zone);
    } else if (minutes == 0) {
      zone = "UTC";
    }
    m_string = date + " " + clock + " " + numeric + " " + zone;
    m_rfc3339 = date + "T" + clock + (minutes == 0 ? std::string("Z") : fmt::format("{}{:02}:{:02}", minutes < 0 ? '-' : '+', a / 60, a % 60));
  }

  std::string type_name() const override { return "time.Time"; }
  std::optional<Value> member(std::string_view, std::span<const Value>) const override { return std::nullopt; }
  std::string format() const override { return m_string; }
  Value to_data() const override { return Value(m_rfc3339); }

private:
  std::string m_string;
  std::string m_rfc3339;
};

Value time_value(const toml::date& d, const toml::time& t, const std::optional<toml::time_offset>& offset,
                 std::string_view local_zone)
{
  return Value::object(std::make_shared<TomlTime>(d, t, offset, local_zone));
}

Value convert(const toml::node& n)
{
  switch (n.type()) {
  case toml::node_type::table: {
    tmpl::MapItems items;
    for (const auto& [k, v] : *n.as_table()) {
      items.insert_or_assign(std::string(k.str()), convert(v));
    }
    return Value::map(std::move(items));
  }
  case toml::node_type::array: {
    tmpl::ListItems items;
    for (const auto& v : *n.as_array()) {
      items.push_back(convert(v));
    }
    return Value::list(std::move(items));
  }
  case toml::node_type::string: return Value(std::string(n.as_string()->get()));
  case toml::node_type::integer: return Value(n.as_integer()->get(), tmpl::IntType::int64);
  case toml::node_type::floating_point: return Value(n.as_floating_point()->get());
  case toml::node_type::boolean: return Value(n.as_boolean()->get());
  case toml::node_type::date: return time_value(n.as_date()->get(), toml::time{}, std::nullopt, "date-local");
  case toml::node_type::time: return time_value(toml::date{0, 1, 1}, n.as_time()->get(), std::nullopt, "time-local");
  case toml::node_type::date_time: {
    const toml::date_time& dt = n.as_date_time()->get();
    return time_value(dt.date, dt.time, dt.offset, "datetime-local");
  }
  default: return {};
  }
}

} // namespace

util::Result<Value> parse_toml(std::string_view text)
{
  try {
    const toml::table table = toml::parse(text);
    return convert(table);
  } catch (const toml::parse_error& e) {
    return util::fail("toml: line {}: {}", e.source().begin.line, e.description());
  }
}

} // namespace pave::codec
