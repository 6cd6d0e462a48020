#pragma once
/// `pave __kube`: a diagnostics command over the Kubernetes client, like
/// `kubectl get --raw`: discovery, get, list, server-side apply of manifest
/// files with a bounded thread pool, delete, raw requests. It exercises the
/// client from system tests and benchmarks before plan/deploy exist.
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <pave/util/expected.hpp>

namespace pave::actions {

struct KubeDebugOptions
{
  std::string kubeconfig; ///< --kubeconfig; empty: KUBECONFIG or ~/.kube/config
  std::string context;    ///< --context
  std::string namespace_; ///< -n; empty: the context's
  bool discovery_cache = true;

  std::string op;            ///< discover, version, get, list, apply, delete, raw
  std::vector<std::string> args; ///< get/list/delete: APIVERSION KIND [NAME]; raw: METHOD PATH
  std::string label_selector;
  std::vector<std::string> files; ///< apply -f
  std::string data;               ///< raw --data
  int parallel = 16;
  bool force_conflicts = false;
  bool dry_run = false;
  std::string cascade = "background";
};

struct KubeDebugResult
{
  nlohmann::ordered_json data;     ///< what the command prints (JSON)
  std::vector<std::string> lines;  ///< human output
  std::uint64_t requests = 0;      ///< HTTP requests the client sent (retries included)
  std::uint64_t connections = 0;   ///< TCP connections libcurl opened
  std::chrono::milliseconds elapsed{};
  std::size_t failures = 0;        ///< apply: objects that failed (errors are in lines)
};

util::Result<KubeDebugResult> kube_debug(const KubeDebugOptions& options);

/// The documents of a multi-document YAML (or JSON) text as JSON, with YAML
/// 1.1 plain-scalar resolution (null, booleans, integers, floats); empty
/// documents skipped. Error: "FILE: line N: ...".
util::Result<std::vector<nlohmann::json>> yaml_documents_to_json(const std::string& text, const std::string& file);

} // namespace pave::actions
