#pragma once
/// `.Capabilities` for templates: the Kubernetes version and API versions the
/// chart is rendered for (Helm's common.Capabilities), offline defaults as
/// helmref has them (Kubernetes v1.20.0 and a fixed list of API versions).
#include <string>
#include <string_view>
#include <vector>

#include <pave/template/value.hpp>
#include <pave/util/expected.hpp>

namespace pave::chart {

struct KubeVersion
{
  std::string version = "v1.20.0"; ///< "v" + normalized semver
  std::string major = "1";
  std::string minor = "20";
};

/// --kube-version as Helm 4 reads it (k8s.io/apimachinery's ParseGeneric):
/// "1.16.3" -> {v1.16.3, 1, 16}, "v1.16" -> {v1.16, 1, 16},
/// "1.33.4-gke.1" -> {v1.33.4-gke.1, 1, 33}. Errors as ParseGeneric's:
/// `illegal version string "2"`, `could not parse "abc" as version`, a
/// zero-prefixed first number.
util::Result<KubeVersion> parse_kube_version(std::string_view s);

/// The API versions .Capabilities.APIVersions has without --api-versions.
const std::vector<std::string>& default_api_versions();

/// The .Capabilities object: fields APIVersions (with Has), KubeVersion (with
/// Version/Major/Minor, String, GitVersion) and HelmVersion (a map).
tmpl::Value make_capabilities(const KubeVersion& kube, const std::vector<std::string>& extra_api_versions);

} // namespace pave::chart
