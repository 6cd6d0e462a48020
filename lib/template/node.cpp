#include <pave/template/node.hpp>

#include <algorithm>

#include <pave/template/lex_unicode.hpp>
#include <pave/template/strconv.hpp>

namespace pave::tmpl {

namespace {

void split_dots(std::string_view s, Idents& out, NodeArena& arena)
{
  for (;;) {
    const auto dot = s.find('.');
    out.push_back(arena, s.substr(0, dot));
    if (dot == std::string_view::npos) {
      break;
    }
    s.remove_prefix(dot + 1);
  }
}

bool is_space_only(std::string_view s)
{
  // bytes.TrimSpace uses unicode.IsSpace; ASCII space plus the Unicode spaces.
  std::size_t i = 0;
  while (i < s.size()) {
    const auto d = go::decode_rune(s.substr(i));
    const char32_t r = d.rune;
    const bool space = r == ' ' || (r >= '\t' && r <= '\r') || r == 0x85 || r == 0xA0 || r == 0x1680 ||
                       (r >= 0x2000 && r <= 0x200A) || r == 0x2028 || r == 0x2029 || r == 0x202F ||
                       r == 0x205F || r == 0x3000;
    if (!space) {
      return false;
    }
    i += static_cast<std::size_t>(d.width);
  }
  return true;
}

} // namespace

void ListNode::write_to(std::string& out) const
{
  for (const Node* n : nodes) {
    n->write_to(out);
  }
}

void TextNode::write_to(std::string& out) const
{
  out += text;
}

void CommentNode::write_to(std::string& out) const
{
  out += "{{";
  out += text;
  out += "}}";
}

void PipeNode::write_to(std::string& out) const
{
  if (!decl.empty()) {
    for (std::size_t i = 0; i < decl.size(); ++i) {
      if (i > 0) {
        out += ", ";
      }
      decl[i]->write_to(out);
    }
    out += " := ";
  }
  for (std::size_t i = 0; i < cmds.size(); ++i) {
    if (i > 0) {
      out += " | ";
    }
    cmds[i]->write_to(out);
  }
}

void ActionNode::write_to(std::string& out) const
{
  out += "{{";
  pipe->write_to(out);
  out += "}}";
}

void CommandNode::write_to(std::string& out) const
{
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (i > 0) {
      out.push_back(' ');
    }
    if (args[i]->type == NodeType::pipe) {
      out.push_back('(');
      args[i]->write_to(out);
      out.push_back(')');
      continue;
    }
    args[i]->write_to(out);
  }
}

void IdentifierNode::write_to(std::string& out) const
{
  out += ident;
}

VariableNode::VariableNode(std::size_t p, std::string_view text, NodeArena& arena) : Node(NodeType::variable, p)
{
  split_dots(text, ident, arena);
}

void VariableNode::write_to(std::string& out) const
{
  for (std::size_t i = 0; i < ident.size(); ++i) {
    if (i > 0) {
      out.push_back('.');
    }
    out += ident[i];
  }
}

void DotNode::write_to(std::string& out) const
{
  out.push_back('.');
}

void NilNode::write_to(std::string& out) const
{
  out += "nil";
}

FieldNode::FieldNode(std::size_t p, std::string_view text, NodeArena& arena) : Node(NodeType::field, p)
{
  split_dots(text.substr(1), ident, arena);
}

void FieldNode::write_to(std::string& out) const
{
  for (const auto& id : ident) {
    out.push_back('.');
    out += id;
  }
}

void ChainNode::write_to(std::string& out) const
{
  if (node->type == NodeType::pipe) {
    out.push_back('(');
    node->write_to(out);
    out.push_back(')');
  } else {
    node->write_to(out);
  }
  for (const auto& f : field) {
    out.push_back('.');
    out += f;
  }
}

void BoolNode::write_to(std::string& out) const
{
  out += value ? "true" : "false";
}

void NumberNode::resolve_ideal()
{
  const bool hex_int = text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X') &&
                       text.find_first_of("pP") == std::string::npos;
  const bool rune_int = !text.empty() && text[0] == '\'';
  if (is_complex) {
    ideal = Ideal::complex;
  } else if (is_float && !hex_int && !rune_int && text.find_first_of(".eEpP") != std::string::npos) {
    ideal = Ideal::value;
    constant = Value(float64);
  } else if (is_int) {
    ideal = Ideal::value;
    constant = Value(int64, IntType::int_);
  } else if (is_uint) {
    ideal = Ideal::overflow;
  }
}

void NumberNode::write_to(std::string& out) const
{
  out += text;
}

void StringNode::write_to(std::string& out) const
{
  out += quoted;
}

void EndNode::write_to(std::string& out) const
{
  out += "{{end}}";
}

void ElseNode::write_to(std::string& out) const
{
  out += "{{else}}";
}

void BranchNode::write_to(std::string& out) const
{
  out += "{{";
  out += type == NodeType::if_ ? "if" : type == NodeType::range ? "range" : "with";
  out.push_back(' ');
  pipe->write_to(out);
  out += "}}";
  list->write_to(out);
  if (else_list != nullptr) {
    out += "{{else}}";
    else_list->write_to(out);
  }
  out += "{{end}}";
}

void BreakNode::write_to(std::string& out) const
{
  out += "{{break}}";
}

void ContinueNode::write_to(std::string& out) const
{
  out += "{{continue}}";
}

void TemplateNode::write_to(std::string& out) const
{
  out += "{{template ";
  out += go::quote(name);
  if (pipe != nullptr) {
    out.push_back(' ');
    pipe->write_to(out);
  }
  out += "}}";
}

bool is_empty_tree(const Node* n)
{
  if (n == nullptr) {
    return true;
  }
  switch (n->type) {
  case NodeType::comment: return true;
  case NodeType::list:
    return std::all_of(static_cast<const ListNode*>(n)->nodes.begin(), static_cast<const ListNode*>(n)->nodes.end(),
                       [](const Node* c) { return is_empty_tree(c); });
  case NodeType::text: return is_space_only(static_cast<const TextNode*>(n)->text);
  default: return false;
  }
}

std::string error_location(const Source& src, std::size_t pos)
{
  const std::string_view text = std::string_view(src.text).substr(0, pos);
  const auto nl = text.rfind('\n');
  const std::size_t col = nl == std::string_view::npos ? pos : pos - (nl + 1);
  const auto line = 1 + std::count(text.begin(), text.end(), '\n');
  return src.parse_name + ":" + std::to_string(line) + ":" + std::to_string(col);
}

} // namespace pave::tmpl
