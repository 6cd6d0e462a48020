#pragma once
/// What Helm's manifest sorter reads from each rendered document: kind,
/// metadata.name and metadata.annotations, decoded exactly like
/// sigs.k8s.io/yaml.Unmarshal(doc, &head) into the struct
///
///   type head struct {
///     Kind     string `json:"kind"`
///     Metadata *struct {
///       Name        string            `json:"name"`
///       Annotations map[string]string `json:"annotations"`
///     } `json:"metadata"`
///   }
///
/// so it fails exactly when Go fails: on invalid YAML anywhere in the
/// document, on values JSON cannot hold (NaN, null keys), and on fields of
/// the wrong shape.
#include <map>
#include <string>
#include <string_view>

#include <pave/util/expected.hpp>

namespace pave::codec {

struct ManifestHead
{
  std::string kind;
  bool has_metadata = false; ///< metadata present and not null
  std::string name;
  std::map<std::string, std::string, std::less<>> annotations;
};

/// Decodes the head of one YAML document (the first document of `doc`).
/// Errors are Go's texts, e.g. "error converting YAML to JSON: yaml: line 3:
/// mapping values are not allowed in this context" or "error unmarshaling
/// JSON: while decoding JSON: json: cannot unmarshal array into Go struct
/// field head.kind of type string".
util::Result<ManifestHead> parse_manifest_head(std::string_view doc);

} // namespace pave::codec
