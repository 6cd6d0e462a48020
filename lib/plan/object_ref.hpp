#pragma once
/// The identity of a Kubernetes object in pave's plans and state: group,
/// version and kind, namespace and name. Its address is the key in state
/// files and plans, e.g. "k8s:apps/v1/Deployment/shop/web" or, for a
/// cluster-scoped object, "k8s:v1/Namespace//shop".
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include <pave/util/expected.hpp>

namespace pave::plan {

struct ObjectRef
{
  std::string api_version; ///< "apps/v1", "v1"
  std::string kind;        ///< "Deployment"
  std::string namespace_;  ///< empty for cluster-scoped objects
  std::string name;

  /// "k8s:API_VERSION/KIND/NAMESPACE/NAME".
  std::string address() const;
  /// The API group: "apps" for "apps/v1", "" for "v1".
  std::string group() const;
  /// "Deployment shop/web" or "Namespace shop": for messages.
  std::string display() const;

  friend bool operator==(const ObjectRef&, const ObjectRef&) = default;
};

/// The identity of a manifest object (apiVersion, kind, metadata.namespace,
/// metadata.name). Error when one of apiVersion, kind or metadata.name is
/// missing or not a string: "SOURCE: object has no metadata.name".
util::Result<ObjectRef> object_ref(const nlohmann::json& object, std::string_view source);

/// The parts of an address made by ObjectRef::address(), as views into it.
struct AddressParts
{
  std::string_view api_version, kind, namespace_, name;
};
/// `address` split as parse_address() does, without copying; nullopt on another form.
std::optional<AddressParts> split_address(std::string_view address);

/// Parses an address made by ObjectRef::address(). Error on another form.
util::Result<ObjectRef> parse_address(std::string_view address);

} // namespace pave::plan
