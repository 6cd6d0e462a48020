// Sprig's JSON functions that Helm does not replace: toPrettyJson,
// toRawJson, their must* variants and mustFromJson. (Helm defines its own
// toJson, fromJson, fromJsonArray and mustToJson.) Encoding and decoding are
// codec/json's Go-compatible encoding/json.
#include <pave/codec/json.hpp>
#include <pave/template/sprig/common.hpp>

namespace pave::tmpl::sprig {

namespace {

void newline(std::string& out, int depth)
{
  out.push_back('\n');
  for (int i = 0; i < depth; ++i) {
    out += "  ";
  }
}

/// json.Indent(compact, "", "  ") for valid compact JSON.
std::string indent_json(std::string_view src)
{
  std::string out;
  out.reserve(src.size() * 2);
  bool in_string = false;
  bool escaped = false;
  bool need_indent = false;
  int depth = 0;
  for (char c : src) {
    if (in_string) {
      out.push_back(c);
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (need_indent && c != '}' && c != ']') {
      need_indent = false;
      ++depth;
      newline(out, depth);
    }
    switch (c) {
    case '"':
      in_string = true;
      out.push_back(c);
      break;
    case '{':
    case '[':
      need_indent = true;
      out.push_back(c);
      break;
    case ',':
      out.push_back(c);
      newline(out, depth);
      break;
    case ':':
      out += ": ";
      break;
    case '}':
    case ']':
      if (need_indent) {
        need_indent = false;
      } else {
        --depth;
        newline(out, depth);
      }
      out.push_back(c);
      break;
    default: out.push_back(c); break;
    }
  }
  return out;
}

/// Undoes encoding/json's HTML escaping (\u003c \u003e \u0026), as an
/// Encoder with SetEscapeHTML(false) writes.
std::string unescape_html(std::string_view src)
{
  std::string out;
  out.reserve(src.size());
  for (std::size_t i = 0; i < src.size(); ++i) {
    char c = src[i];
    if (c != '\\' || i + 1 >= src.size()) {
      out.push_back(c);
      continue;
    }
    if (src[i + 1] == 'u' && i + 5 < src.size() && src.substr(i + 2, 2) == "00") {
      std::string_view hex = src.substr(i + 4, 2);
      char plain = hex == "3c" ? '<' : hex == "3e" ? '>' : hex == "26" ? '&' : '\0';
      if (plain != '\0') {
        out.push_back(plain);
        i += 5;
        continue;
      }
    }
    out.push_back(c);
    out.push_back(src[i + 1]);
    ++i;
  }
  return out;
}

} // namespace

void add_json_functions(FunctionTable& t)
{
  def(t, "toPrettyJson", {{P::any}}, [](CallContext&, Args a) {
    auto json = codec::to_json(a[0]);
    return Value(json ? indent_json(*json) : std::string());
  });
  def(t, "mustToPrettyJson", {{P::any}, false, true}, [](CallContext&, Args a) {
    auto json = codec::to_json(a[0]);
    if (!json) {
      fail(json.error().message);
    }
    return Value(indent_json(*json));
  });
  for (const char* name : {"toRawJson", "mustToRawJson"}) {
    def(t, name, {{P::any}, false, std::string_view(name) == "mustToRawJson"}, [](CallContext&, Args a) {
      auto json = codec::to_json(a[0]);
      if (!json) {
        fail(json.error().message);
      }
      return Value(unescape_html(*json));
    });
  }
  def(t, "mustFromJson", {{P::string}, false, true}, [](CallContext&, Args a) {
    auto d = codec::unmarshal_json(arg_string(a[0]), codec::JsonTarget::any);
    if (!d.error.empty()) {
      fail(d.error);
    }
    return d.value;
  });
}

} // namespace pave::tmpl::sprig
