#pragma once
/// Fields the Kubernetes API server refuses to change on an existing object.
/// A plan that changes one shows the object as replaced (deleted, then
/// created), like Terraform's "forces replacement".
#include <string_view>

#include <nlohmann/json.hpp>

namespace pave::plan {

/// True when changing `path` (a diff() path) of an object of `kind` needs a
/// replacement. `live` is the current object (ConfigMaps and Secrets marked
/// `immutable: true` freeze their data).
bool forces_replace(std::string_view kind, std::string_view path, const nlohmann::json& live);

} // namespace pave::plan
