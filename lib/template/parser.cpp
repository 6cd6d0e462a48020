#include <pave/template/parser.hpp>

#include <string>
#include <unordered_map>

#include <pave/template/lex_unicode.hpp>
#include <pave/template/lexer.hpp>
#include <pave/template/parse_literal.hpp>
#include <pave/template/stack_guard.hpp>

namespace pave::tmpl {

namespace {

/// A parse error, already formatted; unwinds to parse_template.
struct ParseFailure
{
  std::string message;
};

/// State shared by the parsers of one text (main tree, defines and blocks).
struct ParseShared
{
  Lexer lexer;
  const FunctionTable& funcs;
  std::shared_ptr<Source> source;
  std::shared_ptr<NodeArena> arena;
  std::vector<std::shared_ptr<Tree>> trees;
  std::unordered_map<std::string, std::size_t> index;
  int depth = 0;
  int max_depth;

  bool has_function(std::string_view name) const
  {
    return funcs.contains(name) || find_builtin(name) != Builtin::none;
  }
};

/// Parses one tree, like Go's *parse.Tree during Parse: its own three-token
/// lookahead, variable list and range depth; the lexer is shared.
class TreeParser
{
public:
  TreeParser(ParseShared& ctx, std::string name) : m_ctx(ctx), m_name(std::move(name)) { m_vars.push_back("$"); }

  void parse();
  void parse_definition();
  ListNode* root() const { return m_root; }

private:
  struct DepthScope
  {
    explicit DepthScope(TreeParser& p) : m_p(p)
    {
      if (++m_p.m_ctx.depth > m_p.m_ctx.max_depth || stack_exhausted()) {
        m_p.errorf("max expression depth exceeded");
      }
    }
    ~DepthScope() { --m_p.m_ctx.depth; }
    DepthScope(const DepthScope&) = delete;
    DepthScope& operator=(const DepthScope&) = delete;
    TreeParser& m_p;
  };

  struct ControlResult
  {
    std::size_t pos;
    int line;
    PipeNode* pipe;
    ListNode* list;
    ListNode* else_list;
  };

  template <typename T, typename... Args> T* make(Args&&... args)
  {
    return m_ctx.arena->make<T>(std::forward<Args>(args)...);
  }

  Item next();
  void backup() { ++m_peek_count; }
  void backup2(const Item& t1);
  void backup3(const Item& t2, const Item& t1);
  Item peek();
  Item next_non_space();
  Item peek_non_space();

  [[noreturn]] void errorf(const std::string& message);
  Item expect(ItemType expected, const char* context);
  Item expect_one_of(ItemType expected1, ItemType expected2, const char* context);
  [[noreturn]] void unexpected(const Item& token, const char* context);

  void add();
  std::pair<ListNode*, Node*> item_list();
  Node* text_or_action();
  Node* action();
  Node* break_control(std::size_t pos, int line);
  Node* continue_control(std::size_t pos, int line);
  PipeNode* pipeline(const char* context, ItemType end);
  void check_pipeline(const PipeNode* pipe, const char* context);
  ControlResult parse_control(bool allow_else_if, const char* context);
  Node* if_control();
  Node* range_control();
  Node* with_control();
  Node* end_control();
  Node* else_control();
  Node* block_control();
  Node* template_control();
  std::string parse_template_name(const Item& token, const char* context);
  CommandNode* command();
  Node* operand();
  Node* term();
  NumberNode* new_number(const Item& token);
  VariableNode* use_var(std::size_t pos, std::string_view name);

  ParseShared& m_ctx;
  std::string m_name;
  ListNode* m_root = nullptr;
  Item m_token[3];
  int m_peek_count = 0;
  std::vector<std::string_view> m_vars;
  int m_action_line = 0;
  int m_range_depth = 0;
};

Item TreeParser::next()
{
  if (m_peek_count > 0) {
    --m_peek_count;
  } else {
    m_token[0] = m_ctx.lexer.next_item();
  }
  return m_token[m_peek_count];
}

void TreeParser::backup2(const Item& t1)
{
  m_token[1] = t1;
  m_peek_count = 2;
}

void TreeParser::backup3(const Item& t2, const Item& t1)
{
  m_token[1] = t1;
  m_token[2] = t2;
  m_peek_count = 3;
}

Item TreeParser::peek()
{
  if (m_peek_count > 0) {
    return m_token[m_peek_count - 1];
  }
  m_peek_count = 1;
  m_token[0] = m_ctx.lexer.next_item();
  return m_token[0];
}

Item TreeParser::next_non_space()
{
  Item token;
  do {
    token = next();
  } while (token.type == ItemType::space);
  return token;
}

Item TreeParser::peek_non_space()
{
  Item token = next_non_space();
  backup();
  return token;
}

void TreeParser::errorf(const std::string& message)
{
  throw ParseFailure{"template: " + m_ctx.source->parse_name + ":" + std::to_string(m_token[0].line) + ": " +
                     message};
}

Item TreeParser::expect(ItemType expected, const char* context)
{
  Item token = next_non_space();
  if (token.type != expected) {
    unexpected(token, context);
  }
  return token;
}

Item TreeParser::expect_one_of(ItemType expected1, ItemType expected2, const char* context)
{
  Item token = next_non_space();
  if (token.type != expected1 && token.type != expected2) {
    unexpected(token, context);
  }
  return token;
}

void TreeParser::unexpected(const Item& token, const char* context)
{
  if (token.type == ItemType::error) {
    std::string extra;
    if (m_action_line != 0 && m_action_line != token.line) {
      extra = " in action started at " + m_ctx.source->parse_name + ":" + std::to_string(m_action_line);
      if (token.val.ends_with(" action")) {
        extra = extra.substr(std::string_view(" in action").size()); // avoid "action in action"
      }
    }
    errorf(item_string(token) + extra);
  }
  errorf("unexpected " + item_string(token) + " in " + context);
}

void TreeParser::add()
{
  auto tree = std::make_shared<Tree>();
  tree->name = m_name;
  tree->source = m_ctx.source;
  tree->arena = m_ctx.arena;
  tree->root = m_root;
  const auto it = m_ctx.index.find(m_name);
  if (it == m_ctx.index.end()) {
    m_ctx.index.emplace(m_name, m_ctx.trees.size());
    m_ctx.trees.push_back(std::move(tree));
    return;
  }
  if (is_empty_tree(m_ctx.trees[it->second]->root)) {
    m_ctx.trees[it->second] = std::move(tree);
    return;
  }
  if (!is_empty_tree(m_root)) {
    errorf("template: multiple definition of template " + lex::quote(m_name));
  }
}

void TreeParser::parse()
{
  m_root = make<ListNode>(peek().pos);
  while (peek().type != ItemType::eof) {
    if (peek().type == ItemType::left_delim) {
      const Item delim = next();
      if (next_non_space().type == ItemType::define) {
        TreeParser def(m_ctx, "definition");
        def.parse_definition();
        continue;
      }
      backup2(delim);
    }
    Node* n = text_or_action();
    if (n->type == NodeType::end || n->type == NodeType::else_) {
      errorf("unexpected " + n->string());
    }
    m_root->nodes.push_back(*m_ctx.arena, n);
  }
  add();
}

void TreeParser::parse_definition()
{
  static constexpr const char* context = "define clause";
  const Item name = expect_one_of(ItemType::string, ItemType::raw_string, context);
  auto unquoted = unquote_go(name.val);
  if (!unquoted) {
    errorf("invalid syntax");
  }
  m_name = std::move(*unquoted);
  expect(ItemType::right_delim, context);
  auto [list, end] = item_list();
  m_root = list;
  if (end->type != NodeType::end) {
    errorf("unexpected " + end->string() + " in " + context);
  }
  add();
}

std::pair<ListNode*, Node*> TreeParser::item_list()
{
  auto* list = make<ListNode>(peek_non_space().pos);
  while (peek_non_space().type != ItemType::eof) {
    Node* n = text_or_action();
    if (n->type == NodeType::end || n->type == NodeType::else_) {
      return {list, n};
    }
    list->nodes.push_back(*m_ctx.arena, n);
  }
  errorf("unexpected EOF");
}

Node* TreeParser::text_or_action()
{
  const Item token = next_non_space();
  switch (token.type) {
  case ItemType::text: return make<TextNode>(token.pos, token.val);
  case ItemType::left_delim: {
    m_action_line = token.line;
    Node* n = action();
    m_action_line = 0;
    return n;
  }
  case ItemType::comment: return make<CommentNode>(token.pos, token.val);
  default: unexpected(token, "input");
  }
}

Node* TreeParser::action()
{
  const Item token = next_non_space();
  switch (token.type) {
  case ItemType::block: return block_control();
  case ItemType::break_: return break_control(token.pos, token.line);
  case ItemType::continue_: return continue_control(token.pos, token.line);
  case ItemType::else_: return else_control();
  case ItemType::end: return end_control();
  case ItemType::if_: return if_control();
  case ItemType::range: return range_control();
  case ItemType::template_: return template_control();
  case ItemType::with: return with_control();
  default: break;
  }
  backup();
  const Item first = peek();
  // Do not pop variables; they persist until "end".
  return make<ActionNode>(first.pos, first.line, pipeline("command", ItemType::right_delim));
}

Node* TreeParser::break_control(std::size_t pos, int line)
{
  const Item token = next_non_space();
  if (token.type != ItemType::right_delim) {
    unexpected(token, "{{break}}");
  }
  if (m_range_depth == 0) {
    errorf("{{break}} outside {{range}}");
  }
  return make<BreakNode>(pos, line);
}

Node* TreeParser::continue_control(std::size_t pos, int line)
{
  const Item token = next_non_space();
  if (token.type != ItemType::right_delim) {
    unexpected(token, "{{continue}}");
  }
  if (m_range_depth == 0) {
    errorf("{{continue}} outside {{range}}");
  }
  return make<ContinueNode>(pos, line);
}

PipeNode* TreeParser::pipeline(const char* context, ItemType end)
{
  const std::string_view ctx = context;
  const Item first = peek_non_space();
  auto* pipe = make<PipeNode>(first.pos, first.line);
  // Are there declarations or assignments?
  for (;;) {
    const Item v = peek_non_space();
    if (v.type != ItemType::variable) {
      break;
    }
    next();
    // Since space is a token, we need 3-token look-ahead here in the worst case:
    // in "$x foo" we need to read "foo" (as opposed to ":=") to know that $x is an
    // argument variable rather than a declaration.
    const Item token_after_variable = peek();
    const Item nxt = peek_non_space();
    if (nxt.type == ItemType::assign || nxt.type == ItemType::declare) {
      pipe->is_assign = nxt.type == ItemType::assign;
      next_non_space();
      pipe->decl.push_back(*m_ctx.arena, make<VariableNode>(v.pos, v.val, *m_ctx.arena));
      m_vars.push_back(v.val);
    } else if (nxt.type == ItemType::char_ && nxt.val == ",") {
      next_non_space();
      pipe->decl.push_back(*m_ctx.arena, make<VariableNode>(v.pos, v.val, *m_ctx.arena));
      m_vars.push_back(v.val);
      if (ctx == "range" && pipe->decl.size() < 2) {
        const ItemType t = peek_non_space().type;
        if (t == ItemType::variable || t == ItemType::right_delim || t == ItemType::right_paren) {
          continue; // second initialized variable in a range pipeline
        }
        errorf("range can only initialize variables");
      }
      errorf(std::string("too many declarations in ") + context);
    } else if (token_after_variable.type == ItemType::space) {
      backup3(v, token_after_variable);
    } else {
      backup2(v);
    }
    break;
  }
  for (;;) {
    const Item token = next_non_space();
    if (token.type == end) {
      check_pipeline(pipe, context);
      return pipe;
    }
    switch (token.type) {
    case ItemType::boolean:
    case ItemType::char_constant:
    case ItemType::complex:
    case ItemType::dot:
    case ItemType::field:
    case ItemType::identifier:
    case ItemType::number:
    case ItemType::nil:
    case ItemType::raw_string:
    case ItemType::string:
    case ItemType::variable:
    case ItemType::left_paren:
      backup();
      pipe->cmds.push_back(*m_ctx.arena, command());
      break;
    default: unexpected(token, context);
    }
  }
}

void TreeParser::check_pipeline(const PipeNode* pipe, const char* context)
{
  if (pipe->cmds.empty()) {
    errorf(std::string("missing value for ") + context);
  }
  // Only the first command of a pipeline can start with a non executable operand.
  for (std::size_t i = 1; i < pipe->cmds.size(); ++i) {
    switch (pipe->cmds[i]->args[0]->type) {
    case NodeType::boolean:
    case NodeType::dot:
    case NodeType::nil:
    case NodeType::number:
    case NodeType::string:
      errorf("non executable command in pipeline stage " + std::to_string(i + 1));
    default: break;
    }
  }
}

TreeParser::ControlResult TreeParser::parse_control(bool allow_else_if, const char* context)
{
  DepthScope depth(*this);
  const std::size_t vars_mark = m_vars.size();
  const bool is_range = std::string_view(context) == "range";
  PipeNode* pipe = pipeline(context, ItemType::right_delim);
  if (is_range) {
    ++m_range_depth;
  }
  auto [list, nxt] = item_list();
  if (is_range) {
    --m_range_depth;
  }
  ListNode* else_list = nullptr;
  if (nxt->type == NodeType::else_) {
    bool done = false;
    if (allow_else_if && peek().type == ItemType::if_) {
      // "{{else if ...}}" is "{{else}}{{if ...}}...{{end}}{{end}}" with the
      // last {{end}} implied: parse the if and stop at its {{end}}.
      next();
      else_list = make<ListNode>(nxt->pos);
      else_list->nodes.push_back(*m_ctx.arena, if_control());
      done = true;
    }
    if (!done) {
      auto [elist, enext] = item_list();
      else_list = elist;
      if (enext->type != NodeType::end) {
        errorf("expected end; found " + enext->string());
      }
    }
  }
  m_vars.resize(vars_mark);
  return {pipe->pos, pipe->line, pipe, list, else_list};
}

Node* TreeParser::if_control()
{
  const auto r = parse_control(true, "if");
  return make<BranchNode>(NodeType::if_, r.pos, r.line, r.pipe, r.list, r.else_list);
}

Node* TreeParser::range_control()
{
  const auto r = parse_control(false, "range");
  return make<BranchNode>(NodeType::range, r.pos, r.line, r.pipe, r.list, r.else_list);
}

Node* TreeParser::with_control()
{
  const auto r = parse_control(false, "with");
  return make<BranchNode>(NodeType::with, r.pos, r.line, r.pipe, r.list, r.else_list);
}

Node* TreeParser::end_control()
{
  return make<EndNode>(expect(ItemType::right_delim, "end").pos);
}

Node* TreeParser::else_control()
{
  const Item p = peek_non_space();
  if (p.type == ItemType::if_) {
    // We see "{{else if ... " but in effect rewrite it to {{else}}{{if ... ".
    return make<ElseNode>(p.pos, p.line);
  }
  const Item token = expect(ItemType::right_delim, "else");
  return make<ElseNode>(token.pos, token.line);
}

Node* TreeParser::block_control()
{
  static constexpr const char* context = "block clause";
  const Item token = next_non_space();
  std::string name = parse_template_name(token, context);
  PipeNode* pipe = pipeline(context, ItemType::right_delim);
  {
    DepthScope depth(*this);
    TreeParser block(m_ctx, name);
    auto [list, end] = block.item_list();
    block.m_root = list;
    if (end->type != NodeType::end) {
      errorf("unexpected " + end->string() + " in " + context);
    }
    block.add();
  }
  return make<TemplateNode>(token.pos, token.line, std::move(name), pipe);
}

Node* TreeParser::template_control()
{
  static constexpr const char* context = "template clause";
  const Item token = next_non_space();
  std::string name = parse_template_name(token, context);
  PipeNode* pipe = nullptr;
  if (next_non_space().type != ItemType::right_delim) {
    backup();
    // Do not pop variables; they persist until "end".
    pipe = pipeline(context, ItemType::right_delim);
  }
  return make<TemplateNode>(token.pos, token.line, std::move(name), pipe);
}

std::string TreeParser::parse_template_name(const Item& token, const char* context)
{
  if (token.type == ItemType::string || token.type == ItemType::raw_string) {
    auto s = unquote_go(token.val);
    if (!s) {
      errorf("invalid syntax");
    }
    return std::move(*s);
  }
  unexpected(token, context);
}

CommandNode* TreeParser::command()
{
  auto* cmd = make<CommandNode>(peek_non_space().pos);
  for (;;) {
    peek_non_space(); // skip leading spaces.
    if (Node* op = operand(); op != nullptr) {
      cmd->args.push_back(*m_ctx.arena, op);
    }
    const Item token = next();
    if (token.type == ItemType::space) {
      continue;
    }
    if (token.type == ItemType::right_delim || token.type == ItemType::right_paren) {
      backup();
    } else if (token.type != ItemType::pipe) {
      unexpected(token, "operand");
    }
    break;
  }
  if (cmd->args.empty()) {
    errorf("empty command");
  }
  return cmd;
}

Node* TreeParser::operand()
{
  Node* node = term();
  if (node == nullptr) {
    return nullptr;
  }
  if (peek().type == ItemType::field) {
    auto* chain = make<ChainNode>(peek().pos, node);
    while (peek().type == ItemType::field) {
      chain->field.push_back(*m_ctx.arena, next().val.substr(1));
    }
    // Compatibility with Go's API: fields and variables absorb the chain.
    switch (node->type) {
    case NodeType::field: return make<FieldNode>(chain->pos, m_ctx.arena->keep(chain->string()), *m_ctx.arena);
    case NodeType::variable: return make<VariableNode>(chain->pos, m_ctx.arena->keep(chain->string()), *m_ctx.arena);
    case NodeType::boolean:
    case NodeType::string:
    case NodeType::number:
    case NodeType::nil:
    case NodeType::dot: errorf("unexpected . after term " + lex::quote(node->string()));
    default: return chain;
    }
  }
  return node;
}

Node* TreeParser::term()
{
  const Item token = next_non_space();
  switch (token.type) {
  case ItemType::identifier: {
    if (!m_ctx.has_function(token.val)) {
      errorf("function " + lex::quote(token.val) + " not defined");
    }
    auto* id = make<IdentifierNode>(token.pos, std::string(token.val));
    id->func = m_ctx.funcs.find(token.val);
    if (id->func == nullptr) {
      id->builtin = find_builtin(token.val);
    }
    return id;
  }
  case ItemType::dot: return make<DotNode>(token.pos);
  case ItemType::nil: return make<NilNode>(token.pos);
  case ItemType::variable: return use_var(token.pos, token.val);
  case ItemType::field: return make<FieldNode>(token.pos, token.val, *m_ctx.arena);
  case ItemType::boolean: return make<BoolNode>(token.pos, token.val == "true");
  case ItemType::char_constant:
  case ItemType::complex:
  case ItemType::number: return new_number(token);
  case ItemType::left_paren: {
    DepthScope depth(*this);
    return pipeline("parenthesized pipeline", ItemType::right_paren);
  }
  case ItemType::string:
  case ItemType::raw_string: {
    auto s = unquote_go(token.val);
    if (!s) {
      errorf("invalid syntax");
    }
    return make<StringNode>(token.pos, token.val, std::move(*s));
  }
  default: break;
  }
  backup();
  return nullptr;
}

namespace {

/// The int64 and uint64 forms of a float constant that is whole and in range
/// (Go's parse.NumberNode); converting an out-of-range double would be undefined.
void set_integer_forms(NumberNode& n, double f)
{
  if (f >= -9223372036854775808.0 && f < 9223372036854775808.0 && double(static_cast<std::int64_t>(f)) == f) {
    n.is_int = true;
    n.int64 = static_cast<std::int64_t>(f);
  }
  if (f >= 0 && f < 18446744073709551616.0 && double(static_cast<std::uint64_t>(f)) == f) {
    n.is_uint = true;
    n.uint64 = static_cast<std::uint64_t>(f);
  }
}

} // namespace

NumberNode* TreeParser::new_number(const Item& token)
{
  const std::string_view text = token.val;
  auto* n = make<NumberNode>(token.pos, std::string(text));
  auto simplify_complex = [n] {
    n->is_float = n->imag == 0;
    if (n->is_float) {
      n->float64 = n->real;
      set_integer_forms(*n, n->float64);
    }
  };
  if (token.type == ItemType::char_constant) {
    const auto ch = unquote_go_char(text.substr(1), text[0]);
    if (!ch) {
      errorf("invalid syntax");
    }
    if (ch->tail != "'") {
      errorf("malformed character constant: " + std::string(text));
    }
    n->int64 = ch->value;
    n->is_int = true;
    n->uint64 = ch->value;
    n->is_uint = true;
    n->float64 = double(ch->value);
    n->is_float = true;
    n->resolve_ideal();
    return n;
  }
  if (token.type == ItemType::complex) {
    // "re+imi": split at the sign that starts the imaginary part.
    std::size_t split = std::string_view::npos;
    for (std::size_t i = 1; i < text.size(); ++i) {
      if ((text[i] == '+' || text[i] == '-') && text[i - 1] != 'e' && text[i - 1] != 'E' && text[i - 1] != 'p' &&
          text[i - 1] != 'P') {
        split = i;
      }
    }
    const auto re = split == std::string_view::npos ? std::nullopt : parse_go_float(text.substr(0, split));
    const auto im = split == std::string_view::npos ? std::nullopt
                                                    : parse_go_float(text.substr(split, text.size() - split - 1));
    if (!re || !im) {
      errorf("expected integer");
    }
    n->is_complex = true;
    n->real = *re;
    n->imag = *im;
    simplify_complex();
    n->resolve_ideal();
    return n;
  }
  // Imaginary constants can only be complex unless they are zero.
  if (!text.empty() && text.back() == 'i') {
    if (const auto f = parse_go_float(text.substr(0, text.size() - 1))) {
      n->is_complex = true;
      n->real = 0;
      n->imag = *f;
      simplify_complex();
      n->resolve_ideal();
      return n;
    }
  }
  // Do integer test first so we get 0x123 etc.
  const auto u = parse_go_uint(text);
  if (u) {
    n->is_uint = true;
    n->uint64 = *u;
  }
  if (const auto i = parse_go_int(text)) {
    n->is_int = true;
    n->int64 = *i;
    if (*i == 0) {
      n->is_uint = true; // in case of -0.
      n->uint64 = u.value_or(0);
    }
  }
  if (n->is_int) {
    n->is_float = true;
    n->float64 = double(n->int64);
  } else if (n->is_uint) {
    n->is_float = true;
    n->float64 = double(n->uint64);
  } else if (const auto f = parse_go_float(text)) {
    // If we parsed it as a float but it looks like an integer,
    // it's a huge number too large to fit in an int. Reject it.
    if (text.find_first_of(".eEpP") == std::string_view::npos) {
      errorf("integer overflow: " + lex::quote(text));
    }
    n->is_float = true;
    n->float64 = *f;
    // If a floating-point extraction succeeded, extract the int if needed.
    set_integer_forms(*n, *f);
  }
  if (!n->is_int && !n->is_uint && !n->is_float) {
    errorf("illegal number syntax: " + lex::quote(text));
  }
  n->resolve_ideal();
  return n;
}

VariableNode* TreeParser::use_var(std::size_t pos, std::string_view name)
{
  auto* v = make<VariableNode>(pos, name, *m_ctx.arena);
  for (const std::string_view var : m_vars) {
    if (var == v->ident[0]) {
      return v;
    }
  }
  errorf("undefined variable " + lex::quote(v->ident[0]));
}

} // namespace

util::Result<std::vector<std::shared_ptr<const Tree>>>
parse_template(std::string_view name, std::string_view text, const FunctionTable& funcs, int max_depth)
{
  auto source = std::make_shared<Source>(Source{std::string(name), std::string(text)});
  const bool break_ok = !funcs.contains("break") && find_builtin("break") == Builtin::none;
  const bool continue_ok = !funcs.contains("continue") && find_builtin("continue") == Builtin::none;
  ParseShared ctx{Lexer(source->text, false, break_ok, continue_ok), funcs, source,
                  std::make_shared<NodeArena>(), {}, {}, 0, max_depth};
  try {
    TreeParser main(ctx, std::string(name));
    main.parse();
  } catch (const ParseFailure& f) {
    return util::fail("{}", f.message);
  }
  std::vector<std::shared_ptr<const Tree>> out;
  out.reserve(ctx.trees.size());
  for (auto& t : ctx.trees) {
    out.push_back(std::move(t));
  }
  return out;
}

} // namespace pave::tmpl
