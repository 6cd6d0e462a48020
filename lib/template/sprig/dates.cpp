// Sprig's date.go (now, date, dateInZone, dateModify, duration,
// durationRound, ago, toDate, unixEpoch, htmlDate ...) over gotime, with
// time.Time values as template objects.
#include <pave/template/sprig/cast.hpp>
#include <pave/template/sprig/common.hpp>
#include <pave/template/sprig/gotime.hpp>

namespace pave::tmpl::sprig {

namespace {

/// A named integer type with a String method (time.Month, time.Weekday).
class NamedInt : public Object
{
public:
  NamedInt(std::string type, std::int64_t v, std::string name) : m_type(std::move(type)), m_v(v), m_name(std::move(name)) {}
  std::string type_name() const override { return m_type; }
  std::string kind_name() const override { return "int"; }
  std::string format() const override { return m_name; }
  Value to_data() const override { return int_value(m_v); }
  bool truth() const override { return m_v != 0; }
  bool has_method(std::string_view name) const override { return name == "String"; }
  std::optional<Value> member(std::string_view name, std::span<const Value>) const override
  {
    if (name == "String") {
      return Value(m_name);
    }
    return std::nullopt;
  }

private:
  std::string m_type;
  std::int64_t m_v;
  std::string m_name;
};

class TimeObject : public Object
{
public:
  explicit TimeObject(gotime::Time t) : m_t(std::move(t)) {}
  std::string type_name() const override { return "time.Time"; }
  std::string format() const override { return gotime::to_string(m_t); }
  Value to_data() const override { return Value(gotime::format(m_t, "2006-01-02T15:04:05.999999999Z07:00")); }
  bool has_method(std::string_view name) const override { return name != "" && known(name); }
  std::optional<Value> member(std::string_view name, std::span<const Value> args) const override;
  const gotime::Time& time() const { return m_t; }

private:
  static bool known(std::string_view name)
  {
    for (const char* m : {"String", "Format", "Unix", "UnixNano", "UnixMilli", "UnixMicro", "UTC", "Local", "Year",
                          "Month", "Day", "Hour", "Minute", "Second", "Nanosecond", "YearDay", "Weekday", "IsZero",
                          "Add", "AddDate", "Sub", "Before", "After", "Equal"}) {
      if (name == m) {
        return true;
      }
    }
    return false;
  }
  gotime::Time m_t;
};

Value time_value(gotime::Time t)
{
  return Value::object(std::make_shared<TimeObject>(std::move(t)));
}

const TimeObject* as_time(const Value& v)
{
  return v.is_object() ? dynamic_cast<const TimeObject*>(&v.as_object()) : nullptr;
}

/// A time.Time parameter.
const gotime::Time& arg_time(const Value& v)
{
  if (const TimeObject* t = as_time(v)) {
    return t->time();
  }
  fail("wrong type for value; expected time.Time; got " + v.type_name());
}

void want(std::string_view name, std::span<const Value> args, std::size_t n)
{
  if (args.size() != n) {
    fail("wrong number of args for " + std::string(name) + ": want " + std::to_string(n) + " got "
         + std::to_string(args.size()));
  }
}

std::optional<Value> TimeObject::member(std::string_view name, std::span<const Value> args) const
{
  if (!known(name)) {
    return std::nullopt;
  }
  auto c = gotime::civil(m_t);
  if (name == "Format") {
    want(name, args, 1);
    return Value(gotime::format(m_t, arg_string(args[0])));
  }
  if (name == "Add") {
    want(name, args, 1);
    return time_value(gotime::add(m_t, arg_int(args[0])));
  }
  if (name == "AddDate") {
    want(name, args, 3);
    gotime::Time t = gotime::date(c.year + arg_int(args[0]), c.month + arg_int(args[1]), c.day + arg_int(args[2]),
                                  c.hour, c.minute, c.second, m_t.nsec, m_t.loc);
    return time_value(t);
  }
  if (name == "Sub" || name == "Before" || name == "After" || name == "Equal") {
    want(name, args, 1);
    const gotime::Time& u = arg_time(args[0]);
    std::int64_t d = gotime::sub(m_t, u);
    if (name == "Sub") {
      return Value(d, IntType::int64);
    }
    return Value(name == "Before" ? d < 0 : name == "After" ? d > 0 : d == 0);
  }
  want(name, args, 0);
  if (name == "String") {
    return Value(gotime::to_string(m_t));
  }
  if (name == "Unix") {
    return int64_value(m_t.sec);
  }
  if (name == "UnixNano") {
    return int64_value(m_t.sec * 1000000000 + m_t.nsec);
  }
  if (name == "UnixMilli") {
    return int64_value(m_t.sec * 1000 + m_t.nsec / 1000000);
  }
  if (name == "UnixMicro") {
    return int64_value(m_t.sec * 1000000 + m_t.nsec / 1000);
  }
  if (name == "UTC" || name == "Local") {
    gotime::Time t = m_t;
    t.loc = name == "UTC" ? gotime::Location::utc() : gotime::Location::local();
    return time_value(t);
  }
  if (name == "Year") {
    return int_value(c.year);
  }
  if (name == "Month") {
    return Value::object(std::make_shared<NamedInt>("time.Month", c.month, gotime::k_month_names[c.month - 1]));
  }
  if (name == "Weekday") {
    return Value::object(std::make_shared<NamedInt>("time.Weekday", c.weekday, gotime::k_day_names[c.weekday]));
  }
  if (name == "Day") {
    return int_value(c.day);
  }
  if (name == "Hour") {
    return int_value(c.hour);
  }
  if (name == "Minute") {
    return int_value(c.minute);
  }
  if (name == "Second") {
    return int_value(c.second);
  }
  if (name == "Nanosecond") {
    return int_value(m_t.nsec);
  }
  if (name == "YearDay") {
    return int_value(c.yearday);
  }
  if (name == "IsZero") {
    return Value(m_t.is_zero());
  }
  return std::nullopt;
}

/// Sprig's dateInZone: the time of `date` (time.Time, int, int64, int32; else now).
gotime::Time date_arg(const Value& date, bool accept_int32 = true)
{
  if (const TimeObject* t = as_time(date)) {
    return t->time();
  }
  if (date.is_int()) {
    IntType it = date.int_type();
    if (it == IntType::int64 || it == IntType::int_ || (accept_int32 && it == IntType::int32)) {
      return gotime::unix(date.as_int());
    }
  }
  return gotime::now();
}

std::string date_in_zone(std::string_view fmt, const Value& date, std::string_view zone)
{
  gotime::Time t = date_arg(date);
  auto loc = gotime::Location::load(zone);
  if (!loc) {
    loc = gotime::Location::utc();
  }
  t.loc = loc;
  return gotime::format(t, fmt);
}

gotime::Time zero_time()
{
  gotime::Time t;
  t.loc = gotime::Location::utc();
  return t;
}

} // namespace

void add_date_functions(FunctionTable& t)
{
  def(t, "now", {{}}, [](CallContext&, Args) { return time_value(gotime::now()); });
  def(t, "date", {{P::string, P::any}},
      [](CallContext&, Args a) { return Value(date_in_zone(arg_string(a[0]), a[1], "Local")); });
  for (const char* name : {"dateInZone", "date_in_zone"}) {
    def(t, name, {{P::string, P::any, P::string}},
        [](CallContext&, Args a) { return Value(date_in_zone(arg_string(a[0]), a[1], arg_string(a[2]))); });
  }
  def(t, "htmlDate", {{P::any}}, [](CallContext&, Args a) { return Value(date_in_zone("2006-01-02", a[0], "Local")); });
  def(t, "htmlDateInZone", {{P::any, P::string}},
      [](CallContext&, Args a) { return Value(date_in_zone("2006-01-02", a[0], arg_string(a[1]))); });
  for (const char* name : {"dateModify", "date_modify"}) {
    def(t, name, {{P::string, P::any}}, [](CallContext&, Args a) {
      const gotime::Time& date = arg_time(a[1]);
      std::string error;
      auto d = gotime::parse_duration(arg_string(a[0]), error);
      return time_value(d ? gotime::add(date, *d) : date);
    });
  }
  for (const char* name : {"mustDateModify", "must_date_modify"}) {
    def(t, name, {{P::string, P::any}, false, true}, [](CallContext&, Args a) {
      const gotime::Time& date = arg_time(a[1]);
      std::string error;
      auto d = gotime::parse_duration(arg_string(a[0]), error);
      if (!d) {
        fail(error);
      }
      return time_value(gotime::add(date, *d));
    });
  }
  def(t, "ago", {{P::any}}, [](CallContext&, Args a) {
    gotime::Time then = date_arg(a[0], false);
    std::int64_t d = gotime::sub(gotime::now(), then);
    return Value(gotime::duration_string(gotime::duration_round(d, 1000000000)));
  });
  def(t, "duration", {{P::any}}, [](CallContext&, Args a) {
    std::int64_t n = 0;
    if (a[0].is_string()) {
      n = go_atoi(a[0].as_string());
    } else if (a[0].is_int() && a[0].int_type() == IntType::int64) {
      n = a[0].as_int();
    }
    return Value(gotime::duration_string(static_cast<std::int64_t>(static_cast<std::uint64_t>(n) * 1000000000ULL)));
  });
  def(t, "durationRound", {{P::any}}, [](CallContext&, Args a) {
    std::int64_t d = 0;
    if (a[0].is_string()) {
      std::string error;
      d = gotime::parse_duration(a[0].as_string(), error).value_or(0);
    } else if (a[0].is_int() && a[0].int_type() == IntType::int64) {
      d = a[0].as_int();
    } else if (const TimeObject* tm = as_time(a[0])) {
      d = gotime::sub(gotime::now(), tm->time());
    }
    auto u = static_cast<std::uint64_t>(d);
    if (d < 0) {
      u = 0 - u;
    }
    constexpr std::uint64_t k_hour = 3600ULL * 1000000000ULL;
    const std::uint64_t units[] = {k_hour * 24 * 365, k_hour * 24 * 30, k_hour * 24, k_hour, 60ULL * 1000000000ULL,
                                   1000000000ULL};
    const char* names[] = {"y", "mo", "d", "h", "m", "s"};
    for (int i = 0; i < 6; ++i) {
      if (u > units[i]) {
        return Value(std::to_string(u / units[i]) + names[i]);
      }
    }
    return Value("0s");
  });
  def(t, "toDate", {{P::string, P::string}}, [](CallContext&, Args a) {
    std::string error;
    auto r = gotime::parse(arg_string(a[0]), arg_string(a[1]), gotime::Location::local(), error);
    return time_value(r ? *r : zero_time());
  });
  def(t, "mustToDate", {{P::string, P::string}, false, true}, [](CallContext&, Args a) {
    std::string error;
    auto r = gotime::parse(arg_string(a[0]), arg_string(a[1]), gotime::Location::local(), error);
    if (!r) {
      fail(error);
    }
    return time_value(*r);
  });
  def(t, "unixEpoch", {{P::any}}, [](CallContext&, Args a) { return Value(std::to_string(arg_time(a[0]).sec)); });
}

} // namespace pave::tmpl::sprig
