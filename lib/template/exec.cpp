#include <pave/template/exec.hpp>

#include <pave/template/builtins.hpp>
#include <pave/template/format.hpp>
#include <pave/template/parser.hpp>
#include <pave/template/stack_guard.hpp>
#include <pave/template/strconv.hpp>

namespace pave::tmpl {

namespace {

const Value k_nil;

} // namespace

const Tree* TemplateScope::find(std::string_view name) const
{
  for (const TemplateScope* s = this; s != nullptr; s = s->m_parent) {
    const auto it = s->m_trees.find(name);
    if (it != s->m_trees.end()) {
      return it->second.get();
    }
  }
  return nullptr;
}

void TemplateScope::add(std::shared_ptr<const Tree> tree)
{
  if (find(tree->name) != nullptr && is_empty_tree(tree->root)) {
    return; // an empty template never replaces a defined one
  }
  const auto it = m_trees.find(std::string_view(tree->name));
  if (it != m_trees.end()) {
    it->second = std::move(tree);
  } else {
    std::string name = tree->name;
    m_trees.emplace(std::move(name), std::move(tree));
  }
}

Exec::Exec(const TemplateScope& scope, const FunctionTable& funcs, const Limits& limits)
    : m_scope(scope), m_funcs(funcs), m_limits(limits)
{
}

void Exec::run(const Tree& tree, std::string_view name, const Value& data, std::string& out,
               const Spill* spill)
{
  m_top = &out;
  m_spill = spill;
  m_spilled = 0;
  run_frame(tree, name, 0, data, out);
}

void Exec::run_frame(const Tree& tree, std::string_view name, int depth, Value dot, std::string& out)
{
  // Saves and restores the caller's frame, output and variables, also when unwinding.
  struct Restore
  {
    Exec& ex;
    Frame* frame;
    std::string* out;
    std::size_t out_start;
    std::size_t vars;
    ~Restore()
    {
      ex.m_frame = frame;
      ex.m_out = out;
      ex.m_out_start = out_start;
      ex.pop(vars);
    }
  } restore{*this, m_frame, m_out, m_out_start, m_vars.size()};

  Frame frame{&tree, name, nullptr, m_vars.size(), depth};
  m_frame = &frame;
  m_out = &out;
  m_out_start = out_position();
  push_var("$", dot, false);
  walk(Ref{&dot}, tree.root);
}

std::string Exec::execute_named(std::string_view name, const Value& data)
{
  const Tree* tree = m_scope.find(name);
  if (tree == nullptr) {
    throw FunctionError("template: no template " + go::quote(name) + " associated with template " +
                        go::quote(k_root_template_name));
  }
  const std::string owned_name(name);
  std::string out;
  try {
    run_frame(*tree, owned_name, 0, data, out);
  } catch (const ExecError& e) {
    throw FunctionError(e.message);
  }
  return out;
}

std::string Exec::execute_text(std::string_view name, std::string_view text, const Value& data)
{
  check_stack_left();
  auto trees = parse_template(name, text, m_funcs, m_limits.max_parse_depth);
  if (!trees) {
    throw FunctionError(trees.error().message);
  }
  TemplateScope scope(&m_scope);
  const Tree* main = nullptr;
  for (auto& t : *trees) {
    if (t->name == name) {
      main = t.get();
    }
    scope.add(t);
  }
  const std::string owned_name(name);
  std::string out;
  Exec child(scope, m_funcs, m_limits);
  try {
    child.run(*main, owned_name, data, out);
  } catch (const ExecError& e) {
    throw FunctionError(e.message);
  }
  return out;
}

void Exec::check_stack_left()
{
  if (stack_exhausted()) {
    try {
      errorf("exceeded maximum nesting depth (stack exhausted)");
    } catch (ExecError& e) {
      throw ExecAbort{std::move(e.message)};
    }
  }
}

void Exec::errorf(std::string message)
{
  std::string text = "template: ";
  if (m_frame->node == nullptr) {
    text += m_frame->name;
    text += ": ";
  } else {
    text += error_location(*m_frame->tree->source, m_frame->node->pos);
    text += ": executing ";
    text += go::quote(m_frame->name);
    text += " at <";
    m_frame->node->write_to(text);
    text += ">: ";
  }
  text += message;
  throw ExecError{std::move(text)};
}

void Exec::push_var(std::string_view name, Value v, bool iface)
{
  m_vars.push_back(Var{name, std::move(v), iface});
}

void Exec::set_var(std::string_view name, const Ref& v)
{
  for (std::size_t i = m_vars.size(); i-- > m_frame->vars_base;) {
    if (m_vars[i].name == name) {
      Value copy = *v.v;
      m_vars[i].value = std::move(copy);
      m_vars[i].iface = v.iface;
      return;
    }
  }
  errorf("undefined variable: " + std::string(name));
}

void Exec::set_top_var(std::size_t n, const Ref& v)
{
  Var& var = m_vars[m_vars.size() - n];
  Value copy = *v.v;
  var.value = std::move(copy);
  var.iface = v.iface;
}

Exec::Ref Exec::var_value(std::string_view name)
{
  for (std::size_t i = m_vars.size(); i-- > m_frame->vars_base;) {
    if (m_vars[i].name == name) {
      return Ref{&m_vars[i].value, m_vars[i].iface};
    }
  }
  errorf("undefined variable: " + std::string(name));
}

void Exec::pop(std::size_t mark)
{
  while (m_vars.size() > mark) {
    m_vars.pop_back();
  }
}

void Exec::write(std::string_view s)
{
  m_out->append(s);
  wrote_output();
}

std::size_t Exec::out_position() const noexcept
{
  return m_out->size() + (m_out == m_top ? m_spilled : 0);
}

void Exec::wrote_output()
{
  if (out_position() - m_out_start > m_limits.max_output) {
    errorf("output exceeds the limit of " + std::to_string(m_limits.max_output) + " bytes");
  }
  if (m_out == m_top && m_spill != nullptr && m_out->size() >= k_spill_bytes) {
    spill_output();
  }
}

void Exec::spill_output()
{
  // Text written by separate writes could still form "<no value>" (Helm
  // removes it from the whole output): keep a tail that may start one.
  // Only the last bytes can start one: look no further back than that.
  std::string& out = *m_out;
  std::size_t keep = out.size();
  const std::size_t tail = std::min(out.size(), k_no_value.size() - 1);
  if (const auto lt = std::string_view(out).substr(out.size() - tail).rfind('<'); lt != std::string_view::npos) {
    const std::size_t at = out.size() - tail + lt;
    if (k_no_value.starts_with(std::string_view(out).substr(at))) {
      keep = at;
    }
  }
  const std::string rest = out.substr(keep);
  out.resize(keep);
  m_spilled += out.size();
  (*m_spill)(std::move(out));
  out = std::string();
  out.reserve(k_spill_bytes + k_spill_bytes / 8);
  out.append(rest);
}

Exec::Flow Exec::walk(const Ref& dot, const Node* node)
{
  check_stack_left();
  at(node);
  if (++m_steps > m_limits.max_steps) {
    errorf("exceeded the limit of " + std::to_string(m_limits.max_steps) + " execution steps");
  }
  switch (node->type) {
  case NodeType::action: {
    const auto* action = static_cast<const ActionNode*>(node);
    // Do not pop variables so they persist until next end. Also, if the
    // action declares variables, don't print the result.
    Value tmp;
    const Ref val = eval_pipeline(dot, action->pipe, tmp);
    if (action->pipe->decl.empty()) {
      print_value(node, val);
    }
    return Flow::normal;
  }
  case NodeType::break_: return Flow::break_;
  case NodeType::comment: return Flow::normal;
  case NodeType::continue_: return Flow::continue_;
  case NodeType::if_: return walk_if_or_with(false, dot, static_cast<const BranchNode*>(node));
  case NodeType::list: {
    for (const Node* n : static_cast<const ListNode*>(node)->nodes) {
      const Flow f = walk(dot, n);
      if (f != Flow::normal) {
        return f;
      }
    }
    return Flow::normal;
  }
  case NodeType::range: walk_range(dot, static_cast<const BranchNode*>(node)); return Flow::normal;
  case NodeType::template_: walk_template(dot, static_cast<const TemplateNode*>(node)); return Flow::normal;
  case NodeType::text: write(static_cast<const TextNode*>(node)->text); return Flow::normal;
  case NodeType::with: return walk_if_or_with(true, dot, static_cast<const BranchNode*>(node));
  default: break;
  }
  errorf("unknown node: " + node->string());
}

Exec::Flow Exec::walk_if_or_with(bool with, const Ref& dot, const BranchNode* node)
{
  const std::size_t vars_mark = mark();
  Value tmp;
  const Ref val = eval_pipeline(dot, node->pipe, tmp);
  Flow f = Flow::normal;
  if (val.v->truthy()) {
    if (with) {
      // Dot owns its value: the body may reassign variables or mutate maps.
      Value owned = val.v == &tmp ? std::move(tmp) : *val.v;
      f = walk(Ref{&owned}, node->list);
    } else {
      f = walk(dot, node->list);
    }
  } else if (node->else_list != nullptr) {
    f = walk(dot, node->else_list);
  }
  pop(vars_mark);
  return f;
}

void Exec::walk_range(const Ref& dot, const BranchNode* node)
{
  at(node);
  const std::size_t outer_mark = mark();
  Value tmp;
  const Ref val_ref = eval_pipeline(dot, node->pipe, tmp);
  // Hold the collection: the body may reassign the variable that held it.
  const Value val = val_ref.v == &tmp ? std::move(tmp) : *val_ref.v;
  const std::size_t vars_mark = mark();
  const std::size_t ndecl = node->pipe->decl.size();
  // One iteration; false when the body said {{break}}.
  auto one_iteration = [&](const Value& index, const Ref& elem) {
    if (ndecl > 0) {
      set_top_var(1, elem);
    }
    if (ndecl > 1) {
      set_top_var(2, Ref{&index});
    }
    const Flow f = walk(elem, node->list);
    pop(vars_mark);
    return f != Flow::break_;
  };
  const Value* coll = &val;
  Value data;
  if (val.is_object()) {
    const std::string k = val.as_object().kind_name();
    if (k == "map" || k == "slice") {
      data = val.as_object().to_data();
      coll = &data;
    }
  }
  bool ran = false;
  switch (coll->kind()) {
  case Kind::list: {
    const ListData& ld = coll->list_data();
    const bool iface = ld.elem == ElemType::any;
    for (std::size_t i = 0; i < ld.items.size(); ++i) {
      ran = true;
      const Value index(static_cast<std::int64_t>(i), IntType::int_);
      if (!one_iteration(index, Ref{&ld.items[i], iface})) {
        break;
      }
    }
    break;
  }
  case Kind::bytes: {
    const std::string& bytes = coll->as_string();
    for (std::size_t i = 0; i < bytes.size(); ++i) {
      ran = true;
      const Value index(static_cast<std::int64_t>(i), IntType::int_);
      const Value elem(std::uint64_t(static_cast<unsigned char>(bytes[i])), IntType::uint8);
      if (!one_iteration(index, Ref{&elem})) {
        break;
      }
    }
    break;
  }
  case Kind::map: {
    const MapData& md = coll->map_data();
    const bool iface = md.elem == ElemType::any;
    // Go ranges over a sorted snapshot of the map.
    std::vector<std::pair<Value, Value>> entries;
    entries.reserve(md.items.size());
    for (const auto& [k, v] : md.items) {
      entries.emplace_back(Value(k), v);
    }
    for (const auto& [k, v] : entries) {
      ran = true;
      if (!one_iteration(k, Ref{&v, iface})) {
        break;
      }
    }
    break;
  }
  case Kind::nil: break; // an invalid value acts like an empty map
  default: errorf("range can't iterate over " + indirect_sprint(*coll));
  }
  if (!ran && node->else_list != nullptr) {
    walk(dot, node->else_list);
  }
  pop(outer_mark);
}

void Exec::walk_template(const Ref& dot, const TemplateNode* node)
{
  at(node);
  const Tree* tree = m_scope.find(node->name);
  if (tree == nullptr) {
    errorf("template " + go::quote(node->name) + " not defined");
  }
  if (m_frame->depth >= m_limits.max_exec_depth) {
    errorf("exceeded maximum template depth (" + std::to_string(m_limits.max_exec_depth) + ")");
  }
  // Variables declared by the pipeline persist.
  Value tmp;
  const Ref d = eval_pipeline(dot, node->pipe, tmp);
  Value new_dot = d.v == &tmp ? std::move(tmp) : *d.v;

  struct Restore
  {
    Exec& ex;
    Frame* frame;
    std::size_t vars;
    ~Restore()
    {
      ex.m_frame = frame;
      ex.pop(vars);
    }
  } restore{*this, m_frame, m_vars.size()};
  Frame frame{tree, node->name, nullptr, m_vars.size(), m_frame->depth + 1};
  m_frame = &frame;
  // No dynamic scoping: template invocations inherit no variables.
  push_var("$", new_dot, false);
  walk(Ref{&new_dot}, tree->root);
}

void Exec::print_value(const Node* node, const Ref& v)
{
  at(node);
  if (v.v->is_nil()) {
    write(k_no_value);
  } else if (v.v->is_string()) {
    write(v.v->as_string());
  } else if (v.v->is_object()) {
    write(indirect_sprint(*v.v));
  } else {
    append_value(*m_out, *v.v);
    wrote_output();
  }
}

} // namespace pave::tmpl
