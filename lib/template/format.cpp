// Go's fmt printing of template values (src/fmt/print.go): Sprint, Sprintln,
// Sprintf with verbs, flags, argument indexes and %!verb(type=value) errors.
#include <pave/template/format.hpp>
#include <pave/template/format_printer.hpp>

#include <charconv>

#include <pave/template/strconv.hpp>

namespace pave::tmpl {

namespace detail {

void Printer::bad_verb(char32_t verb, const Value* arg)
{
  m_erroring = true;
  m_buf += "%!";
  write_rune(verb);
  m_buf.push_back('(');
  if (arg != nullptr && !arg->is_nil()) {
    m_buf += arg->type_name();
    m_buf.push_back('=');
    print_arg(*arg, 'v');
  } else {
    m_buf += "<nil>";
  }
  m_buf.push_back(')');
  m_erroring = false;
}

void Printer::fmt_bool(bool v, char32_t verb, const Value& arg)
{
  if (verb == 't' || verb == 'v') {
    fmt_boolean(v);
  } else {
    bad_verb(verb, &arg);
  }
}

void Printer::fmt_0x64(std::uint64_t v, bool leading0x)
{
  bool sharp = m_f.sharp;
  m_f.sharp = leading0x;
  fmt_integer(v, 16, false, 'v', k_ldigits);
  m_f.sharp = sharp;
}

void Printer::fmt_int(std::uint64_t v, bool is_signed, char32_t verb, const Value& arg)
{
  switch (verb) {
  case 'v':
    if (m_f.sharp_v && !is_signed) {
      fmt_0x64(v, true);
    } else {
      fmt_integer(v, 10, is_signed, verb, k_ldigits);
    }
    break;
  case 'd': fmt_integer(v, 10, is_signed, verb, k_ldigits); break;
  case 'b': fmt_integer(v, 2, is_signed, verb, k_ldigits); break;
  case 'o':
  case 'O': fmt_integer(v, 8, is_signed, verb, k_ldigits); break;
  case 'x': fmt_integer(v, 16, is_signed, verb, k_ldigits); break;
  case 'X': fmt_integer(v, 16, is_signed, verb, k_udigits); break;
  case 'c': fmt_c(v); break;
  case 'q': fmt_qc(v); break;
  case 'U': fmt_unicode(v); break;
  default: bad_verb(verb, &arg); break;
  }
}

void Printer::fmt_float_verb(double v, char32_t verb, const Value& arg)
{
  switch (verb) {
  case 'v': fmt_float(v, 'g', -1); break;
  case 'b':
  case 'g':
  case 'G':
  case 'x':
  case 'X': fmt_float(v, static_cast<char>(verb), -1); break;
  case 'f':
  case 'e':
  case 'E': fmt_float(v, static_cast<char>(verb), 6); break;
  case 'F': fmt_float(v, 'f', 6); break;
  default: bad_verb(verb, &arg); break;
  }
}

void Printer::fmt_string(std::string_view v, char32_t verb, const Value& arg)
{
  switch (verb) {
  case 'v':
    if (m_f.sharp_v) {
      fmt_q(v);
    } else {
      fmt_s(v);
    }
    break;
  case 's': fmt_s(v); break;
  case 'x': fmt_sbx(v, k_ldigits); break;
  case 'X': fmt_sbx(v, k_udigits); break;
  case 'q': fmt_q(v); break;
  default: bad_verb(verb, &arg); break;
  }
}

void Printer::fmt_bytes(std::string_view v, char32_t verb, const char* type_string, const Value& arg)
{
  switch (verb) {
  case 'v':
  case 'd':
    if (m_f.sharp_v) {
      m_buf += type_string;
      m_buf.push_back('{');
      for (std::size_t i = 0; i < v.size(); ++i) {
        if (i > 0) {
          m_buf += ", ";
        }
        fmt_0x64(static_cast<unsigned char>(v[i]), true);
      }
      m_buf.push_back('}');
    } else {
      m_buf.push_back('[');
      for (std::size_t i = 0; i < v.size(); ++i) {
        if (i > 0) {
          m_buf.push_back(' ');
        }
        fmt_integer(static_cast<unsigned char>(v[i]), 10, false, verb, k_ldigits);
      }
      m_buf.push_back(']');
    }
    break;
  case 's': pad(truncate(v)); break;
  case 'x': fmt_sbx(v, k_ldigits); break;
  case 'X': fmt_sbx(v, k_udigits); break;
  case 'q': fmt_q(v); break;
  default: {
    // printValue of a []uint8: each byte with the verb.
    m_buf.push_back('[');
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (i > 0) {
        m_buf.push_back(' ');
      }
      Value b(static_cast<std::uint64_t>(static_cast<unsigned char>(v[i])), IntType::uint8);
      fmt_int(b.as_uint(), false, verb, b);
    }
    m_buf.push_back(']');
    (void)arg;
    break;
  }
  }
}

void Printer::fmt_pointer(const Value& v, char32_t verb)
{
  std::uint64_t u = 0;
  if (v.is_map()) {
    u = reinterpret_cast<std::uintptr_t>(&v.map_data());
  } else if (v.is_list()) {
    u = reinterpret_cast<std::uintptr_t>(&v.list_data());
  } else if (v.is_object()) {
    u = reinterpret_cast<std::uintptr_t>(&v.as_object());
  } else if (v.is_bytes()) {
    u = reinterpret_cast<std::uintptr_t>(v.as_string().data());
  } else {
    bad_verb(verb, &v);
    return;
  }
  switch (verb) {
  case 'v':
  case 'p': fmt_0x64(u, !m_f.sharp); break;
  case 'b':
  case 'o':
  case 'd':
  case 'x':
  case 'X': fmt_int(u, false, verb, v); break;
  default: bad_verb(verb, &v); break;
  }
}

void Printer::print_object(const Value& v, char32_t verb)
{
  // Objects behave like Go Stringers (semver, time.Time ...) for %v %s %x %X %q.
  const Object& obj = v.as_object();
  switch (verb) {
  case 'v':
  case 's':
  case 'x':
  case 'X':
  case 'q': fmt_string(obj.format(), verb, v); break;
  default: bad_verb(verb, &v); break;
  }
}

void Printer::print_arg(const Value& arg, char32_t verb)
{
  if (arg.is_nil()) {
    if (verb == 'T' || verb == 'v') {
      pad("<nil>");
    } else {
      bad_verb(verb, nullptr);
    }
    return;
  }
  if (verb == 'T') {
    fmt_s(arg.type_name());
    return;
  }
  if (verb == 'p') {
    fmt_pointer(arg, 'p');
    return;
  }
  if (arg.is_bytes()) {
    fmt_bytes(arg.as_string(), verb, "[]byte", arg);
    return;
  }
  print_value(arg, verb, 0);
}

void Printer::print_value(const Value& v, char32_t verb, int depth)
{
  switch (v.kind()) {
  case Kind::nil:
    // A nil interface{} element of a map or slice.
    if (m_f.sharp_v) {
      m_buf += "interface {}(nil)";
    } else {
      m_buf += "<nil>";
    }
    return;
  case Kind::boolean: fmt_bool(v.as_bool(), verb, v); return;
  case Kind::integer: fmt_int(static_cast<std::uint64_t>(v.as_int()), true, verb, v); return;
  case Kind::unsigned_: fmt_int(v.as_uint(), false, verb, v); return;
  case Kind::floating: fmt_float_verb(v.as_float(), verb, v); return;
  case Kind::string: fmt_string(v.as_string(), verb, v); return;
  case Kind::object:
    if (m_erroring || m_f.sharp_v) {
      m_buf += v.as_object().format();
    } else {
      print_object(v, verb);
    }
    return;
  case Kind::bytes:
    if (verb == 's' || verb == 'q' || verb == 'x' || verb == 'X' || verb == 'v' || verb == 'd') {
      fmt_bytes(v.as_string(), verb, depth == 0 ? "[]byte" : "[]uint8", v);
    } else {
      fmt_bytes(v.as_string(), verb, "[]uint8", v);
    }
    return;
  case Kind::list: {
    const auto& items = v.elements();
    if (m_f.sharp_v) {
      m_buf += v.type_name();
      m_buf.push_back('{');
      for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) {
          m_buf += ", ";
        }
        print_value(items[i], verb, depth + 1);
      }
      m_buf.push_back('}');
    } else {
      m_buf.push_back('[');
      for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) {
          m_buf.push_back(' ');
        }
        print_value(items[i], verb, depth + 1);
      }
      m_buf.push_back(']');
    }
    return;
  }
  case Kind::map: {
    if (m_f.sharp_v) {
      m_buf += v.type_name();
      m_buf.push_back('{');
    } else {
      m_buf += "map[";
    }
    bool first = true;
    for (const auto& [key, item] : v.items()) {
      if (!first) {
        if (m_f.sharp_v) {
          m_buf += ", ";
        } else {
          m_buf.push_back(' ');
        }
      }
      first = false;
      if (verb == 'v' || verb == 's' || verb == 'x' || verb == 'X' || verb == 'q') {
        fmt_string(key, verb, v); // arg only used for a bad verb
      } else {
        Value k{std::string_view(key)};
        bad_verb(verb, &k);
      }
      m_buf.push_back(':');
      print_value(item, verb, depth + 1);
    }
    m_buf.push_back(m_f.sharp_v ? '}' : ']');
    return;
  }
  }
}

namespace {

bool too_large(int x)
{
  return x > 1000000 || x < -1000000;
}

/// Go's parsenum: digits of format[start:end) as a number.
struct ParsedNum
{
  int num = 0;
  bool isnum = false;
  std::size_t newi = 0;
};

ParsedNum parsenum(std::string_view s, std::size_t start, std::size_t end)
{
  ParsedNum r;
  if (start >= end) {
    r.newi = end;
    return r;
  }
  for (r.newi = start; r.newi < end && s[r.newi] >= '0' && s[r.newi] <= '9'; ++r.newi) {
    if (too_large(r.num)) {
      return {0, false, end};
    }
    r.num = r.num * 10 + (s[r.newi] - '0');
    r.isnum = true;
  }
  return r;
}

/// Go's intFromArg: a '*' width or precision argument.
void int_from_arg(std::span<const Value> a, std::size_t& arg_num, int& num, bool& is_int)
{
  num = 0;
  is_int = false;
  if (arg_num < a.size()) {
    const Value& v = a[arg_num];
    if (v.is_int() && v.as_int() >= -1000000 && v.as_int() <= 1000000) {
      num = static_cast<int>(v.as_int());
      is_int = true;
    } else if (v.is_uint() && v.as_uint() <= 1000000) {
      num = static_cast<int>(v.as_uint());
      is_int = true;
    }
    ++arg_num;
    if (too_large(num)) {
      num = 0;
      is_int = false;
    }
  }
}

} // namespace

void Printer::do_printf(std::string_view format, std::span<const Value> a)
{
  const std::size_t end = format.size();
  std::size_t arg_num = 0;
  bool after_index = false;
  m_reordered = false;

  // Go's argNumber: parses "[n]" at format[i].
  auto arg_number = [&](std::size_t i, bool& found) {
    found = false;
    if (format.size() <= i || format[i] != '[') {
      return i;
    }
    m_reordered = true;
    std::string_view f = format.substr(i);
    int index = 0;
    std::size_t wid = 1;
    bool ok = false;
    if (f.size() >= 3) {
      for (std::size_t j = 1; j < f.size(); ++j) {
        if (f[j] == ']') {
          auto p = parsenum(f, 1, j);
          if (!p.isnum || p.newi != j) {
            wid = j + 1;
            ok = false;
          } else {
            index = p.num - 1;
            wid = j + 1;
            ok = true;
          }
          break;
        }
      }
    }
    if (ok && index >= 0 && static_cast<std::size_t>(index) < a.size()) {
      arg_num = static_cast<std::size_t>(index);
      found = true;
      return i + wid;
    }
    m_good_arg_num = false;
    found = ok;
    return i + wid;
  };

  std::size_t i = 0;
  while (i < end) {
    m_good_arg_num = true;
    std::size_t lasti = i;
    while (i < end && format[i] != '%') {
      ++i;
    }
    if (i > lasti) {
      m_buf.append(format.substr(lasti, i - lasti));
    }
    if (i >= end) {
      break;
    }
    ++i; // skip %
    m_f = Flags{};
    m_wid = 0;
    m_prec = 0;
    bool simple_done = false;
    for (; i < end; ++i) {
      char c = format[i];
      if (c == '#') {
        m_f.sharp = true;
      } else if (c == '0') {
        m_f.zero = !m_f.minus;
      } else if (c == '+') {
        m_f.plus = true;
      } else if (c == '-') {
        m_f.minus = true;
        m_f.zero = false;
      } else if (c == ' ') {
        m_f.space = true;
      } else {
        if (c >= 'a' && c <= 'z' && arg_num < a.size()) {
          if (c == 'v') {
            m_f.sharp_v = m_f.sharp;
            m_f.sharp = false;
            m_f.plus_v = m_f.plus;
            m_f.plus = false;
          }
          print_arg(a[arg_num], static_cast<char32_t>(c));
          ++arg_num;
          ++i;
          simple_done = true;
        }
        break;
      }
    }
    if (simple_done) {
      continue;
    }

    i = arg_number(i, after_index);

    if (i < end && format[i] == '*') {
      ++i;
      int w = 0;
      bool ok = false;
      int_from_arg(a, arg_num, w, ok);
      m_wid = w;
      m_f.wid_present = ok;
      if (!ok) {
        m_buf += "%!(BADWIDTH)";
      }
      if (m_wid < 0) {
        m_wid = -m_wid;
        m_f.minus = true;
        m_f.zero = false;
      }
      after_index = false;
    } else {
      auto p = parsenum(format, i, end);
      m_wid = p.num;
      m_f.wid_present = p.isnum;
      i = p.newi;
      if (after_index && m_f.wid_present) {
        m_good_arg_num = false;
      }
    }

    if (i + 1 < end && format[i] == '.') {
      ++i;
      if (after_index) {
        m_good_arg_num = false;
      }
      i = arg_number(i, after_index);
      if (i < end && format[i] == '*') {
        ++i;
        int p = 0;
        bool ok = false;
        int_from_arg(a, arg_num, p, ok);
        m_prec = p;
        m_f.prec_present = ok;
        if (m_prec < 0) {
          m_prec = 0;
          m_f.prec_present = false;
        }
        if (!m_f.prec_present) {
          m_buf += "%!(BADPREC)";
        }
        after_index = false;
      } else {
        auto p = parsenum(format, i, end);
        m_prec = p.num;
        m_f.prec_present = p.isnum;
        i = p.newi;
        if (!m_f.prec_present) {
          m_prec = 0;
          m_f.prec_present = true;
        }
      }
    }

    if (!after_index) {
      i = arg_number(i, after_index);
    }

    if (i >= end) {
      m_buf += "%!(NOVERB)";
      break;
    }

    char32_t verb = static_cast<unsigned char>(format[i]);
    std::size_t size = 1;
    if (verb >= 0x80) {
      auto d = go::decode_rune(format.substr(i));
      verb = d.rune;
      size = static_cast<std::size_t>(d.width);
    }
    i += size;

    if (verb == '%') {
      m_buf.push_back('%');
    } else if (!m_good_arg_num) {
      m_buf += "%!";
      write_rune(verb);
      m_buf += "(BADINDEX)";
    } else if (arg_num >= a.size()) {
      m_buf += "%!";
      write_rune(verb);
      m_buf += "(MISSING)";
    } else {
      if (verb == 'v') {
        m_f.sharp_v = m_f.sharp;
        m_f.sharp = false;
        m_f.plus_v = m_f.plus;
        m_f.plus = false;
      }
      print_arg(a[arg_num], verb);
      ++arg_num;
    }
  }

  if (!m_reordered && arg_num < a.size()) {
    m_f = Flags{};
    m_buf += "%!(EXTRA ";
    for (std::size_t k = arg_num; k < a.size(); ++k) {
      if (k > arg_num) {
        m_buf += ", ";
      }
      if (a[k].is_nil()) {
        m_buf += "<nil>";
      } else {
        m_buf += a[k].type_name();
        m_buf.push_back('=');
        print_arg(a[k], 'v');
      }
    }
    m_buf.push_back(')');
  }
}

namespace {

bool is_string_kind(const Value& v)
{
  return v.is_string() || (v.is_object() && v.as_object().kind_name() == "string");
}

} // namespace

void Printer::do_print(std::span<const Value> args)
{
  bool prev_string = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    bool is_string = is_string_kind(args[i]);
    if (i > 0 && !is_string && !prev_string) {
      m_buf.push_back(' ');
    }
    print_arg(args[i], 'v');
    prev_string = is_string;
  }
}

void Printer::do_println(std::span<const Value> args)
{
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (i > 0) {
      m_buf.push_back(' ');
    }
    print_arg(args[i], 'v');
  }
  m_buf.push_back('\n');
}

/// Fast %v for the common scalar cases, without the Printer.
} // namespace detail

namespace {

bool append_simple(std::string& out, const Value& v)
{
  switch (v.kind()) {
  case Kind::nil: out += "<nil>"; return true;
  case Kind::boolean: out += v.as_bool() ? "true" : "false"; return true;
  case Kind::string: out += v.as_string(); return true;
  case Kind::integer: {
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, v.as_int());
    out.append(buf, r.ptr);
    return true;
  }
  case Kind::unsigned_: {
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, v.as_uint());
    out.append(buf, r.ptr);
    return true;
  }
  case Kind::floating: detail::append_float(out, v.as_float(), 'g', -1); return true;
  default: return false;
  }
}

} // namespace

void append_value(std::string& out, const Value& v)
{
  if (append_simple(out, v)) {
    return;
  }
  detail::Printer p(out);
  p.print_arg(v, 'v');
}

std::string sprint_value(const Value& v)
{
  std::string out;
  append_value(out, v);
  return out;
}

std::string sprint(std::span<const Value> args)
{
  std::string out;
  detail::Printer p(out);
  p.do_print(args);
  return out;
}

std::string sprintln(std::span<const Value> args)
{
  std::string out;
  detail::Printer p(out);
  p.do_println(args);
  return out;
}

std::string sprintf(std::string_view format, std::span<const Value> args)
{
  std::string out;
  detail::Printer p(out);
  p.do_printf(format, args);
  return out;
}

} // namespace pave::tmpl
