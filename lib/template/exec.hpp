#pragma once
/// The executor of Go text/template (text/template/exec.go): walks parse
/// trees with dot and variables, evaluates pipelines, fields, methods and
/// function calls, and reports errors exactly as Go does:
/// `template: NAME:LINE:COL: executing "NAME" at <NODE>: MESSAGE`.
///
/// Values are passed around as Refs (a pointer plus Go's "static type is
/// interface{}" bit) so field chains never copy; computed values live in
/// caller-provided temporaries. Errors unwind as ExecError; break/continue
/// travel as return codes.
#include <cstdint>
#include <deque>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <pave/template/function.hpp>
#include <pave/template/node.hpp>
#include <pave/template/template.hpp>
#include <pave/template/value.hpp>
#include <pave/util/strings.hpp>

namespace pave::tmpl {

/// A formatted execution error (Go's ExecError); unwinds to the entry point.
struct ExecError
{
  std::string message;
};

/// An error that ends the whole execution at once, passing through functions
/// and nested executions unwrapped (the stack running out: wrapping it at every
/// level of a deep recursion would cost quadratic time).
struct ExecAbort
{
  std::string message;
};

/// The templates an execution can see by name: a set's own, and for `tpl`
/// those of the set it was called from (Go's Template.Clone, without the copy).
class TemplateScope
{
public:
  explicit TemplateScope(const TemplateScope* parent = nullptr) : m_parent(parent) {}

  /// The tree of the template `name`, or nullptr.
  const Tree* find(std::string_view name) const;
  /// Go's AddParseTree: installs `tree` under its name, except that an empty
  /// tree never replaces an existing template.
  void add(std::shared_ptr<const Tree> tree);

private:
  util::TextMap<std::shared_ptr<const Tree>> m_trees;
  const TemplateScope* m_parent;
};

/// The name Go errors give the set itself ("associated with template ...");
/// Helm's engine calls its root template "gotpl".
inline constexpr std::string_view k_root_template_name = "gotpl";

/// One execution context: runs templates of a scope and implements Executor
/// for include/tpl. Not thread-safe; create one per top-level execution.
class Exec final : public Executor
{
public:
  Exec(const TemplateScope& scope, const FunctionTable& funcs, const Limits& limits);

  /// Executes `tree` (registered as `name`) with `data` as dot and $,
  /// appending to `out`. Throws ExecError.
  ///
  /// With `spill`, whenever `out` holds k_spill_bytes or more, its text is
  /// passed to *spill and `out` starts again empty, so that a large output is
  /// never copied to grow it (nor held twice while it grows). The output is
  /// then the strings passed to *spill, in order, followed by `out`. A spill
  /// never separates the characters of a "<no value>": a tail that may begin
  /// one stays in `out`.
  void run(const Tree& tree, std::string_view name, const Value& data, std::string& out,
           const Spill* spill = nullptr);
  static constexpr std::size_t k_spill_bytes = std::size_t(256) << 10;

  std::string execute_named(std::string_view name, const Value& data) override;
  std::string execute_text(std::string_view name, std::string_view text, const Value& data) override;

  /// A value as an expression yields it: where it lives, and whether Go sees
  /// it through an interface{} (an element of a map or slice of interface{}).
  /// A nil value with iface=false is Go's invalid reflect.Value (untyped nil);
  /// with iface=true it is a nil interface{} (missing or null map entry).
  struct Ref
  {
    const Value* v;
    bool iface = false;
  };

private:
  enum class Flow : std::uint8_t { normal, break_, continue_ };

  struct Frame
  {
    const Tree* tree;
    std::string_view name;
    const Node* node = nullptr; ///< current node, for errors
    std::size_t vars_base;
    int depth;
  };

  struct Var
  {
    std::string_view name;
    Value value;
    bool iface = false;
  };

  // exec.cpp: walking
  void run_frame(const Tree& tree, std::string_view name, int depth, Value dot, std::string& out);
  Flow walk(const Ref& dot, const Node* node);
  Flow walk_if_or_with(bool with, const Ref& dot, const BranchNode* node);
  void walk_range(const Ref& dot, const BranchNode* node);
  void walk_template(const Ref& dot, const TemplateNode* node);
  void print_value(const Node* node, const Ref& v);
  void write(std::string_view s);
  /// After a write: checks the output limit, then spills a full top-level output.
  void wrote_output();
  std::size_t out_position() const noexcept;
  void spill_output();
  void at(const Node* node) { m_frame->node = node; }
  [[noreturn]] void errorf(std::string message);
  /// Throws ExecAbort when the stack is nearly used up.
  void check_stack_left();
  void push_var(std::string_view name, Value v, bool iface);
  void set_var(std::string_view name, const Ref& v);
  void set_top_var(std::size_t n, const Ref& v);
  Ref var_value(std::string_view name);
  std::size_t mark() const { return m_vars.size(); }
  void pop(std::size_t mark);

  // exec_eval.cpp: expressions
  Ref eval_pipeline(const Ref& dot, const PipeNode* pipe, Value& tmp);
  Ref eval_command(const Ref& dot, const CommandNode* cmd, const Ref* final, Value& tmp);
  void not_a_function(std::span<Node* const> args, const Ref* final);
  Ref ideal_constant(const NumberNode* n);
  Ref eval_field_node(const Ref& dot, const FieldNode* field, std::span<Node* const> args, const Ref* final,
                      Value& tmp);
  Ref eval_chain_node(const Ref& dot, const ChainNode* chain, std::span<Node* const> args, const Ref* final,
                      Value& tmp);
  Ref eval_variable_node(const Ref& dot, const VariableNode* var, std::span<Node* const> args, const Ref* final,
                         Value& tmp);
  Ref eval_field_chain(const Ref& dot, Ref receiver, const Node* node, std::span<const std::string_view> ident,
                       std::span<Node* const> args, const Ref* final, Value& tmp);
  Ref eval_field(const Ref& dot, std::string_view name, const Node* node, std::span<Node* const> args,
                 const Ref* final, const Ref& receiver, Value& tmp);
  /// evalArg for parameter type `typ`: the argument's value, converted.
  void eval_arg(const Ref& dot, Param typ, const Node* n, Value& out);
  /// evalArg with no parameter type (a chain's base): the value as is.
  Ref eval_arg_untyped(const Ref& dot, const Node* n, Value& tmp);
  /// evalArg for reflect.Value parameters (the builtins): the value and its iface bit.
  Ref eval_arg_reflect(const Ref& dot, const Node* n, Value& tmp);
  void validate_type(const Ref& value, Param typ, Value& out);

  // exec_call.cpp: calls
  Ref eval_function(const Ref& dot, const IdentifierNode* node, const Node* cmd, std::span<Node* const> args,
                    const Ref* final, Value& tmp);
  Ref eval_call(const Ref& dot, const Function& fn, const Node* node, std::string_view name,
                std::span<Node* const> args, const Ref* final, Value& tmp);
  Ref eval_builtin(const Ref& dot, Builtin b, const Node* node, std::string_view name, std::span<Node* const> args,
                   const Ref* final, Value& tmp);
  Ref eval_method(const Ref& dot, const Value& receiver, std::string_view name, const Node* node,
                  std::span<Node* const> args, const Ref* final, Value& tmp);

  const TemplateScope& m_scope;
  const FunctionTable& m_funcs;
  const Limits& m_limits;
  std::uint64_t m_steps = 0; ///< nodes walked, against Limits::max_steps
  Frame* m_frame = nullptr;
  std::string* m_out = nullptr;
  std::size_t m_out_start = 0; ///< out_position() where the current frame began
  std::string* m_top = nullptr;   ///< the output of run(), which may spill
  const Spill* m_spill = nullptr; ///< where it spills to
  std::size_t m_spilled = 0;      ///< bytes of m_top passed to m_spill
  std::deque<Var> m_vars;
};

} // namespace pave::tmpl
