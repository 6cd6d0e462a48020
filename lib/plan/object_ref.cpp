#include <pave/plan/object_ref.hpp>

#include <fmt/format.h>

namespace pave::plan {

std::string ObjectRef::address() const
{
  return fmt::format("k8s:{}/{}/{}/{}", api_version, kind, namespace_, name);
}

std::string ObjectRef::group() const
{
  const auto slash = api_version.find('/');
  return slash == std::string::npos ? std::string() : api_version.substr(0, slash);
}

std::string ObjectRef::display() const
{
  return namespace_.empty() ? fmt::format("{} {}", kind, name) : fmt::format("{} {}/{}", kind, namespace_, name);
}

util::Result<ObjectRef> object_ref(const nlohmann::json& object, std::string_view source)
{
  if (!object.is_object()) {
    return util::fail("{}: a manifest document is not a mapping", source);
  }
  auto str = [&](const nlohmann::json& o, const char* key) -> const std::string* {
    const auto it = o.find(key);
    return it != o.end() && it->is_string() ? &it->get_ref<const std::string&>() : nullptr;
  };
  ObjectRef ref;
  const auto* api = str(object, "apiVersion");
  const auto* kind = str(object, "kind");
  if (api == nullptr || api->empty()) {
    return util::fail("{}: object has no apiVersion", source);
  }
  if (kind == nullptr || kind->empty()) {
    return util::fail("{}: object has no kind", source);
  }
  ref.api_version = *api;
  ref.kind = *kind;
  const auto meta = object.find("metadata");
  const std::string* name = meta != object.end() && meta->is_object() ? str(*meta, "name") : nullptr;
  if (name == nullptr || name->empty()) {
    return util::fail("{}: {} object has no metadata.name", source, ref.kind);
  }
  ref.name = *name;
  if (const auto* ns = str(*meta, "namespace")) {
    ref.namespace_ = *ns;
  }
  return ref;
}

std::optional<AddressParts> split_address(std::string_view address)
{
  constexpr std::string_view prefix = "k8s:";
  if (!address.starts_with(prefix)) {
    return std::nullopt;
  }
  std::string_view rest = address.substr(prefix.size());
  // From the right: NAME, NAMESPACE, KIND; the rest is the apiVersion (which may contain '/').
  AddressParts p;
  for (std::string_view* part : {&p.name, &p.namespace_, &p.kind}) {
    const auto slash = rest.rfind('/');
    if (slash == std::string_view::npos) {
      return std::nullopt;
    }
    *part = rest.substr(slash + 1);
    rest = rest.substr(0, slash);
  }
  if (rest.empty() || p.kind.empty() || p.name.empty()) {
    return std::nullopt;
  }
  p.api_version = rest;
  return p;
}

util::Result<ObjectRef> parse_address(std::string_view address)
{
  const auto p = split_address(address);
  if (!p) {
    return util::fail("not a Kubernetes object address: {} (expected k8s:API_VERSION/KIND/NAMESPACE/NAME)", address);
  }
  ObjectRef ref;
  ref.api_version = std::string(p->api_version);
  ref.kind = std::string(p->kind);
  ref.namespace_ = std::string(p->namespace_);
  ref.name = std::string(p->name);
  return ref;
}

} // namespace pave::plan
