#pragma once
/// A fast path for the YAML most manifests and values files are made of:
/// block mappings and sequences with one-line plain or quoted scalars.
#include <string_view>

#include <pave/codec/yaml_parser.hpp>

namespace pave::codec {

/// Builds the node tree of `text` the way parse_yaml_tree would, when the
/// text stays within a subset of YAML that is always valid: printable ASCII
/// lines (no tabs, no CR), block mappings and sequences (also "indentless"
/// ones under a key), keys and values that are one-line plain scalars or
/// quoted scalars without escapes, empty values, comments, and the empty
/// flow collections [] and {} (also alone on the line after their key, as
/// helm's toYaml writes an empty map under "annotations:"). Scalar values are
/// views into `text`.
///
/// Returns false, leaving `tree` in an unspecified state, for anything else
/// (anchors, tags, block scalars, multi-line scalars, flow collections,
/// directives, errors ...): the caller then runs parse_yaml_tree, so results
/// and error messages are always yaml.v2's.
bool parse_simple_yaml_tree(std::string_view text, YamlTree& tree);

} // namespace pave::codec
