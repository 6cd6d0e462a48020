// Expression evaluation: pipelines, commands, fields, variables, arguments.
#include <pave/template/exec.hpp>


namespace pave::tmpl {

namespace {

const Value k_nil;
const Value k_zero_string{""};
const Value k_zero_int{std::int64_t(0), IntType::int_};
const Value k_zero_int64{std::int64_t(0), IntType::int64};
const Value k_zero_float{0.0};
const Value k_zero_bool{false};
const Value k_zero_bytes = Value::bytes("");

/// reflect.Zero of a map's element type, as a missing key yields it.
Exec::Ref zero_elem(ElemType e)
{
  switch (e) {
  case ElemType::any: return Exec::Ref{&k_nil, true};
  case ElemType::string: return Exec::Ref{&k_zero_string};
  case ElemType::int_: return Exec::Ref{&k_zero_int};
  case ElemType::int64: return Exec::Ref{&k_zero_int64};
  case ElemType::float64: return Exec::Ref{&k_zero_float};
  case ElemType::bytes: return Exec::Ref{&k_zero_bytes};
  case ElemType::boolean: return Exec::Ref{&k_zero_bool};
  }
  return Exec::Ref{&k_nil, true};
}

std::string param_type_name(Param p)
{
  switch (p) {
  case Param::any: return "interface {}";
  case Param::string: return "string";
  case Param::int_: return "int";
  case Param::int64: return "int64";
  case Param::float64: return "float64";
  case Param::boolean: return "bool";
  case Param::list: return "[]interface {}";
  case Param::strings: return "[]string";
  case Param::map: return "map[string]interface {}";
  case Param::bytes: return "[]uint8";
  }
  return "interface {}";
}

bool can_be_nil(Param p)
{
  switch (p) {
  case Param::any:
  case Param::list:
  case Param::strings:
  case Param::map:
  case Param::bytes: return true;
  default: return false;
  }
}

/// The value a nil argument becomes for a parameter that can be nil. Go
/// passes a nil map or slice; an empty one reads the same.
Value zero_of(Param p)
{
  switch (p) {
  case Param::list: return Value::list();
  case Param::strings: return Value::list(ElemType::string);
  case Param::map: return Value::map();
  case Param::bytes: return Value::bytes("");
  default: return Value();
  }
}

bool assignable(const Value& v, Param p)
{
  switch (p) {
  case Param::any: return true;
  case Param::string: return v.is_string();
  case Param::int_: return v.is_int() && v.int_type() == IntType::int_;
  case Param::int64: return v.is_int() && v.int_type() == IntType::int64;
  case Param::float64: return v.is_float();
  case Param::boolean: return v.is_bool();
  case Param::list: return v.is_list() && v.list_data().elem == ElemType::any;
  case Param::strings: return v.is_list() && v.list_data().elem == ElemType::string;
  case Param::map: return v.is_map() && v.map_data().elem == ElemType::any;
  case Param::bytes: return v.is_bytes();
  }
  return false;
}

} // namespace

Exec::Ref Exec::eval_pipeline(const Ref& dot, const PipeNode* pipe, Value& tmp)
{
  if (pipe == nullptr) {
    return Ref{&k_nil};
  }
  check_stack_left();
  at(pipe);
  // Commands alternate between two temporaries so each can read the
  // previous result (its final argument); the last one writes to tmp.
  Value other;
  const std::size_t n = pipe->cmds.size();
  Ref value{&k_nil};
  Ref prev{&k_nil};
  for (std::size_t i = 0; i < n; ++i) {
    Value& slot = (n - 1 - i) % 2 == 0 ? tmp : other;
    value = eval_command(dot, pipe->cmds[i], i == 0 ? nullptr : &prev, slot);
    // If the object has type interface{}, dig down one level to the thing inside.
    value.iface = false;
    prev = value;
  }
  for (std::size_t k = 0; k < pipe->decl.size(); ++k) {
    const std::string_view name = pipe->decl[k]->ident[0];
    if (pipe->is_assign) {
      set_var(name, value);
    } else if (k + 1 == pipe->decl.size() && value.v == &tmp) {
      push_var(name, std::move(tmp), false);
      value.v = &m_vars.back().value;
    } else {
      push_var(name, *value.v, false);
    }
  }
  return value;
}

void Exec::not_a_function(std::span<Node* const> args, const Ref* final)
{
  if (args.size() > 1 || final != nullptr) {
    errorf("can't give argument to non-function " + args[0]->string());
  }
}

Exec::Ref Exec::eval_command(const Ref& dot, const CommandNode* cmd, const Ref* final, Value& tmp)
{
  const Node* first = cmd->args[0];
  const std::span<Node* const> args(cmd->args);
  switch (first->type) {
  case NodeType::field: return eval_field_node(dot, static_cast<const FieldNode*>(first), args, final, tmp);
  case NodeType::chain: return eval_chain_node(dot, static_cast<const ChainNode*>(first), args, final, tmp);
  case NodeType::identifier:
    // Must be a function.
    return eval_function(dot, static_cast<const IdentifierNode*>(first), cmd, args, final, tmp);
  case NodeType::pipe:
    // Parenthesized pipeline. The arguments are all inside the pipeline; final must be absent.
    not_a_function(args, final);
    return eval_pipeline(dot, static_cast<const PipeNode*>(first), tmp);
  case NodeType::variable:
    return eval_variable_node(dot, static_cast<const VariableNode*>(first), args, final, tmp);
  default: break;
  }
  at(first);
  not_a_function(args, final);
  switch (first->type) {
  case NodeType::boolean: return Ref{&static_cast<const BoolNode*>(first)->constant};
  case NodeType::dot: return dot;
  case NodeType::nil: errorf("nil is not a command");
  case NodeType::number: return ideal_constant(static_cast<const NumberNode*>(first));
  case NodeType::string: return Ref{&static_cast<const StringNode*>(first)->constant};
  default: break;
  }
  errorf("can't evaluate command " + first->string());
}

Exec::Ref Exec::ideal_constant(const NumberNode* n)
{
  at(n);
  switch (n->ideal) {
  case NumberNode::Ideal::value: return Ref{&n->constant};
  case NumberNode::Ideal::overflow: errorf(n->text + " overflows int");
  case NumberNode::Ideal::complex: errorf("complex constant " + n->text + " is not supported");
  case NumberNode::Ideal::none: break;
  }
  return Ref{&k_nil};
}

Exec::Ref Exec::eval_field_node(const Ref& dot, const FieldNode* field, std::span<Node* const> args,
                                const Ref* final, Value& tmp)
{
  at(field);
  return eval_field_chain(dot, dot, field, field->ident, args, final, tmp);
}

Exec::Ref Exec::eval_chain_node(const Ref& dot, const ChainNode* chain, std::span<Node* const> args,
                                const Ref* final, Value& tmp)
{
  at(chain);
  if (chain->field.empty()) {
    errorf("internal error: no fields in evalChainNode");
  }
  if (chain->node->type == NodeType::nil) {
    errorf("indirection through explicit nil in " + chain->string());
  }
  // (pipe).Field1.Field2 has pipe as .Node, fields as .Field. Eval the pipeline, then the fields.
  const Ref pipe = eval_arg_untyped(dot, chain->node, tmp);
  return eval_field_chain(dot, pipe, chain, chain->field, args, final, tmp);
}

Exec::Ref Exec::eval_variable_node(const Ref& dot, const VariableNode* var, std::span<Node* const> args,
                                   const Ref* final, Value& tmp)
{
  // $x.Field has $x as the first ident, Field as the second. Eval the var, then the fields.
  at(var);
  const Ref value = var_value(var->ident[0]);
  if (var->ident.size() == 1) {
    not_a_function(args, final);
    return value;
  }
  const std::span<const std::string_view> fields(var->ident.data() + 1, var->ident.size() - 1);
  return eval_field_chain(dot, value, var, fields, args, final, tmp);
}

Exec::Ref Exec::eval_field_chain(const Ref& dot, Ref receiver, const Node* node, std::span<const std::string_view> ident,
                                 std::span<Node* const> args, const Ref* final, Value& tmp)
{
  const std::size_t n = ident.size();
  for (std::size_t i = 0; i + 1 < n; ++i) {
    receiver = eval_field(dot, ident[i], node, {}, nullptr, receiver, tmp);
  }
  // Now if it's a method, it gets the arguments.
  return eval_field(dot, ident[n - 1], node, args, final, receiver, tmp);
}

Exec::Ref Exec::eval_field(const Ref& dot, std::string_view name, const Node* node, std::span<Node* const> args,
                           const Ref* final, const Ref& receiver, Value& tmp)
{
  const Value& r = *receiver.v;
  if (r.is_nil()) {
    if (!receiver.iface) {
      return Ref{&k_nil}; // missingkey=zero: an invalid receiver yields the zero value
    }
    // Calling a method on a nil interface can't work.
    errorf("nil pointer evaluating interface {}." + std::string(name));
  }
  auto type_name = [&] { return receiver.iface ? std::string("interface {}") : r.type_name(); };
  const bool has_args = args.size() > 1 || final != nullptr;
  if (r.is_object()) {
    const Object& obj = r.as_object();
    if (obj.has_method(name)) {
      return eval_method(dot, r, name, node, args, final, tmp);
    }
    const bool is_map = obj.kind_name() == "map";
    std::optional<Value> field;
    try {
      field = obj.member(name, {});
    } catch (const std::exception& e) {
      errorf(e.what());
    }
    if (field) {
      if (has_args) {
        errorf(std::string(name) + (is_map ? " is not a method but has arguments" : " has arguments but cannot be invoked as function"));
      }
      tmp = std::move(*field);
      return Ref{&tmp};
    }
    if (is_map) {
      if (has_args) {
        errorf(std::string(name) + " is not a method but has arguments");
      }
      return Ref{&k_nil, true};
    }
    errorf("can't evaluate field " + std::string(name) + " in type " + type_name());
  }
  if (r.is_map()) {
    // If it's a map, attempt to use the field name as a key.
    if (has_args) {
      errorf(std::string(name) + " is not a method but has arguments");
    }
    const MapData& md = r.map_data();
    const auto it = md.items.find(name);
    if (it != md.items.end()) {
      return Ref{&it->second, md.elem == ElemType::any};
    }
    return zero_elem(md.elem);
  }
  errorf("can't evaluate field " + std::string(name) + " in type " + type_name());
}

void Exec::eval_arg(const Ref& dot, Param typ, const Node* n, Value& out)
{
  at(n);
  switch (n->type) {
  case NodeType::dot: validate_type(dot, typ, out); return;
  case NodeType::nil:
    if (can_be_nil(typ)) {
      out = zero_of(typ);
      return;
    }
    errorf("cannot assign nil to " + param_type_name(typ));
  case NodeType::field:
  case NodeType::variable:
  case NodeType::pipe:
  case NodeType::identifier:
  case NodeType::chain: {
    Value tmp;
    const Ref v = eval_arg_untyped(dot, n, tmp);
    validate_type(v, typ, out);
    return;
  }
  default: break;
  }
  switch (typ) {
  case Param::boolean:
    if (n->type == NodeType::boolean) {
      out = Value(static_cast<const BoolNode*>(n)->value);
      return;
    }
    errorf("expected bool; found " + n->string());
  case Param::float64:
    if (n->type == NodeType::number && static_cast<const NumberNode*>(n)->is_float) {
      out = Value(static_cast<const NumberNode*>(n)->float64);
      return;
    }
    errorf("expected float; found " + n->string());
  case Param::int_:
  case Param::int64:
    if (n->type == NodeType::number && static_cast<const NumberNode*>(n)->is_int) {
      out = Value(static_cast<const NumberNode*>(n)->int64, typ == Param::int_ ? IntType::int_ : IntType::int64);
      return;
    }
    errorf("expected integer; found " + n->string());
  case Param::any: {
    Value tmp;
    out = *eval_arg_untyped(dot, n, tmp).v;
    return;
  }
  case Param::string:
    if (n->type == NodeType::string) {
      out = static_cast<const StringNode*>(n)->constant;
      return;
    }
    errorf("expected string; found " + n->string());
  default: break;
  }
  errorf("can't handle " + n->string() + " for arg of type " + param_type_name(typ));
}

Exec::Ref Exec::eval_arg_untyped(const Ref& dot, const Node* n, Value& tmp)
{
  at(n);
  switch (n->type) {
  case NodeType::dot: return dot;
  case NodeType::nil: return Ref{&k_nil};
  case NodeType::field: {
    Node* const self[] = {const_cast<Node*>(n)};
    return eval_field_node(dot, static_cast<const FieldNode*>(n), self, nullptr, tmp);
  }
  case NodeType::variable: return eval_variable_node(dot, static_cast<const VariableNode*>(n), {}, nullptr, tmp);
  case NodeType::pipe: return eval_pipeline(dot, static_cast<const PipeNode*>(n), tmp);
  case NodeType::identifier:
    return eval_function(dot, static_cast<const IdentifierNode*>(n), n, {}, nullptr, tmp);
  case NodeType::chain: return eval_chain_node(dot, static_cast<const ChainNode*>(n), {}, nullptr, tmp);
  case NodeType::boolean: return Ref{&static_cast<const BoolNode*>(n)->constant};
  case NodeType::number: return ideal_constant(static_cast<const NumberNode*>(n));
  case NodeType::string: return Ref{&static_cast<const StringNode*>(n)->constant};
  default: break;
  }
  errorf("can't handle assignment of " + n->string() + " to empty interface argument");
}

void Exec::validate_type(const Ref& value, Param typ, Value& out)
{
  const Value& v = *value.v;
  if (v.is_nil() && !value.iface) {
    if (can_be_nil(typ)) {
      out = zero_of(typ);
      return;
    }
    errorf("invalid value; expected " + param_type_name(typ));
  }
  if (typ == Param::any) {
    if (&out != &v) {
      out = v;
    }
    return;
  }
  if (v.is_nil()) { // a nil interface{}: not assignable, nothing inside
    errorf("wrong type for value; expected " + param_type_name(typ) + "; got interface {}");
  }
  if (!assignable(v, typ)) {
    errorf("wrong type for value; expected " + param_type_name(typ) + "; got " + v.type_name());
  }
  if (&out != &v) {
    out = v;
  }
}

} // namespace pave::tmpl
