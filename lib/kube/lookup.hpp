#pragma once
/// The live `lookup` template function: Helm's lookup over a kube::Client.
#include <nlohmann/json.hpp>

#include <pave/chart/functions.hpp>
#include <pave/kube/client.hpp>
#include <pave/template/value.hpp>

namespace pave::kube {

/// JSON as the template engine sees unstructured Kubernetes objects:
/// objects as map[string]interface{}, integers as int64, other numbers as float64.
tmpl::Value to_template_value(const nlohmann::json& j);

/// A LookupFn answering from `client` (which must outlive it), with Helm's
/// semantics: name "" lists (namespace "" = all namespaces) and returns
/// {"apiVersion", "kind": KIND + "List", "metadata": {}, "items": [...]};
/// a missing object gives an empty map. Unknown kinds and API errors fail.
chart::LookupFn make_lookup(Client& client);

} // namespace pave::kube
