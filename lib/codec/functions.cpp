#include <pave/codec/functions.hpp>

#include <pave/codec/json.hpp>
#include <pave/codec/toml.hpp>
#include <pave/codec/yaml.hpp>

namespace pave::codec {

namespace {

using tmpl::CallContext;
using tmpl::Function;
using tmpl::Param;
using tmpl::Value;

std::string trim_newline(std::string s)
{
  if (!s.empty() && s.back() == '\n') {
    s.pop_back();
  }
  return s;
}

Value error_map(std::string message)
{
  tmpl::MapItems items;
  items.emplace("Error", Value(std::move(message)));
  return Value::map(std::move(items));
}

Function fn(tmpl::ParamList params, tmpl::FunctionImpl impl)
{
  Function f;
  f.params = params;
  f.impl = std::move(impl);
  return f;
}

} // namespace

void add_codec_functions(tmpl::FunctionTable& table)
{
  table.add("toYaml", fn({Param::any}, [](CallContext&, std::span<const Value> a) -> Value {
              auto r = to_yaml(a[0]);
              return r ? Value(trim_newline(std::move(*r))) : Value("");
            }));
  table.add("mustToYaml", fn({Param::any}, [](CallContext&, std::span<const Value> a) -> Value {
              auto r = to_yaml(a[0]);
              if (!r) {
                throw tmpl::FunctionError(r.error().message);
              }
              return Value(trim_newline(std::move(*r)));
            }));
  table.add("toYamlPretty", fn({Param::any}, [](CallContext&, std::span<const Value> a) -> Value {
              auto r = to_yaml_pretty(a[0]);
              return r ? Value(trim_newline(std::move(*r))) : Value("");
            }));
  table.add("fromYaml", fn({Param::string}, [](CallContext&, std::span<const Value> a) -> Value {
              auto r = unmarshal_yaml(a[0].as_string(), YamlTarget::map);
              return r ? std::move(*r) : error_map(std::move(r.error().message));
            }));
  table.add("fromYamlArray", fn({Param::string}, [](CallContext&, std::span<const Value> a) -> Value {
              auto r = unmarshal_yaml(a[0].as_string(), YamlTarget::list);
              if (!r) {
                return Value::list(tmpl::ListItems{Value(std::move(r.error().message))});
              }
              return std::move(*r);
            }));
  table.add("toJson", fn({Param::any}, [](CallContext&, std::span<const Value> a) -> Value {
              auto r = to_json(a[0]);
              return r ? Value(std::move(*r)) : Value("");
            }));
  table.add("mustToJson", fn({Param::any}, [](CallContext&, std::span<const Value> a) -> Value {
              auto r = to_json(a[0]);
              if (!r) {
                throw tmpl::FunctionError(r.error().message);
              }
              return Value(std::move(*r));
            }));
  table.add("fromJson", fn({Param::string}, [](CallContext&, std::span<const Value> a) -> Value {
              JsonDecoded d = unmarshal_json(a[0].as_string(), JsonTarget::map);
              if (!d.error.empty()) {
                d.value.items().insert_or_assign("Error", Value(std::move(d.error)));
              }
              return std::move(d.value);
            }));
  table.add("fromJsonArray", fn({Param::string}, [](CallContext&, std::span<const Value> a) -> Value {
              JsonDecoded d = unmarshal_json(a[0].as_string(), JsonTarget::list);
              if (!d.error.empty()) {
                return Value::list(tmpl::ListItems{Value(std::move(d.error))});
              }
              return std::move(d.value);
            }));
  table.add("toToml", fn({Param::any}, [](CallContext&, std::span<const Value> a) -> Value {
              if (a[0].is_nil()) {
                // BurntSushi/toml panics on a nil interface; text/template reports it.
                throw tmpl::FunctionError("reflect: call of reflect.Value.Type on zero Value");
              }
              auto r = to_toml(a[0]);
              return r ? Value(std::move(*r)) : Value(std::move(r.error().message));
            }));
  table.add("mustToToml", fn({Param::any}, [](CallContext&, std::span<const Value> a) -> Value {
              auto r = to_toml(a[0]);
              if (!r) {
                throw tmpl::FunctionError(r.error().message);
              }
              return Value(std::move(*r));
            }));
  table.add("fromToml", fn({Param::string}, [](CallContext&, std::span<const Value> a) -> Value {
              auto r = parse_toml(a[0].as_string());
              return r ? std::move(*r) : error_map(std::move(r.error().message));
            }));
}

} // namespace pave::codec
