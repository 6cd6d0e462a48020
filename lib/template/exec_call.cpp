// Function, builtin and method calls (Go's evalFunction/evalCall).
#include <pave/template/exec.hpp>

#include <array>
#include <vector>

#include <pave/template/strconv.hpp>

namespace pave::tmpl {

namespace {

const Value k_nil;

/// Argument storage for one call: inline for the usual few arguments.
class ArgBuffer
{
public:
  explicit ArgBuffer(std::size_t n)
  {
    if (n <= m_inline.size()) {
      m_data = m_inline.data();
    } else {
      m_heap.resize(n);
      m_data = m_heap.data();
    }
  }
  ArgBuffer(const ArgBuffer&) = delete;
  ArgBuffer& operator=(const ArgBuffer&) = delete;
  Value& operator[](std::size_t i) { return m_data[i]; }
  Value* data() { return m_data; }

private:
  std::array<Value, 5> m_inline;
  std::vector<Value> m_heap;
  Value* m_data;
};

/// How a builtin's parameter takes its argument.
enum class BuiltinParam : std::uint8_t {
  reflect, ///< reflect.Value: anything, nil interfaces kept apart from untyped nil
  any,     ///< interface{}
  string,  ///< string (printf's format)
};

struct BuiltinSig
{
  std::uint8_t fixed;    ///< number of fixed parameters
  bool variadic;         ///< a ... parameter follows
  BuiltinParam first;    ///< kind of the first fixed parameter
  BuiltinParam rest;     ///< kind of the other parameters
};

BuiltinSig builtin_sig(Builtin b)
{
  using P = BuiltinParam;
  switch (b) {
  case Builtin::and_:
  case Builtin::or_:
  case Builtin::call:
  case Builtin::index:
  case Builtin::slice:
  case Builtin::eq: return {1, true, P::reflect, P::reflect};
  case Builtin::not_:
  case Builtin::len: return {1, false, P::reflect, P::reflect};
  case Builtin::html:
  case Builtin::js:
  case Builtin::urlquery:
  case Builtin::print:
  case Builtin::println: return {0, true, P::any, P::any};
  case Builtin::printf: return {1, true, P::string, P::any};
  case Builtin::ne:
  case Builtin::lt:
  case Builtin::le:
  case Builtin::gt:
  case Builtin::ge: return {2, false, P::reflect, P::reflect};
  case Builtin::none: break;
  }
  return {0, true, P::any, P::any};
}

} // namespace

Exec::Ref Exec::eval_function(const Ref& dot, const IdentifierNode* node, const Node* cmd,
                              std::span<Node* const> args, const Ref* final, Value& tmp)
{
  at(node);
  if (node->func != nullptr) {
    return eval_call(dot, *node->func, cmd, node->ident, args, final, tmp);
  }
  if (node->builtin != Builtin::none) {
    return eval_builtin(dot, node->builtin, cmd, node->ident, args, final, tmp);
  }
  errorf(go::quote(node->ident) + " is not a defined function");
}

Exec::Ref Exec::eval_call(const Ref& dot, const Function& fn, const Node* node, std::string_view name,
                          std::span<Node* const> args, const Ref* final, Value& tmp)
{
  if (!args.empty()) {
    args = args.subspan(1); // Zeroth arg is function name/node; not passed to function.
  }
  const std::size_t num_params = fn.params.size();
  const bool variadic = fn.variadic && num_params > 0;
  const std::size_t num_in = args.size() + (final != nullptr ? 1 : 0);
  std::size_t num_fixed = args.size();
  if (variadic) {
    num_fixed = num_params - 1; // last arg is the variadic one.
    if (num_in < num_fixed) {
      errorf("wrong number of args for " + std::string(name) + ": want at least " + std::to_string(num_params - 1) +
             " got " + std::to_string(args.size()));
    }
  } else if (num_in != num_params) {
    errorf("wrong number of args for " + std::string(name) + ": want " + std::to_string(num_params) + " got " +
           std::to_string(num_in));
  }
  ArgBuffer argv(num_in);
  if (final != nullptr) {
    // The final value may point into data that evaluating the arguments could change: take it first.
    argv[num_in - 1] = *final->v;
  }
  std::size_t i = 0;
  for (; i < num_fixed && i < args.size(); ++i) {
    eval_arg(dot, fn.params[i], args[i], argv[i]);
  }
  if (variadic) {
    for (; i < args.size(); ++i) {
      eval_arg(dot, fn.params.back(), args[i], argv[i]);
    }
  }
  if (final != nullptr) {
    Param t = fn.params.back();
    if (variadic && num_in - 1 < num_fixed) {
      // The added final argument corresponds to a fixed parameter of the function.
      t = fn.params[num_in - 1];
    }
    validate_type(Ref{&argv[i], final->iface}, t, argv[i]);
  }
  Value result;
  bool failed = false;
  bool verbatim = false;
  std::string message;
  try {
    CallContext ctx{*this, m_limits.max_output};
    result = fn.impl(ctx, std::span<const Value>(argv.data(), num_in));
  } catch (const ArgumentError& e) {
    failed = verbatim = true;
    message = e.what();
  } catch (const std::exception& e) {
    failed = true;
    message = e.what();
  }
  if (failed) {
    at(node);
    errorf(verbatim ? message : "error calling " + std::string(name) + ": " + message);
  }
  tmp = std::move(result);
  return Ref{&tmp};
}

Exec::Ref Exec::eval_builtin(const Ref& dot, Builtin b, const Node* node, std::string_view name,
                             std::span<Node* const> args, const Ref* final, Value& tmp)
{
  if (!args.empty()) {
    args = args.subspan(1);
  }
  const BuiltinSig sig = builtin_sig(b);
  const std::size_t num_params = sig.fixed + (sig.variadic ? 1 : 0);
  const std::size_t num_in = args.size() + (final != nullptr ? 1 : 0);
  std::size_t num_fixed = args.size();
  if (sig.variadic) {
    num_fixed = sig.fixed;
    if (num_in < num_fixed) {
      errorf("wrong number of args for " + std::string(name) + ": want at least " + std::to_string(sig.fixed) +
             " got " + std::to_string(args.size()));
    }
  } else if (num_in != num_params) {
    errorf("wrong number of args for " + std::string(name) + ": want " + std::to_string(num_params) + " got " +
           std::to_string(num_in));
  }

  // Special case for builtin and/or, which short-circuit.
  if (b == Builtin::and_ || b == Builtin::or_) {
    Ref v{&k_nil};
    for (const Node* arg : args) {
      v = eval_arg_untyped(dot, arg, tmp);
      if (v.v->truthy() == (b == Builtin::or_)) {
        return v;
      }
    }
    if (final != nullptr) {
      // The last argument to and/or is coming from the pipeline; return it.
      Value copy = *final->v;
      tmp = std::move(copy);
      v = Ref{&tmp};
    }
    return v;
  }

  auto param_kind = [&](std::size_t index) {
    if (index == 0 && sig.fixed > 0) {
      return sig.first;
    }
    return sig.rest;
  };
  ArgBuffer argv(num_in);
  if (final != nullptr) {
    argv[num_in - 1] = *final->v;
  }
  std::array<BuiltinArg, 5> inline_args{};
  std::vector<BuiltinArg> heap_args;
  BuiltinArg* bargs = inline_args.data();
  if (num_in > inline_args.size()) {
    heap_args.resize(num_in);
    bargs = heap_args.data();
  }
  auto eval_one = [&](std::size_t index, const Node* arg) {
    switch (param_kind(index)) {
    case BuiltinParam::reflect: {
      Value t;
      const Ref r = eval_arg_untyped(dot, arg, t);
      argv[index] = r.v == &t ? std::move(t) : *r.v;
      bargs[index] = BuiltinArg{&argv[index], r.iface};
      return;
    }
    case BuiltinParam::any: eval_arg(dot, Param::any, arg, argv[index]); break;
    case BuiltinParam::string: eval_arg(dot, Param::string, arg, argv[index]); break;
    }
    bargs[index] = BuiltinArg{&argv[index], false};
  };
  std::size_t i = 0;
  for (; i < args.size(); ++i) {
    eval_one(i, args[i]);
  }
  if (final != nullptr) {
    switch (param_kind(i)) {
    case BuiltinParam::reflect: break;
    case BuiltinParam::any: validate_type(Ref{&argv[i]}, Param::any, argv[i]); break;
    case BuiltinParam::string: validate_type(Ref{&argv[i]}, Param::string, argv[i]); break;
    }
    bargs[i] = BuiltinArg{&argv[i], false};
  }
  Value result;
  try {
    result = call_builtin(b, std::span<const BuiltinArg>(bargs, num_in));
  } catch (const BuiltinError& e) {
    at(node);
    errorf("error calling " + std::string(name) + ": " + e.message);
  }
  tmp = std::move(result);
  return Ref{&tmp};
}

Exec::Ref Exec::eval_method(const Ref& dot, const Value& receiver, std::string_view name, const Node* node,
                            std::span<Node* const> args, const Ref* final, Value& tmp)
{
  // Keep the receiver alive while its arguments are evaluated.
  const Value recv = receiver;
  if (!args.empty()) {
    args = args.subspan(1);
  }
  const std::size_t num_in = args.size() + (final != nullptr ? 1 : 0);
  ArgBuffer argv(num_in);
  if (final != nullptr) {
    argv[num_in - 1] = *final->v;
  }
  for (std::size_t i = 0; i < args.size(); ++i) {
    eval_arg(dot, Param::any, args[i], argv[i]);
  }
  std::optional<Value> result;
  bool failed = false;
  bool verbatim = false;
  std::string message;
  try {
    result = recv.as_object().member(name, std::span<const Value>(argv.data(), num_in));
  } catch (const ArgumentError& e) {
    failed = verbatim = true;
    message = e.what();
  } catch (const std::exception& e) {
    failed = true;
    message = e.what();
  }
  if (failed) {
    at(node);
    errorf(verbatim ? message : "error calling " + std::string(name) + ": " + message);
  }
  if (!result) {
    at(node);
    errorf("can't evaluate field " + std::string(name) + " in type " + recv.type_name());
  }
  tmp = std::move(*result);
  return Ref{&tmp};
}

} // namespace pave::tmpl
