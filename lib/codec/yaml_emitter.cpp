// The yaml.v2/yaml.v3 emitters (emitterc.go) for the block styles their
// encoders produce, driven by a value tree.
#include <pave/codec/yaml_emitter.hpp>

#include <array>
#include <cmath>
#include <forward_list>
#include <span>
#include <vector>

#include <pave/codec/go_float.hpp>
#include <pave/codec/go_sort.hpp>
#include <pave/codec/json.hpp>
#include <pave/codec/utf8.hpp>
#include <pave/codec/yaml.hpp>
#include <pave/codec/yaml_decode.hpp>
#include <pave/codec/yaml_resolve.hpp>
#include <pave/codec/yaml_scalar_analysis.hpp>
#include <pave/util/base64.hpp>

namespace pave::codec {

namespace {

using tmpl::Value;

enum class Style : std::uint8_t { plain, single_quoted, double_quoted, literal };

/// One emitter run: libyaml's yaml_emitter_t state plus the tree walk.
class Emitter
{
public:
  explicit Emitter(bool v3) : m_v3(v3), m_best_width(v3 ? (1 << 30) : 80) { m_indents.reserve(16); }

  bool document(const Value& v)
  {
    m_out.reserve(256);
    if (!node(v, true, false, false, false, false)) {
      return false;
    }
    write_indent();
    return true;
  }

  std::string& out() { return m_out; }
  std::string& error() { return m_error; }

private:
  // ---- output primitives
  void put(char c)
  {
    m_out += c;
    ++m_column;
  }
  void put_break()
  {
    m_out += '\n';
    m_column = 0;
    if (m_v3) m_indention = true;
  }
  void write(const YamlBytes& s, std::size_t& i)
  {
    const std::size_t w = static_cast<std::size_t>(std::max(1, yaml_utf8_width(s[i])));
    m_out.append(s.s.substr(i, w));
    ++m_column;
    i += w;
  }
  void write_all(std::string_view s)
  {
    const YamlBytes b{s};
    for (std::size_t i = 0; i < s.size();) {
      write(b, i);
    }
  }
  void write_break(const YamlBytes& s, std::size_t& i)
  {
    if (s[i] == '\n') {
      put_break();
      ++i;
    } else {
      write(s, i);
      m_column = 0;
      if (m_v3) m_indention = true;
    }
  }
  void write_indent()
  {
    const int indent = m_indent < 0 ? 0 : m_indent;
    if (!m_indention || m_column > indent || (m_column == indent && !m_whitespace)) {
      put_break();
    }
    while (m_column < indent) {
      put(' ');
    }
    m_whitespace = true;
    m_indention = true;
  }
  void write_indicator(std::string_view indicator, bool need_whitespace, bool is_whitespace, bool is_indention)
  {
    if (need_whitespace && !m_whitespace) {
      put(' ');
    }
    write_all(indicator);
    m_whitespace = is_whitespace;
    m_indention = m_indention && is_indention;
    m_open_ended = false;
  }
  void increase_indent(bool flow, bool indentless, bool in_sequence_item)
  {
    m_indents.push_back(m_indent);
    if (m_indent < 0) {
      m_indent = flow ? m_best_indent : 0;
    } else if (!indentless) {
      if (m_v3) {
        m_indent = in_sequence_item ? m_indent + 2 : m_best_indent * ((m_indent + m_best_indent) / m_best_indent);
      } else {
        m_indent += m_best_indent;
      }
    }
  }
  void pop_indent()
  {
    m_indent = m_indents.back();
    m_indents.pop_back();
  }

  // ---- scalars
  void write_plain(std::string_view text, bool allow_breaks)
  {
    const YamlBytes value{text};
    if ((!m_v3 || !text.empty()) && !m_whitespace) {
      put(' ');
    }
    bool spaces = false;
    bool breaks = false;
    for (std::size_t i = 0; i < value.size();) {
      if (value.is_space(i)) {
        if (allow_breaks && !spaces && m_column > m_best_width && !value.is_space(i + 1)) {
          write_indent();
          i += 1;
        } else {
          write(value, i);
        }
        spaces = true;
      } else if (value.is_break(i)) {
        if (!breaks && value[i] == '\n') {
          put_break();
        }
        write_break(value, i);
        m_indention = true;
        breaks = true;
      } else {
        if (breaks) {
          write_indent();
        }
        // A run of ASCII non-blank characters at once.
        std::size_t j = i;
        while (j < value.size() && value[j] > 0x20 && value[j] < 0x80) {
          ++j;
        }
        if (j > i) {
          m_out.append(text.substr(i, j - i));
          m_column += static_cast<int>(j - i);
          i = j;
        } else {
          write(value, i);
        }
        m_indention = false;
        spaces = false;
        breaks = false;
      }
    }
    if (!m_v3 || !text.empty()) {
      m_whitespace = false;
    }
    m_indention = false;
    if (m_root_context) {
      m_open_ended = true;
    }
  }

  void write_single_quoted(std::string_view text, bool allow_breaks)
  {
    const YamlBytes value{text};
    write_indicator("'", true, false, false);
    bool spaces = false;
    bool breaks = false;
    for (std::size_t i = 0; i < value.size();) {
      if (value.is_space(i)) {
        if (allow_breaks && !spaces && m_column > m_best_width && i > 0 && i < value.size() - 1 &&
            !value.is_space(i + 1)) {
          write_indent();
          i += 1;
        } else {
          write(value, i);
        }
        spaces = true;
      } else if (value.is_break(i)) {
        if (!breaks && value[i] == '\n') {
          put_break();
        }
        write_break(value, i);
        m_indention = true;
        breaks = true;
      } else {
        if (breaks) {
          write_indent();
        }
        if (value[i] == '\'') {
          put('\'');
        }
        write(value, i);
        m_indention = false;
        spaces = false;
        breaks = false;
      }
    }
    write_indicator("'", false, false, false);
    m_whitespace = false;
    m_indention = false;
  }

  void write_double_quoted(std::string_view text, bool allow_breaks)
  {
    static constexpr char hex[] = "0123456789ABCDEF";
    const YamlBytes value{text};
    bool spaces = false;
    write_indicator("\"", true, false, false);
    for (std::size_t i = 0; i < value.size();) {
      const unsigned char octet0 = value[i];
      if (!value.is_printable(i) || value.is_bom() || value.is_break(i) || octet0 == '"' || octet0 == '\\') {
        int w = 1;
        char32_t v = 0;
        if ((octet0 & 0x80) == 0x00) {
          w = 1;
          v = octet0 & 0x7F;
        } else if ((octet0 & 0xE0) == 0xC0) {
          w = 2;
          v = octet0 & 0x1F;
        } else if ((octet0 & 0xF0) == 0xE0) {
          w = 3;
          v = octet0 & 0x0F;
        } else if ((octet0 & 0xF8) == 0xF0) {
          w = 4;
          v = octet0 & 0x07;
        }
        for (int k = 1; k < w; ++k) {
          v = (v << 6) + (value[i + static_cast<std::size_t>(k)] & 0x3F);
        }
        i += static_cast<std::size_t>(w);
        put('\\');
        switch (v) {
        case 0x00: put('0'); break;
        case 0x07: put('a'); break;
        case 0x08: put('b'); break;
        case 0x09: put('t'); break;
        case 0x0A: put('n'); break;
        case 0x0B: put('v'); break;
        case 0x0C: put('f'); break;
        case 0x0D: put('r'); break;
        case 0x1B: put('e'); break;
        case 0x22: put('"'); break;
        case 0x5C: put('\\'); break;
        case 0x85: put('N'); break;
        case 0xA0: put('_'); break;
        case 0x2028: put('L'); break;
        case 0x2029: put('P'); break;
        default: {
          int digits = 0;
          if (v <= 0xFF) {
            put('x');
            digits = 2;
          } else if (v <= 0xFFFF) {
            put('u');
            digits = 4;
          } else {
            put('U');
            digits = 8;
          }
          for (int k = (digits - 1) * 4; k >= 0; k -= 4) {
            put(hex[(v >> k) & 0x0F]);
          }
        }
        }
        spaces = false;
      } else if (value.is_space(i)) {
        if (allow_breaks && !spaces && m_column > m_best_width && i > 0 && i < value.size() - 1) {
          write_indent();
          if (value.is_space(i + 1)) {
            put('\\');
          }
          i += 1;
        } else {
          write(value, i);
        }
        spaces = true;
      } else {
        write(value, i);
        spaces = false;
      }
    }
    write_indicator("\"", false, false, false);
    m_whitespace = false;
    m_indention = false;
  }

  void write_block_scalar_hints(const YamlBytes& value)
  {
    if (value.is_space(0) || value.is_break(0)) {
      const char hint[2] = {static_cast<char>('0' + m_best_indent), 0};
      write_indicator(std::string_view(hint, 1), false, false, false);
    }
    m_open_ended = false;
    char chomp = 0;
    if (value.size() == 0) {
      chomp = '-';
    } else {
      std::size_t i = value.size() - 1;
      while ((value[i] & 0xC0) == 0x80) --i;
      if (!value.is_break(i)) {
        chomp = '-';
      } else if (i == 0) {
        chomp = '+';
        m_open_ended = true;
      } else {
        --i;
        while ((value[i] & 0xC0) == 0x80) --i;
        if (value.is_break(i)) {
          chomp = '+';
          m_open_ended = true;
        }
      }
    }
    if (chomp != 0) {
      write_indicator(std::string_view(&chomp, 1), false, false, false);
    }
  }

  void write_literal(std::string_view text)
  {
    const YamlBytes value{text};
    write_indicator("|", true, false, false);
    write_block_scalar_hints(value);
    if (!m_v3) {
      put_break();
      m_indention = true;
    }
    m_whitespace = true;
    bool breaks = true;
    for (std::size_t i = 0; i < value.size();) {
      if (value.is_break(i)) {
        write_break(value, i);
        m_indention = true;
        breaks = true;
      } else {
        if (breaks) {
          write_indent();
        }
        write(value, i);
        m_indention = false;
        breaks = false;
      }
    }
  }

  /// emit_scalar: select_scalar_style, tag, increase_indent, process_scalar.
  void scalar(std::string_view text, Style requested, bool binary_tag, bool in_sequence_item,
              const YamlScalarData* analyzed = nullptr)
  {
    const YamlScalarData d = analyzed != nullptr ? *analyzed : yaml_analyze_scalar(text, m_v3);
    Style style = requested;
    if (m_simple_key_context && d.multiline) {
      style = Style::double_quoted;
    }
    if (style == Style::plain) {
      if ((m_flow_level > 0 && !d.flow_plain_allowed) || (m_flow_level == 0 && !d.block_plain_allowed)) {
        style = Style::single_quoted;
      }
      if (text.empty() && (m_flow_level > 0 || m_simple_key_context)) {
        style = Style::single_quoted;
      }
    }
    if (style == Style::single_quoted && !d.single_quoted_allowed) {
      style = Style::double_quoted;
    }
    if (style == Style::literal && (!d.block_allowed || m_flow_level > 0 || m_simple_key_context)) {
      style = Style::double_quoted;
    }
    if (binary_tag) {
      if (!m_whitespace) put(' ');
      write_all("!!");
      write_all("binary");
      m_whitespace = false;
      m_indention = false;
    }
    increase_indent(true, false, in_sequence_item);
    const bool allow_breaks = !m_simple_key_context;
    switch (style) {
    case Style::plain: write_plain(text, allow_breaks); break;
    case Style::single_quoted: write_single_quoted(text, allow_breaks); break;
    case Style::double_quoted: write_double_quoted(text, allow_breaks); break;
    case Style::literal: write_literal(text); break;
    }
    pop_indent();
  }

  // ---- values
  /// A scalar to write: `text` views the value's own string or `storage`.
  struct Leaf
  {
    std::string_view text;
    std::string storage;
    Style style = Style::plain;
    bool binary = false;
    Leaf() = default;
    Leaf(const Leaf&) = delete;
    Leaf& operator=(const Leaf&) = delete;
    void set(std::string s)
    {
      storage = std::move(s);
      text = storage;
    }
  };

  /// The scalar a non-container value is written as; false on a JSON error.
  bool leaf(const Value& v, Leaf& out)
  {
    switch (v.kind()) {
    case tmpl::Kind::nil: out.text = "null"; return true;
    case tmpl::Kind::boolean: out.text = v.as_bool() ? "true" : "false"; return true;
    case tmpl::Kind::integer: out.set(std::to_string(v.as_int())); return true;
    case tmpl::Kind::unsigned_: out.set(std::to_string(v.as_uint())); return true;
    case tmpl::Kind::floating: return float_leaf(v.as_float(), out);
    case tmpl::Kind::string: string_leaf(v.as_string(), out); return true;
    case tmpl::Kind::bytes: {
      if (m_v3) {
        return true; // handled as a sequence by the caller
      }
      const std::string b64 = util::base64_encode(v.as_string());
      string_leaf(b64, out);
      out.set(b64);
      return true;
    }
    default: return true;
    }
  }

  bool float_leaf(double f, Leaf& out)
  {
    if (!m_v3) {
      if (!std::isfinite(f)) {
        m_error = "error marshaling into JSON: json: unsupported value: " + go_float(f, 'g', 64);
        return false;
      }
      // yaml.v2 re-reads the JSON text of f: integer literals stay integers.
      std::string json;
      append_json_float(json, f);
      if (json.find_first_of(".e") == std::string::npos) {
        std::int64_t i = 0;
        std::uint64_t u = 0;
        if (go_parse_int(json, 10, i)) {
          out.set(std::to_string(i));
          return true;
        }
        if (go_parse_uint(json, 10, u)) {
          out.set(std::to_string(u));
          return true;
        }
      }
    }
    std::string text = go_float(f, 'g', 64);
    if (text == "+Inf") text = ".inf";
    else if (text == "-Inf") text = "-.inf";
    else if (text == "NaN") text = ".nan";
    out.set(std::move(text));
    return true;
  }

  /// out.text is s (when it needs no change) or a transformed copy in out.storage.
  void string_leaf(std::string_view s, Leaf& out)
  {
    if (!utf8_valid(s)) {
      if (m_v3) {
        out.set(base64_lines(s));
        out.binary = true;
        out.style = out.text.find('\n') != std::string::npos ? Style::literal : Style::plain;
        return;
      }
      out.set(coerce_utf8(s));
    } else {
      out.text = s;
    }
    if (out.text.find('\n') != std::string::npos) {
      out.style = Style::literal;
    } else if (m_v3 ? yaml_v3_plain_is_string(out.text) : yaml_v2_plain_is_string(out.text)) {
      out.style = Style::plain;
    } else {
      out.style = Style::double_quoted;
    }
  }

  /// yaml's encodeBase64: lines of 70 characters, each followed by a newline when there are several.
  static std::string base64_lines(std::string_view in)
  {
    const std::string b = util::base64_encode(in);
    const std::size_t lines = b.size() / 70 + 1;
    if (lines <= 1) {
      return b;
    }
    std::string out;
    for (std::size_t i = 0; i < b.size(); i += 70) {
      out += b.substr(i, 70);
      out += '\n';
    }
    return out;
  }

  bool node(const Value& v, bool root, bool sequence, bool mapping, bool simple_key, bool in_sequence_item)
  {
    m_root_context = root;
    m_sequence_context = sequence;
    m_mapping_context = mapping;
    m_simple_key_context = simple_key;
    if (v.is_object()) {
      return node(v.as_object().to_data(), root, sequence, mapping, simple_key, in_sequence_item);
    }
    if (v.is_list() || (m_v3 && v.is_bytes())) {
      return sequence_node(v, in_sequence_item);
    }
    if (v.is_map()) {
      return mapping_node(v, in_sequence_item);
    }
    Leaf l;
    if (!leaf(v, l)) {
      return false;
    }
    scalar(l.text, l.style, l.binary, in_sequence_item);
    return true;
  }

  bool sequence_node(const Value& v, bool in_sequence_item)
  {
    const bool is_bytes = v.is_bytes();
    const std::size_t n = is_bytes ? v.as_string().size() : v.elements().size();
    if (m_flow_level > 0 || n == 0) {
      write_indicator("[", true, true, false);
      increase_indent(true, false, in_sequence_item);
      ++m_flow_level;
      --m_flow_level;
      pop_indent();
      write_indicator("]", false, false, false);
      return true;
    }
    increase_indent(false, !m_v3 && m_mapping_context && !m_indention, in_sequence_item);
    for (std::size_t i = 0; i < n; ++i) {
      write_indent();
      write_indicator("-", true, false, true);
      if (is_bytes) {
        if (!node(Value(static_cast<int>(static_cast<unsigned char>(v.as_string()[i]))), false, true, false, false, true)) {
          return false;
        }
      } else if (!node(v.elements()[i], false, true, false, false, true)) {
        return false;
      }
    }
    pop_indent();
    return true;
  }

  bool mapping_node(const Value& v, bool in_sequence_item)
  {
    const tmpl::MapItems& items = v.items();
    if (m_flow_level > 0 || items.empty()) {
      write_indicator("{", true, true, false);
      increase_indent(true, false, in_sequence_item);
      pop_indent();
      write_indicator("}", false, false, false);
      return true;
    }
    // Keys as JSON would write them (invalid UTF-8 replaced), in yaml's order.
    using Entry = std::pair<std::string_view, const Value*>;
    std::array<Entry, 16> small;
    std::vector<Entry> large;
    std::span<Entry> entries;
    if (items.size() <= small.size()) {
      entries = std::span<Entry>(small.data(), items.size());
    } else {
      large.resize(items.size());
      entries = large;
    }
    std::forward_list<std::string> key_storage;
    std::size_t n = 0;
    for (const auto& [k, x] : items) {
      std::string_view key = k;
      if (!m_v3 && !utf8_valid(key)) {
        key = key_storage.emplace_front(coerce_utf8(key));
      }
      entries[n++] = Entry(key, &x);
    }
    const bool v3 = m_v3;
    go_sort(entries, [v3](const auto& a, const auto& b) { return yaml_key_less(a.first, b.first, v3); });
    increase_indent(false, false, in_sequence_item);
    for (const auto& [key, value] : entries) {
      write_indent();
      Leaf k;
      string_leaf(key, k);
      const YamlScalarData d = yaml_analyze_scalar(k.text, m_v3);
      const std::size_t tag_len = k.binary ? 8 : 0;
      if (!d.multiline && k.text.size() + tag_len <= 128) {
        m_root_context = false;
        m_sequence_context = false;
        m_mapping_context = true;
        m_simple_key_context = true;
        scalar(k.text, k.style, k.binary, false, &d);
        write_indicator(":", false, false, false);
      } else {
        write_indicator("?", true, false, true);
        m_root_context = false;
        m_sequence_context = false;
        m_mapping_context = true;
        m_simple_key_context = false;
        scalar(k.text, k.style, k.binary, false, &d);
        write_indent();
        write_indicator(":", true, false, true);
      }
      if (!node(*value, false, false, true, false, false)) {
        return false;
      }
    }
    pop_indent();
    return true;
  }

  bool m_v3;
  int m_best_indent = 2;
  int m_best_width;
  std::string m_out;
  std::string m_error;
  int m_indent = -1;
  std::vector<int> m_indents;
  int m_column = 0;
  int m_flow_level = 0;
  bool m_whitespace = true;
  bool m_indention = true;
  bool m_open_ended = false;
  bool m_root_context = false;
  bool m_sequence_context = false;
  bool m_mapping_context = false;
  bool m_simple_key_context = false;
};

/// True when a string or key holds characters that json.Marshal leaves raw
/// but yaml.v2 does not read back as themselves: NEL (a line break), DEL, the
/// other C1 controls and U+FFFE/U+FFFF (rejected by its reader).
bool text_reread_matters(std::string_view s)
{
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x7F) continue;
    if (c == 0x7F) return true;
    if (c == 0xC2 && i + 1 < s.size()) {
      const auto d = static_cast<unsigned char>(s[i + 1]);
      if (d >= 0x80 && d <= 0x9F) return true;
    } else if (c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBF) {
      const auto d = static_cast<unsigned char>(s[i + 2]);
      if (d == 0xBE || d == 0xBF) return true;
    }
  }
  return false;
}

bool reread_matters(const Value& v)
{
  switch (v.kind()) {
  case tmpl::Kind::string: return text_reread_matters(v.as_string());
  case tmpl::Kind::list:
    for (const auto& e : v.elements()) {
      if (reread_matters(e)) return true;
    }
    return false;
  case tmpl::Kind::map:
    for (const auto& [k, e] : v.items()) {
      if (text_reread_matters(k) || reread_matters(e)) return true;
    }
    return false;
  case tmpl::Kind::object: return reread_matters(v.as_object().to_data());
  default: return false;
  }
}

} // namespace

util::Result<std::string> emit_yaml_v2(const Value& v)
{
  if (reread_matters(v)) {
    // Take the long way, as Go does: JSON text, read back by yaml.v2, written out.
    auto json = to_json(v);
    if (!json) {
      return util::fail("error marshaling into JSON: {}", json.error().message);
    }
    auto back = unmarshal_yaml(*json, YamlTarget::any);
    if (!back) {
      constexpr std::string_view prefix = "error converting YAML to JSON: ";
      std::string msg = back.error().message;
      if (msg.starts_with(prefix)) {
        msg.erase(0, prefix.size());
      }
      return util::fail("error converting JSON to YAML: {}", msg);
    }
    if (!reread_matters(*back)) {
      return emit_yaml_v2(*back);
    }
  }
  Emitter e(false);
  if (!e.document(v)) {
    return std::unexpected(util::Error{std::move(e.error())});
  }
  return std::move(e.out());
}

util::Result<std::string> emit_yaml_v3(const Value& v)
{
  Emitter e(true);
  if (!e.document(v)) {
    return std::unexpected(util::Error{std::move(e.error())});
  }
  return std::move(e.out());
}

} // namespace pave::codec
