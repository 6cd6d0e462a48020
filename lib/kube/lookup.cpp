#include <pave/kube/lookup.hpp>

namespace pave::kube {

tmpl::Value to_template_value(const nlohmann::json& j)
{
  using tmpl::Value;
  switch (j.type()) {
  case nlohmann::json::value_t::object: {
    Value m = Value::map();
    for (const auto& [k, v] : j.items()) {
      m.items()[k] = to_template_value(v);
    }
    return m;
  }
  case nlohmann::json::value_t::array: {
    Value l = Value::list();
    for (const auto& v : j) {
      l.elements().push_back(to_template_value(v));
    }
    return l;
  }
  case nlohmann::json::value_t::string: return Value(j.get<std::string>());
  case nlohmann::json::value_t::boolean: return Value(j.get<bool>());
  case nlohmann::json::value_t::number_integer: return Value(j.get<std::int64_t>());
  case nlohmann::json::value_t::number_unsigned: return Value(static_cast<std::int64_t>(j.get<std::uint64_t>()));
  case nlohmann::json::value_t::number_float: return Value(j.get<double>());
  default: return Value();
  }
}

chart::LookupFn make_lookup(Client& client)
{
  return [&client](std::string_view api_version, std::string_view kind, std::string_view ns,
                   std::string_view name) -> util::Result<tmpl::Value> {
    PAVE_TRY_ASSIGN(const ResourceInfo r, client.resolve(api_version, kind));
    if (name.empty()) {
      PAVE_TRY_ASSIGN(auto items, client.list(r, r.namespaced ? ns : ""));
      nlohmann::json list = {{"apiVersion", r.api_version()},
                             {"kind", r.kind + "List"},
                             {"metadata", nlohmann::json::object()},
                             {"items", nlohmann::json::array()}};
      for (auto& item : items) {
        list["items"].push_back(std::move(item));
      }
      return to_template_value(list);
    }
    PAVE_TRY_ASSIGN(auto obj, client.get(r, ns, name));
    return obj ? to_template_value(*obj) : tmpl::Value::map();
  };
}

} // namespace pave::kube
