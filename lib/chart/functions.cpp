#include <pave/chart/functions.hpp>

#include <cstring>
#include <unordered_map>

#include <pave/chart/chart.hpp>
#include <pave/template/format.hpp>
#include <pave/template/sprig/sprig.hpp>
#include <pave/template/strconv.hpp>

#if __has_include(<pave/codec/functions.hpp>)
#include <pave/codec/functions.hpp>
#define PAVE_HAVE_CODEC_FUNCTIONS 1
#endif

namespace pave::chart {

using tmpl::Param;
using tmpl::Value;

namespace {

struct IncludeState
{
  std::unordered_map<std::string, int> included;
};

/// True when a Go template error is a parse error ("template: NAME:LINE: ...")
/// rather than an execution error ("template: NAME:LINE:COL: executing ...").
bool is_parse_error(std::string_view name, std::string_view error)
{
  const std::string prefix = "template: " + std::string(name) + ":";
  if (!error.starts_with(prefix)) {
    return false;
  }
  std::size_t i = prefix.size();
  while (i < error.size() && error[i] >= '0' && error[i] <= '9') {
    ++i;
  }
  return !(i + 1 < error.size() && error[i] == ':' && error[i + 1] >= '0' && error[i + 1] <= '9');
}

Value include(IncludeState& state, tmpl::CallContext& ctx, std::span<const Value> args)
{
  const std::string& name = args[0].as_string();
  auto [it, inserted] = state.included.try_emplace(name, 0);
  if (!inserted && it->second > k_max_include_recursion) {
    throw tmpl::FunctionError("rendering template has a nested reference name: " + name +
                              ": unable to execute template");
  }
  ++it->second;
  struct Decrement
  {
    IncludeState& s;
    const std::string& n;
    ~Decrement() { --s.included[n]; }
  } dec{state, name};
  return Value(ctx.exec.execute_named(name, args[1]));
}

Value tpl(tmpl::CallContext& ctx, std::span<const Value> args)
{
  const std::string& text = args[0].as_string();
  const Value& vals = args[1];
  std::string name, base;
  if (const Value* t = vals.find("Template"); t != nullptr && t->is_map()) {
    if (const Value* n = t->find("Name"); n != nullptr && n->is_string()) {
      name = n->as_string();
    }
    if (const Value* b = t->find("BasePath"); b != nullptr && b->is_string()) {
      base = b->as_string();
    }
  }
  if (vals.is_map()) {
    vals.items().insert_or_assign("Template", Value::map(tmpl::MapItems{{"BasePath", base}, {"Name", name}}));
  }
  std::string out;
  try {
    out = ctx.exec.execute_text(name, text, vals);
  } catch (const tmpl::FunctionError& e) {
    const std::string_view msg = e.what();
    std::string inner = is_parse_error(name, msg) ? "parse error in " + name + ": " + std::string(msg)
                                                   : execution_error(name, msg);
    throw tmpl::FunctionError("error during tpl function execution for " + tmpl::go::quote(text) + ": " + inner);
  }
  if (is_partial(name)) {
    return Value(std::string());
  }
  strip_no_value(out);
  return Value(std::move(out));
}

Value required(tmpl::CallContext&, std::span<const Value> args)
{
  const Value& val = args[1];
  if (val.is_nil() || (val.is_string() && val.as_string().empty())) {
    // Go builds the error with the message as a format string.
    std::string wrapped = std::string(k_helm_err_start) + args[0].as_string() + std::string(k_helm_err_end);
    throw tmpl::FunctionError(tmpl::sprintf(wrapped, {}));
  }
  return val;
}

} // namespace

std::optional<std::string> extract_helm_error(std::string_view error)
{
  for (std::size_t s = error.find(k_helm_err_start); s != std::string_view::npos;
       s = error.find(k_helm_err_start, s + 1)) {
    const std::size_t from = s + k_helm_err_start.size();
    const std::size_t eol = error.find('\n', s);
    const std::string_view line = error.substr(from, eol == std::string_view::npos ? std::string_view::npos : eol - from);
    const std::size_t e = line.rfind(k_helm_err_end);
    if (e != std::string_view::npos) {
      return std::string(line.substr(0, e));
    }
  }
  return std::nullopt;
}

std::string execution_error(std::string_view name, std::string_view error)
{
  if (auto m = extract_helm_error(error)) {
    return "execution error in " + std::string(name) + ": " + *m;
  }
  return "execution error in " + std::string(name) + ": " + std::string(error);
}

void strip_no_value(std::string& out)
{
  using tmpl::k_no_value;
  std::size_t pos = out.find(k_no_value);
  if (pos == std::string::npos) {
    return;
  }
  std::size_t w = pos;
  while (pos != std::string::npos) {
    const std::size_t next = out.find(k_no_value, pos + k_no_value.size());
    const std::size_t end = next == std::string::npos ? out.size() : next;
    const std::size_t from = pos + k_no_value.size();
    std::memmove(out.data() + w, out.data() + from, end - from);
    w += end - from;
    pos = next;
  }
  out.resize(w);
}

void add_helm_functions(tmpl::FunctionTable& table, LookupFn lookup)
{
  auto state = std::make_shared<IncludeState>();
  table.add("include", tmpl::Function{{Param::string, Param::any}, false,
                                      [state](tmpl::CallContext& ctx, std::span<const Value> args) {
                                        return include(*state, ctx, args);
                                      },
                                      true});
  table.add("tpl", tmpl::Function{{Param::string, Param::map}, false, tpl, true});
  table.add("required", tmpl::Function{{Param::string, Param::any}, false, required, true});
  table.add("lookup", tmpl::Function{{Param::string, Param::string, Param::string, Param::string}, false,
                                     [lookup = std::move(lookup)](tmpl::CallContext&, std::span<const Value> args) {
                                       if (!lookup) {
                                         return Value::map();
                                       }
                                       auto r = lookup(args[0].as_string(), args[1].as_string(), args[2].as_string(),
                                                       args[3].as_string());
                                       if (!r) {
                                         throw tmpl::FunctionError(r.error().message);
                                       }
                                       return std::move(*r);
                                     },
                                     true});
}

std::unique_ptr<tmpl::FunctionTable> make_function_table(LookupFn lookup)
{
  auto table = std::make_unique<tmpl::FunctionTable>();
  tmpl::add_sprig_functions(*table);
#ifdef PAVE_HAVE_CODEC_FUNCTIONS
  codec::add_codec_functions(*table);
#endif
  table->remove("env");
  table->remove("expandenv");
  add_helm_functions(*table, std::move(lookup));
  return table;
}

} // namespace pave::chart
