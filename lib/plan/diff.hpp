#pragma once
/// Field-level comparison of Kubernetes objects for plans. pave applies with
/// server-side apply and so owns only the fields it sets: a live object is
/// compared on the paths of the object pave wants (or recorded), after the
/// fields the server populates are removed. Defaults the server fills in
/// never show as changes.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <pave/plan/plan.hpp>

namespace pave::plan {

/// A copy of `object` without the fields the API server populates: status,
/// metadata.uid, resourceVersion, generation, creationTimestamp,
/// managedFields, selfLink, deletionTimestamp, deletionGracePeriodSeconds.
nlohmann::json strip_server_fields(nlohmann::json object);

/// The parts of `live` at the paths present in `shape`: maps keep only keys
/// `shape` has; lists of equal length are projected element by element;
/// anything else is taken whole.
nlohmann::json project(const nlohmann::json& live, const nlohmann::json& shape);

/// Secrets as the API server stores them: stringData merged into data
/// (base64-encoded) and removed. Other objects are returned unchanged.
nlohmann::json normalize_secret(const nlohmann::json& object);

/// The differences from `before` to `after`, depth first in key order.
/// Numbers compare by value (1 == 1.0). Paths look like
/// `.spec.template.spec.containers[0].image` and
/// `.metadata.labels["app.kubernetes.io/name"]`. Values under .data and
/// .stringData of a Secret are marked sensitive.
std::vector<FieldChange> diff(const nlohmann::json& before, const nlohmann::json& after, std::string_view kind);

/// Appends a key to a path in the form diff() uses.
std::string path_key(std::string path, std::string_view key);

} // namespace pave::plan
