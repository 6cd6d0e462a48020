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

util::Result<ObjectRef> parse_address(std::string_view address)
{
  constexpr std::string_view prefix = "k8s:";
  if (!address.starts_with(prefix)) {
    return util::fail("not a Kubernetes object address: {} (expected k8s:API_VERSION/KIND/NAMESPACE/NAME)", address);
  }
  std::string_view rest = address.substr(prefix.size());
  // From the right: NAME, NAMESPACE, KIND; the rest is the apiVersion (which may contain '/').
  ObjectRef ref;
  std::string_view* parts[] = {nullptr, nullptr, nullptr};
  std::string_view name, ns, kind;
  parts[0] = &name;
  parts[1] = &ns;
  parts[2] = &kind;
  for (auto* part : parts) {
    const auto slash = rest.rfind('/');
    if (slash == std::string_view::npos) {
      return util::fail("not a Kubernetes object address: {} (expected k8s:API_VERSION/KIND/NAMESPACE/NAME)", address);
    }
    *part = rest.substr(slash + 1);
    rest = rest.substr(0, slash);
  }
  if (rest.empty() || kind.empty() || name.empty()) {
    return util::fail("not a Kubernetes object address: {} (expected k8s:API_VERSION/KIND/NAMESPACE/NAME)", address);
  }
  ref.api_version = std::string(rest);
  ref.kind = std::string(kind);
  ref.namespace_ = std::string(ns);
  ref.name = std::string(name);
  return ref;
}

} // namespace pave::plan
