#pragma once
/// The parse tree of Go text/template (text/template/parse/node.go). Nodes
/// live in a NodeArena owned (shared) by every Tree parsed from the same text;
/// they point at each other with plain pointers. string() reproduces Go's
/// Node.String(), which execution errors quote as `at <...>`.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <vector>

#include <pave/template/builtins.hpp>
#include <pave/template/function.hpp>
#include <pave/template/value.hpp>

namespace pave::tmpl {

enum class NodeType : std::uint8_t {
  text, action, boolean, chain, command, dot, else_, end, field, identifier, if_, list,
  nil, number, pipe, range, string, template_, variable, with, comment, break_, continue_,
};

/// A node: its type and byte position in the parsed text.
struct Node
{
  NodeType type;
  std::size_t pos;

  Node(NodeType t, std::size_t p) : type(t), pos(p) {}
  virtual ~Node() = default;
  Node(const Node&) = delete;
  Node& operator=(const Node&) = delete;
  /// Appends Go's String() of the node.
  virtual void write_to(std::string& out) const = 0;
  std::string string() const
  {
    std::string s;
    write_to(s);
    return s;
  }
};

class NodeArena;

/// A growable array of node pointers whose storage lives in the tree's
/// NodeArena: most node lists hold one to three entries, and a heap vector
/// each (grown 1, 2, 4) was a large part of parsing. Read like a std::vector;
/// grown with push_back(arena, p) by the parser.
template <typename T> class NodePtrs
{
public:
  std::size_t size() const noexcept { return m_size; }
  bool empty() const noexcept { return m_size == 0; }
  T* data() const noexcept { return m_data; }
  T* begin() const noexcept { return m_data; }
  T* end() const noexcept { return m_data + m_size; }
  T& operator[](std::size_t i) const noexcept { return m_data[i]; }
  T& back() const noexcept { return m_data[m_size - 1]; }
  /// Appends `v`, moving the array to a larger block of `arena` when full.
  void push_back(NodeArena& arena, T v);

private:
  T* m_data = nullptr;
  std::uint32_t m_size = 0;
  std::uint32_t m_capacity = 0;
};

struct ListNode final : Node
{
  NodePtrs<Node*> nodes;
  explicit ListNode(std::size_t p) : Node(NodeType::list, p) {}
  void write_to(std::string& out) const override;
};

struct TextNode final : Node
{
  std::string_view text; ///< points into the tree's source text
  TextNode(std::size_t p, std::string_view t) : Node(NodeType::text, p), text(t) {}
  void write_to(std::string& out) const override;
};

struct CommentNode final : Node
{
  std::string_view text;
  CommentNode(std::size_t p, std::string_view t) : Node(NodeType::comment, p), text(t) {}
  void write_to(std::string& out) const override;
};

struct VariableNode;
struct CommandNode;

struct PipeNode final : Node
{
  int line;
  bool is_assign = false;            ///< `$x = ...` rather than `$x := ...`
  NodePtrs<VariableNode*> decl;      ///< declared or assigned variables
  NodePtrs<CommandNode*> cmds;
  PipeNode(std::size_t p, int l) : Node(NodeType::pipe, p), line(l) {}
  void write_to(std::string& out) const override;
};

struct ActionNode final : Node
{
  int line;
  PipeNode* pipe;
  ActionNode(std::size_t p, int l, PipeNode* pp) : Node(NodeType::action, p), line(l), pipe(pp) {}
  void write_to(std::string& out) const override;
};

struct CommandNode final : Node
{
  NodePtrs<Node*> args; ///< identifier, field, or constant
  explicit CommandNode(std::size_t p) : Node(NodeType::command, p) {}
  void write_to(std::string& out) const override;
};

/// A function name, resolved at parse time: `func` when the function table
/// has it (it shadows builtins, like Go's FuncMap), else `builtin`.
struct IdentifierNode final : Node
{
  std::string ident;
  const Function* func = nullptr;
  Builtin builtin = Builtin::none;
  IdentifierNode(std::size_t p, std::string i) : Node(NodeType::identifier, p), ident(std::move(i)) {}
  void write_to(std::string& out) const override;
};

/// The dot-separated names of a field or variable, or a chain's fields. They
/// point into the tree's source text or its arena, as nodes live no longer.
using Idents = NodePtrs<std::string_view>;

/// `$x` or `$x.a.b`: ident[0] is the variable (with its $), then fields.
struct VariableNode final : Node
{
  Idents ident;
  /// `text` ("$x.a.b") must live as long as `arena` (see NodeArena::keep).
  VariableNode(std::size_t p, std::string_view text, NodeArena& arena);
  void write_to(std::string& out) const override;
};

struct DotNode final : Node
{
  explicit DotNode(std::size_t p) : Node(NodeType::dot, p) {}
  void write_to(std::string& out) const override;
};

struct NilNode final : Node
{
  explicit NilNode(std::size_t p) : Node(NodeType::nil, p) {}
  void write_to(std::string& out) const override;
};

/// `.a.b.c`: the identifiers without their periods.
struct FieldNode final : Node
{
  Idents ident;
  /// `text` (".a.b") must live as long as `arena` (see NodeArena::keep).
  FieldNode(std::size_t p, std::string_view text, NodeArena& arena);
  void write_to(std::string& out) const override;
};

/// `(pipe).a.b` or `term.a.b` where term is not a field or variable.
struct ChainNode final : Node
{
  Node* node;
  Idents field;
  ChainNode(std::size_t p, Node* n) : Node(NodeType::chain, p), node(n) {}
  void write_to(std::string& out) const override;
};

struct BoolNode final : Node
{
  bool value;
  Value constant; ///< the value as executed
  BoolNode(std::size_t p, bool v) : Node(NodeType::boolean, p), value(v), constant(v) {}
  void write_to(std::string& out) const override;
};

/// A numeric constant, stored under every type that can represent it (Go's
/// ideal constants).
struct NumberNode final : Node
{
  bool is_int = false;
  bool is_uint = false;
  bool is_float = false;
  bool is_complex = false;
  std::int64_t int64 = 0;
  std::uint64_t uint64 = 0;
  double float64 = 0;
  double real = 0; ///< complex value
  double imag = 0;
  std::string text; ///< the original text
  /// What Go's idealConstant makes of it where no type is known.
  enum class Ideal : std::uint8_t { none, value, overflow, complex } ideal = Ideal::none;
  Value constant; ///< the int or float64 value when ideal == value
  NumberNode(std::size_t p, std::string t) : Node(NodeType::number, p), text(std::move(t)) {}
  /// Sets ideal/constant from the parsed fields (Go's idealConstant rules).
  void resolve_ideal();
  void write_to(std::string& out) const override;
};

struct StringNode final : Node
{
  std::string_view quoted; ///< the original text, with quotes
  std::string text;        ///< after quote processing
  Value constant;          ///< text as a string value
  StringNode(std::size_t p, std::string_view q, std::string t)
      : Node(NodeType::string, p), quoted(q), text(std::move(t)), constant(text)
  {
  }
  void write_to(std::string& out) const override;
};

/// {{end}}; never part of a finished tree.
struct EndNode final : Node
{
  explicit EndNode(std::size_t p) : Node(NodeType::end, p) {}
  void write_to(std::string& out) const override;
};

/// {{else}}; never part of a finished tree.
struct ElseNode final : Node
{
  int line;
  ElseNode(std::size_t p, int l) : Node(NodeType::else_, p), line(l) {}
  void write_to(std::string& out) const override;
};

/// if, range and with.
struct BranchNode final : Node
{
  int line;
  PipeNode* pipe;
  ListNode* list;
  ListNode* else_list; ///< nullptr when absent
  BranchNode(NodeType t, std::size_t p, int l, PipeNode* pp, ListNode* li, ListNode* el)
      : Node(t, p), line(l), pipe(pp), list(li), else_list(el)
  {
  }
  void write_to(std::string& out) const override;
};

struct BreakNode final : Node
{
  int line;
  BreakNode(std::size_t p, int l) : Node(NodeType::break_, p), line(l) {}
  void write_to(std::string& out) const override;
};

struct ContinueNode final : Node
{
  int line;
  ContinueNode(std::size_t p, int l) : Node(NodeType::continue_, p), line(l) {}
  void write_to(std::string& out) const override;
};

/// {{template "name" pipeline}}; pipe is nullptr when absent.
struct TemplateNode final : Node
{
  int line;
  std::string name;
  PipeNode* pipe;
  TemplateNode(std::size_t p, int l, std::string n, PipeNode* pp)
      : Node(NodeType::template_, p), line(l), name(std::move(n)), pipe(pp)
  {
  }
  void write_to(std::string& out) const override;
};

/// Owns every node of one parse, so trees can share them and destruction
/// never recurses.
/// Owns the nodes of one parsed text. Nodes are placed one after another in
/// large blocks (a parse makes tens of thousands of them; one allocation each
/// was a third of parsing) and destroyed together with the arena.
class NodeArena
{
public:
  NodeArena() = default;
  NodeArena(const NodeArena&) = delete;
  NodeArena& operator=(const NodeArena&) = delete;
  ~NodeArena()
  {
    for (Node* n : m_nodes) {
      n->~Node();
    }
  }

  template <typename T, typename... Args> T* make(Args&&... args)
  {
    static_assert(alignof(T) <= alignof(std::max_align_t));
    if (m_nodes.size() == m_nodes.capacity()) {
      m_nodes.reserve(std::max<std::size_t>(256, 2 * m_nodes.capacity())); // so push_back cannot throw
    }
    T* node = new (allocate(sizeof(T))) T(std::forward<Args>(args)...);
    m_nodes.push_back(node);
    return node;
  }

  /// A copy of `text` that lives as long as the arena.
  std::string_view keep(std::string_view text)
  {
    if (text.empty()) {
      return {};
    }
    auto* p = static_cast<char*>(allocate(text.size()));
    std::copy(text.begin(), text.end(), p);
    return {p, text.size()};
  }

  /// `size` bytes aligned for any node, from the current block or a new one;
  /// they live as long as the arena.
  void* allocate(std::size_t size)
  {
    size = (size + alignof(std::max_align_t) - 1) & ~(alignof(std::max_align_t) - 1);
    if (static_cast<std::size_t>(m_end - m_next) < size) {
      const std::size_t n = std::max(size, k_block);
      std::unique_ptr<std::byte[]> block(new std::byte[n]); // not zeroed
      m_blocks.push_back(std::move(block));
      m_next = m_blocks.back().get();
      m_end = m_next + n;
    }
    void* p = m_next;
    m_next += size;
    return p;
  }

private:
  static constexpr std::size_t k_block = std::size_t(32) << 10;

  std::vector<std::unique_ptr<std::byte[]>> m_blocks;
  std::byte* m_next = nullptr;
  std::byte* m_end = nullptr;
  std::vector<Node*> m_nodes; ///< to destroy
};

template <typename T> void NodePtrs<T>::push_back(NodeArena& arena, T v)
{
  if (m_size == m_capacity) {
    const std::uint32_t capacity = m_capacity == 0 ? 2 : 2 * m_capacity;
    T* data = static_cast<T*>(arena.allocate(sizeof(T) * capacity));
    std::copy(m_data, m_data + m_size, data);
    m_data = data;
    m_capacity = capacity;
  }
  m_data[m_size++] = v;
}

/// The text one Parse call read, and the name errors give it (Go's ParseName).
struct Source
{
  std::string parse_name;
  std::string text;
};

/// One parsed template: the main text or a {{define}}/{{block}}.
struct Tree
{
  std::string name;
  std::shared_ptr<const Source> source;
  std::shared_ptr<const NodeArena> arena;
  ListNode* root = nullptr;
};

/// parse.IsEmptyTree: true when the node holds nothing but space and comments.
bool is_empty_tree(const Node* n);

/// "NAME:LINE:COL" of a position, as Go's ErrorContext prints it (COL is the
/// 0-based byte offset in its line).
std::string error_location(const Source& src, std::size_t pos);

} // namespace pave::tmpl
