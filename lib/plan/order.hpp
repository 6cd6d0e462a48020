#pragma once
/// The order changes are applied in. Objects are grouped into waves:
/// Namespaces, then CustomResourceDefinitions, then Helm's install order by
/// kind (kinds Helm does not list, such as custom resources, last). Objects
/// of one wave do not depend on each other and are applied concurrently;
/// deletes come after every apply, in reverse order.
#include <string_view>

#include <pave/plan/plan.hpp>

namespace pave::plan {

/// The wave of a create, update or replace of `kind`.
int apply_wave(std::string_view kind);

/// The wave of a delete of `kind`: after every apply wave, reversed.
int delete_wave(std::string_view kind);

/// Sorts changes by wave, then address (stable and deterministic).
void sort_changes(std::vector<Change>& changes);

} // namespace pave::plan
