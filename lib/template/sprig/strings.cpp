// Sprig's basic string functions (strings.go and the strings.* entries of
// functions.go's genericMap).
#include <algorithm>

#include <pave/template/format.hpp>
#include <pave/template/sprig/common.hpp>
#include <pave/template/sprig/strings_util.hpp>
#include <pave/template/unicode.hpp>
#include <pave/template/strconv.hpp>

namespace pave::tmpl::sprig {

namespace {

/// strings.Repeat with Go's panics.
std::string repeat(std::string_view s, std::int64_t count)
{
  if (count < 0) {
    fail("strings: negative Repeat count");
  }
  if (count > 0 && s.size() * static_cast<std::size_t>(count) / static_cast<std::size_t>(count) != s.size()) {
    fail("strings: Repeat count causes overflow");
  }
  std::string out;
  out.reserve(s.size() * static_cast<std::size_t>(count));
  for (std::int64_t i = 0; i < count; ++i) {
    out.append(s);
  }
  return out;
}

/// strings.Title: upper-cases (title-cases) the first letter of each word.
std::string title(std::string_view s)
{
  auto is_separator = [](char32_t r) {
    if (r <= 0x7F) {
      return !((r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || r == '_');
    }
    if (unicode::is_letter(r) || unicode::is_digit(r)) {
      return false;
    }
    return unicode::is_space(r);
  };
  char32_t prev = ' ';
  return map_runes(s, [&](char32_t r) {
    char32_t out = is_separator(prev) ? unicode::to_title(r) : r;
    prev = r;
    return out;
  });
}

/// goutils.Uncapitalize with whitespace delimiters.
std::string untitle(std::string_view s)
{
  std::string out;
  out.reserve(s.size());
  bool next = true;
  for_each_rune(s, [&](char32_t r) {
    if (unicode::is_space(r)) {
      next = true;
    } else if (next) {
      r = unicode::to_lower(r);
      next = false;
    }
    go::append_rune(out, r);
  });
  return out;
}

/// goutils.DeleteWhiteSpace: byte-wise, like the Go original (bytes >= 0x80
/// are re-encoded as runes when anything was removed).
std::string nospace(std::string_view s)
{
  std::string out;
  std::size_t count = 0;
  for (char c : s) {
    auto b = static_cast<unsigned char>(c);
    if (!unicode::is_space(b)) {
      go::append_rune(out, b);
      ++count;
    }
  }
  if (count == s.size()) {
    return std::string(s);
  }
  return out;
}

/// Sprig's trunc: negative counts keep the end.
std::string_view trunc(std::int64_t c, std::string_view s)
{
  auto n = static_cast<std::int64_t>(s.size());
  if (c < 0 && n + c > 0) {
    return s.substr(static_cast<std::size_t>(n + c));
  }
  if (c >= 0 && n > c) {
    return s.substr(0, static_cast<std::size_t>(c));
  }
  return s;
}

/// Sprig's substring: s[start:end] with its special cases.
std::string_view substring(std::int64_t start, std::int64_t end, std::string_view s)
{
  if (start < 0) {
    return go_slice(s, 0, end, false, true);
  }
  if (end < 0 || end > static_cast<std::int64_t>(s.size())) {
    return go_slice(s, start, 0, true, false);
  }
  return go_slice(s, start, end, true, true);
}

/// Sprig's strslice: any value as []string.
std::vector<std::string> strslice(const Value& v)
{
  std::vector<std::string> out;
  if (v.is_list()) {
    const auto& items = v.elements();
    out.reserve(items.size());
    for (const auto& x : items) {
      if (!x.is_nil()) {
        out.push_back(strval(x));
      }
    }
    return out;
  }
  SliceView view(v);
  if (view.is_slice()) {
    for (std::size_t i = 0; i < view.size(); ++i) {
      out.push_back(strval(view.at(i)));
    }
    return out;
  }
  if (!v.is_nil()) {
    out.push_back(strval(v));
  }
  return out;
}

Value split_map(const std::vector<std::string_view>& parts)
{
  MapItems m;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    m.emplace("_" + std::to_string(i), Value(parts[i]));
  }
  return string_map(std::move(m));
}

/// quote, squote and cat: the non-nil arguments, each appended by `add`, separated by spaces.
template <typename Add> Value join_non_nil(Args a, Add add)
{
  std::string out;
  bool first = true;
  for (const auto& v : a) {
    if (v.is_nil()) {
      continue;
    }
    if (!first) {
      out.push_back(' ');
    }
    first = false;
    add(out, v);
  }
  return Value(std::move(out));
}

} // namespace

void add_string_functions(FunctionTable& t)
{
  def(t, "hello", {{}}, [](CallContext&, Args) { return Value("Hello!"); });
  def(t, "trim", {{P::string}}, [](CallContext&, Args a) { return Value(unicode::trim_space(arg_string(a[0]))); });
  def(t, "upper", {{P::string}}, [](CallContext&, Args a) { return Value(unicode::upper(arg_string(a[0]))); });
  def(t, "lower", {{P::string}}, [](CallContext&, Args a) { return Value(unicode::lower(arg_string(a[0]))); });
  def(t, "title", {{P::string}}, [](CallContext&, Args a) { return Value(title(arg_string(a[0]))); });
  def(t, "untitle", {{P::string}}, [](CallContext&, Args a) { return Value(untitle(arg_string(a[0]))); });
  def(t, "substr", {{P::int_, P::int_, P::string}}, [](CallContext&, Args a) {
    return Value(substring(arg_int(a[0]), arg_int(a[1]), arg_string(a[2])));
  });
  def(t, "repeat", {{P::int_, P::string}}, [](CallContext& c, Args a) {
    check_result_size(c, static_cast<long double>(arg_string(a[1]).size()) * static_cast<long double>(arg_int(a[0])));
    return Value(repeat(arg_string(a[1]), arg_int(a[0])));
  });
  for (const char* name : {"trimall", "trimAll"}) {
    def(t, name, {{P::string, P::string}},
        [](CallContext&, Args a) { return Value(trim_cutset(arg_string(a[1]), arg_string(a[0]))); });
  }
  def(t, "trimSuffix", {{P::string, P::string}}, [](CallContext&, Args a) {
    std::string_view s = arg_string(a[1]);
    std::string_view suffix = arg_string(a[0]);
    if (s.ends_with(suffix)) {
      s.remove_suffix(suffix.size());
    }
    return Value(s);
  });
  def(t, "trimPrefix", {{P::string, P::string}}, [](CallContext&, Args a) {
    std::string_view s = arg_string(a[1]);
    std::string_view prefix = arg_string(a[0]);
    if (s.starts_with(prefix)) {
      s.remove_prefix(prefix.size());
    }
    return Value(s);
  });
  def(t, "nospace", {{P::string}}, [](CallContext&, Args a) { return Value(nospace(arg_string(a[0]))); });
  def(t, "contains", {{P::string, P::string}}, [](CallContext&, Args a) {
    return Value(arg_string(a[1]).find(arg_string(a[0])) != std::string_view::npos);
  });
  def(t, "hasPrefix", {{P::string, P::string}},
      [](CallContext&, Args a) { return Value(arg_string(a[1]).starts_with(arg_string(a[0]))); });
  def(t, "hasSuffix", {{P::string, P::string}},
      [](CallContext&, Args a) { return Value(arg_string(a[1]).ends_with(arg_string(a[0]))); });
  def(t, "quote", {{P::any}, true}, [](CallContext&, Args a) {
    return join_non_nil(a, [](std::string& out, const Value& v) {
      go::append_quote(out, v.is_string() ? std::string_view(v.as_string()) : std::string_view(strval(v)));
    });
  });
  def(t, "squote", {{P::any}, true}, [](CallContext&, Args a) {
    return join_non_nil(a, [](std::string& out, const Value& v) {
      out.push_back('\'');
      append_value(out, v);
      out.push_back('\'');
    });
  });
  def(t, "cat", {{P::any}, true},
      [](CallContext&, Args a) { return join_non_nil(a, [](std::string& out, const Value& v) { append_value(out, v); }); });
  for (const bool leading_newline : {false, true}) {
    def(t, leading_newline ? "nindent" : "indent", {{P::int_, P::string}}, [leading_newline](CallContext& c, Args a) {
      const std::string_view text = arg_string(a[1]);
      const auto lines = static_cast<long double>(std::count(text.begin(), text.end(), '\n') + 1);
      check_result_size(c, static_cast<long double>(text.size()) + lines * static_cast<long double>(arg_int(a[0])));
      return Value(indent(arg_int(a[0]), text, leading_newline));
    });
  }
  def(t, "replace", {{P::string, P::string, P::string}}, [](CallContext&, Args a) {
    return Value(replace_all(arg_string(a[2]), arg_string(a[0]), arg_string(a[1])));
  });
  def(t, "plural", {{P::string, P::string, P::int_}},
      [](CallContext&, Args a) { return arg_int(a[2]) == 1 ? a[0] : a[1]; });
  def(t, "trunc", {{P::int_, P::string}},
      [](CallContext&, Args a) { return Value(trunc(arg_int(a[0]), arg_string(a[1]))); });
  def(t, "split", {{P::string, P::string}},
      [](CallContext&, Args a) { return split_map(split_go(arg_string(a[1]), arg_string(a[0]), -1)); });
  def(t, "splitn", {{P::string, P::int_, P::string}}, [](CallContext&, Args a) {
    return split_map(split_go(arg_string(a[2]), arg_string(a[0]), arg_int(a[1])));
  });
  def(t, "splitList", {{P::string, P::string}}, [](CallContext&, Args a) {
    auto parts = split_go(arg_string(a[1]), arg_string(a[0]), -1);
    ListItems items;
    items.reserve(parts.size());
    for (auto p : parts) {
      items.emplace_back(p);
    }
    return Value::list(std::move(items), ElemType::string);
  });
  def(t, "toStrings", {{P::any}}, [](CallContext&, Args a) {
    if (a[0].is_list() && a[0].list_data().elem == ElemType::string) {
      return a[0];
    }
    return string_list(strslice(a[0]));
  });
  def(t, "join", {{P::string, P::any}}, [](CallContext&, Args a) {
    std::string out;
    std::string_view sep = arg_string(a[0]);
    auto parts = strslice(a[1]);
    for (std::size_t i = 0; i < parts.size(); ++i) {
      if (i > 0) {
        out.append(sep);
      }
      out.append(parts[i]);
    }
    return Value(std::move(out));
  });
  def(t, "sortAlpha", {{P::any}}, [](CallContext&, Args a) {
    if (!SliceView(a[0]).is_slice()) {
      return string_list({strval(a[0])});
    }
    auto parts = strslice(a[0]);
    std::sort(parts.begin(), parts.end());
    return string_list(std::move(parts));
  });
  def(t, "toString", {{P::any}}, [](CallContext&, Args a) { return Value(strval(a[0])); });
  def(t, "fail", {{P::string}, false, true}, [](CallContext&, Args a) -> Value { fail(std::string(arg_string(a[0]))); });
}

} // namespace pave::tmpl::sprig
