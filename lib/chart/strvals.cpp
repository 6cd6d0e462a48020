#include <pave/chart/strvals.hpp>

#include <charconv>
#include <string>

#include <nlohmann/json.hpp>

#include <pave/template/strconv.hpp>

namespace pave::chart {

using tmpl::Value;

namespace {

constexpr int k_max_index = 65536;
constexpr int k_max_nested_name_level = 30;

/// How a parse step ended: ok, end of input (Go's io.EOF, not an error at
/// top level), "not a list" (internal), or a real error.
enum class Status { ok, eof, not_list, error };

struct Outcome
{
  Status status = Status::ok;
  std::string message; ///< for Status::error
};

Outcome ok()
{
  return {};
}
Outcome eof()
{
  return {Status::eof, "EOF"};
}
Outcome error(std::string msg)
{
  return {Status::error, std::move(msg)};
}

/// Thrown for Go's runtime panics inside key(), recovered as "unable to parse key: ...".
struct Panic
{
  std::string message;
};

std::string go_type_of(const Value* v)
{
  if (v == nullptr || v->is_nil()) {
    return "nil";
  }
  return v->type_name();
}

bool is_unicode_space(char32_t r)
{
  switch (r) {
  case '\t': case '\n': case '\v': case '\f': case '\r': case ' ': case 0x85: case 0xA0:
  case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000:
    return true;
  default:
    return r >= 0x2000 && r <= 0x200A;
  }
}

bool equal_fold_ascii(std::string_view a, std::string_view b)
{
  if (a.size() != b.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') {
      x = static_cast<char>(x - 'A' + 'a');
    }
    if (x != y) {
      return false;
    }
  }
  return true;
}

/// strconv.ParseInt(s, 10, 64).
bool go_parse_int64(std::string_view s, std::int64_t& out)
{
  if (s.empty()) {
    return false;
  }
  bool neg = false;
  if (s[0] == '+' || s[0] == '-') {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s.empty()) {
    return false;
  }
  std::uint64_t u = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), u);
  if (ec != std::errc{} || p != s.data() + s.size()) {
    return false;
  }
  if (neg) {
    if (u > std::uint64_t(1) << 63) {
      return false;
    }
    out = static_cast<std::int64_t>(0 - u);
  } else {
    if (u > static_cast<std::uint64_t>(INT64_MAX)) {
      return false;
    }
    out = static_cast<std::int64_t>(u);
  }
  return true;
}

Value typed_val(std::string val, bool st)
{
  if (st) {
    return Value(std::move(val));
  }
  if (equal_fold_ascii(val, "true")) {
    return Value(true);
  }
  if (equal_fold_ascii(val, "false")) {
    return Value(false);
  }
  if (equal_fold_ascii(val, "null")) {
    return Value();
  }
  if (val == "0") {
    return Value(std::int64_t{0});
  }
  if (!val.empty() && val[0] != '0') {
    std::int64_t iv = 0;
    if (go_parse_int64(val, iv)) {
      return Value(iv);
    }
  }
  return Value(std::move(val));
}

// ---------------------------------------------------------------- JSON

/// Length of the first JSON value of `s` (after leading white space), as
/// json.Decoder.InputOffset reports it; npos when it does not end.
std::size_t json_value_end(std::string_view s)
{
  std::size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) {
    ++i;
  }
  if (i >= s.size()) {
    return std::string_view::npos;
  }
  const char c = s[i];
  if (c == '{' || c == '[') {
    int depth = 0;
    bool in_str = false;
    for (; i < s.size(); ++i) {
      const char x = s[i];
      if (in_str) {
        if (x == '\\') {
          ++i;
        } else if (x == '"') {
          in_str = false;
        }
      } else if (x == '"') {
        in_str = true;
      } else if (x == '{' || x == '[') {
        ++depth;
      } else if (x == '}' || x == ']') {
        if (--depth == 0) {
          return i + 1;
        }
      }
    }
    return std::string_view::npos;
  }
  if (c == '"') {
    for (++i; i < s.size(); ++i) {
      if (s[i] == '\\') {
        ++i;
      } else if (s[i] == '"') {
        return i + 1;
      }
    }
    return std::string_view::npos;
  }
  while (i < s.size() && s[i] != ',' && s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r' &&
         s[i] != '}' && s[i] != ']') {
    ++i;
  }
  return i;
}

Value from_json(const nlohmann::json& j)
{
  switch (j.type()) {
  case nlohmann::json::value_t::null: return Value();
  case nlohmann::json::value_t::boolean: return Value(j.get<bool>());
  case nlohmann::json::value_t::number_integer: return Value(static_cast<double>(j.get<std::int64_t>()));
  case nlohmann::json::value_t::number_unsigned: return Value(static_cast<double>(j.get<std::uint64_t>()));
  case nlohmann::json::value_t::number_float: return Value(j.get<double>());
  case nlohmann::json::value_t::string: return Value(j.get<std::string>());
  case nlohmann::json::value_t::array: {
    tmpl::ListItems items;
    items.reserve(j.size());
    for (const auto& x : j) {
      items.push_back(from_json(x));
    }
    return Value::list(std::move(items));
  }
  case nlohmann::json::value_t::object: {
    tmpl::MapItems items;
    for (auto it = j.begin(); it != j.end(); ++it) {
      items.insert_or_assign(it.key(), from_json(it.value()));
    }
    return Value::map(std::move(items));
  }
  default: return Value();
  }
}

// ---------------------------------------------------------------- parser

class Parser
{
public:
  enum class Mode { typed, string, file, json };

  Parser(std::string_view s, Mode mode, const StrvalsReader* reader) : m_s(s), m_mode(mode), m_reader(reader) {}

  util::Result<void> parse(const Value& data)
  {
    for (;;) {
      Outcome o = key(data, 0);
      if (o.status == Status::ok) {
        continue;
      }
      if (o.status == Status::eof) {
        return {};
      }
      return util::fail("{}", o.message);
    }
  }

private:
  std::string_view m_s;
  std::size_t m_pos = 0;
  Mode m_mode;
  const StrvalsReader* m_reader;

  /// runesUntil: reads until one of `stop` (consumed) or the end; `\` escapes
  /// the next rune. Returns eof when the input ended first.
  Status runes_until(std::string_view stop, std::string& out, char& last)
  {
    out.clear();
    last = 0;
    while (m_pos < m_s.size()) {
      const char c = m_s[m_pos];
      if (stop.find(c) != std::string_view::npos) {
        ++m_pos;
        last = c;
        return Status::ok;
      }
      if (c == '\\') {
        ++m_pos;
        if (m_pos >= m_s.size()) {
          return Status::eof;
        }
      }
      const auto w = static_cast<std::size_t>(std::max(1, tmpl::go::decode_rune(m_s.substr(m_pos)).width));
      out.append(m_s.substr(m_pos, w));
      m_pos += w;
    }
    return Status::eof;
  }

  Outcome read_value(std::string raw, Value& out)
  {
    switch (m_mode) {
    case Mode::typed: out = typed_val(std::move(raw), false); return ok();
    case Mode::string: out = typed_val(std::move(raw), true); return ok();
    default: {
      auto r = (*m_reader)(raw);
      if (!r) {
        out = Value();
        return error(r.error().message);
      }
      out = std::move(*r);
      return ok();
    }
    }
  }

  static void set(const Value& data, const std::string& key, Value v)
  {
    if (key.empty()) {
      return;
    }
    data.items().insert_or_assign(key, std::move(v));
  }

  /// emptyVal: skips white space; true at the end or after a consumed comma.
  bool empty_val()
  {
    while (m_pos < m_s.size()) {
      const auto d = tmpl::go::decode_rune(m_s.substr(m_pos));
      if (d.rune == ',') {
        ++m_pos;
        return true;
      }
      if (!is_unicode_space(d.rune)) {
        return false;
      }
      m_pos += static_cast<std::size_t>(d.width);
    }
    return true;
  }

  Outcome json_value(Value& out)
  {
    std::string_view rest = m_s.substr(m_pos);
    const std::size_t end = json_value_end(rest);
    if (end == std::string_view::npos) {
      return error("unexpected EOF");
    }
    auto parsed = parse_json_value(rest.substr(0, end));
    if (!parsed) {
      return error(parsed.error().message);
    }
    out = std::move(*parsed);
    m_pos += end;
    return ok();
  }

  Outcome key(const Value& data, int level)
  {
    try {
      return key_impl(data, level);
    } catch (const Panic& p) {
      return error("unable to parse key: " + p.message);
    }
  }

  static Value existing_map(const Value& data, const std::string& k)
  {
    const Value* cur = data.find(k);
    if (cur == nullptr) {
      return Value::map();
    }
    if (!cur->is_map()) {
      throw Panic{"interface conversion: interface {} is " + go_type_of(cur) + ", not map[string]interface {}"};
    }
    return *cur;
  }

  Outcome key_impl(const Value& data, int level)
  {
    std::string k;
    char last = 0;
    if (runes_until("=[,.", k, last) == Status::eof) {
      if (k.empty()) {
        return eof();
      }
      return error("key " + tmpl::go::quote(k) + " has no value");
    }
    switch (last) {
    case '[': {
      int i = 0;
      if (Outcome o = key_index(i); o.status != Status::ok) {
        return o.status == Status::eof ? o : error("error parsing index: " + o.message);
      }
      tmpl::ListItems list;
      if (const Value* cur = data.find(k)) {
        if (!cur->is_list()) {
          throw Panic{"interface conversion: interface {} is " + go_type_of(cur) + ", not []interface {}"};
        }
        list = cur->elements();
      }
      Outcome o = list_item(list, i, level);
      set(data, k, Value::list(std::move(list)));
      return o;
    }
    case '=': {
      if (m_mode == Mode::json) {
        if (empty_val()) {
          set(data, k, Value());
          return ok();
        }
        Value v;
        if (Outcome o = json_value(v); o.status != Status::ok) {
          return o;
        }
        set(data, k, std::move(v));
        empty_val();
        return ok();
      }
      tmpl::ListItems vl;
      Outcome e = val_list(vl);
      if (e.status == Status::ok) {
        set(data, k, Value::list(std::move(vl)));
        return ok();
      }
      if (e.status == Status::eof) {
        set(data, k, Value(""));
        return e;
      }
      if (e.status == Status::not_list) {
        std::string rs;
        val(rs);
        Value v;
        Outcome r = read_value(std::move(rs), v);
        set(data, k, std::move(v));
        return r;
      }
      return e;
    }
    case ',':
      set(data, k, Value(""));
      return error("key " + tmpl::go::quote(k) + " has no value (cannot end with ,)");
    default: { // '.'
      ++level;
      if (level > k_max_nested_name_level) {
        return error("value name nested level is greater than maximum supported nested level of " +
                     std::to_string(k_max_nested_name_level));
      }
      Value inner = existing_map(data, k);
      Outcome e = key(inner, level);
      if (e.status == Status::ok && inner.items().empty()) {
        return error("key map " + tmpl::go::quote(k) + " has no value");
      }
      if (!inner.items().empty()) {
        set(data, k, inner);
      }
      return e;
    }
    }
  }

  Outcome key_index(int& out)
  {
    std::string v;
    char last = 0;
    if (runes_until("]", v, last) == Status::eof) {
      return eof();
    }
    // strconv.Atoi
    std::int64_t n = 0;
    if (!go_parse_int64(v, n)) {
      bool digits = !v.empty();
      std::string_view d = v;
      if (!d.empty() && (d[0] == '+' || d[0] == '-')) {
        d.remove_prefix(1);
      }
      digits = !d.empty();
      for (char c : d) {
        digits = digits && c >= '0' && c <= '9';
      }
      return error("strconv.Atoi: parsing " + tmpl::go::quote(v) + (digits ? ": value out of range" : ": invalid syntax"));
    }
    out = n > INT32_MAX ? INT32_MAX : (n < INT32_MIN ? INT32_MIN : static_cast<int>(n));
    return ok();
  }

  static Outcome set_index(tmpl::ListItems& list, int index, Value v)
  {
    if (index < 0) {
      return error("negative " + std::to_string(index) + " index not allowed");
    }
    if (index > k_max_index) {
      return error("index of " + std::to_string(index) + " is greater than maximum supported index of " +
                   std::to_string(k_max_index));
    }
    if (list.size() <= static_cast<std::size_t>(index)) {
      list.resize(static_cast<std::size_t>(index) + 1);
    }
    list[static_cast<std::size_t>(index)] = std::move(v);
    return ok();
  }

  Outcome list_item(tmpl::ListItems& list, int i, int level)
  {
    if (i < 0) {
      return error("negative " + std::to_string(i) + " index not allowed");
    }
    std::string k;
    char last = 0;
    const Status st = runes_until("[.=", k, last);
    if (!k.empty()) {
      return error("unexpected data at end of array index: " + tmpl::go::quote(k));
    }
    if (st == Status::eof) {
      return eof();
    }
    switch (last) {
    case '=': {
      if (m_mode == Mode::json) {
        if (empty_val()) {
          return set_index(list, i, Value());
        }
        Value v;
        if (Outcome o = json_value(v); o.status != Status::ok) {
          return o;
        }
        if (Outcome o = set_index(list, i, std::move(v)); o.status != Status::ok) {
          return o;
        }
        empty_val();
        return ok();
      }
      tmpl::ListItems vl;
      Outcome e = val_list(vl);
      if (e.status == Status::ok) {
        return set_index(list, i, Value::list(std::move(vl)));
      }
      if (e.status == Status::eof) {
        return set_index(list, i, Value(""));
      }
      if (e.status == Status::not_list) {
        std::string rs;
        val(rs);
        Value v;
        if (Outcome r = read_value(std::move(rs), v); r.status != Status::ok) {
          return r;
        }
        return set_index(list, i, std::move(v));
      }
      return e;
    }
    case '[': {
      int next = 0;
      if (Outcome o = key_index(next); o.status != Status::ok) {
        return o.status == Status::eof ? o : error("error parsing index: " + o.message);
      }
      tmpl::ListItems crt;
      if (list.size() > static_cast<std::size_t>(i)) {
        const Value& existed = list[static_cast<std::size_t>(i)];
        if (!existed.is_nil()) {
          if (!existed.is_list()) {
            throw Panic{"interface conversion: interface {} is " + go_type_of(&existed) + ", not []interface {}"};
          }
          crt = existed.elements();
        }
      }
      if (Outcome o = list_item(crt, next, level); o.status != Status::ok) {
        return o;
      }
      return set_index(list, i, Value::list(std::move(crt)));
    }
    default: { // '.'
      Value inner = Value::map();
      if (list.size() > static_cast<std::size_t>(i)) {
        if (list[static_cast<std::size_t>(i)].is_map()) {
          inner = list[static_cast<std::size_t>(i)];
        } else {
          list[static_cast<std::size_t>(i)] = inner;
        }
      }
      if (Outcome e = key(inner, level); e.status != Status::ok) {
        return e;
      }
      return set_index(list, i, inner);
    }
    }
  }

  void val(std::string& out)
  {
    char last = 0;
    runes_until(",", out, last);
  }

  Outcome val_list(tmpl::ListItems& list)
  {
    if (m_pos >= m_s.size()) {
      return eof();
    }
    if (m_s[m_pos] != '{') {
      return {Status::not_list, "not a list"};
    }
    ++m_pos;
    for (;;) {
      std::string rs;
      char last = 0;
      if (runes_until(",}", rs, last) == Status::eof) {
        return error("list must terminate with '}'");
      }
      Value v;
      if (last == '}') {
        if (m_pos < m_s.size() && m_s[m_pos] == ',') {
          ++m_pos;
        }
        Outcome e = read_value(std::move(rs), v);
        list.push_back(std::move(v));
        return e;
      }
      if (Outcome e = read_value(std::move(rs), v); e.status != Status::ok) {
        return e;
      }
      list.push_back(std::move(v));
    }
  }
};

} // namespace

util::Result<tmpl::Value> parse_json_value(std::string_view text)
{
  std::size_t i = 0;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) {
    ++i;
  }
  if (i >= text.size()) {
    return util::fail("unexpected end of JSON input");
  }
  const char c = text[i];
  if (!(c == '{' || c == '[' || c == '"' || c == '-' || (c >= '0' && c <= '9') || c == 't' || c == 'f' || c == 'n')) {
    std::string shown = c == '\'' ? "'\\''" : std::string("'") + c + "'";
    return util::fail("invalid character {} looking for beginning of value", shown);
  }
  try {
    return from_json(nlohmann::json::parse(text));
  } catch (const nlohmann::json::exception& e) {
    return util::fail("invalid JSON: {}", e.what());
  }
}

util::Result<void> parse_set_into(std::string_view line, const tmpl::Value& dest)
{
  return Parser(line, Parser::Mode::typed, nullptr).parse(dest);
}

util::Result<void> parse_set_string_into(std::string_view line, const tmpl::Value& dest)
{
  return Parser(line, Parser::Mode::string, nullptr).parse(dest);
}

util::Result<void> parse_set_file_into(std::string_view line, const tmpl::Value& dest, const StrvalsReader& reader)
{
  return Parser(line, Parser::Mode::file, &reader).parse(dest);
}

util::Result<void> parse_set_json_into(std::string_view line, const tmpl::Value& dest)
{
  return Parser(line, Parser::Mode::json, nullptr).parse(dest);
}

} // namespace pave::chart
