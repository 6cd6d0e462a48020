#pragma once
/// Exec credential plugins (client.authentication.k8s.io/v1 and v1beta1):
/// the contract EKS (aws eks get-token), GKE (gke-gcloud-auth-plugin) and
/// kubelogin implement. pave runs the command with KUBERNETES_EXEC_INFO set
/// and reads an ExecCredential from its stdout; stderr goes to the user.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include <pave/kube/kubeconfig.hpp>
#include <pave/util/expected.hpp>

namespace pave::kube {

/// What a request authenticates with, besides static TLS files.
struct Credentials
{
  std::string token;          ///< bearer token
  std::string client_cert_pem; ///< from an exec plugin
  std::string client_key_pem;
  std::string username, password; ///< basic auth
  /// When the plugin said they expire; nullopt: never (until a 401).
  std::optional<std::chrono::system_clock::time_point> expiry;

  bool operator==(const Credentials&) const = default;
};

/// The KUBERNETES_EXEC_INFO value for `exec` (spec.interactive false; the
/// cluster when provideClusterInfo is set).
std::string exec_info_json(const ExecConfig& exec, const ClusterConfig& cluster);

/// Parses an ExecCredential. Errors: "exec plugin CMD: ...": not JSON,
/// wrong apiVersion/kind, no token and no client certificate, a certificate
/// without key, a bad expirationTimestamp.
util::Result<Credentials> parse_exec_credential(std::string_view json, const ExecConfig& exec);

/// Runs the plugin and parses its output. Errors: "exec plugin CMD: ..."
/// with the exit status and the install hint when the command is missing.
util::Result<Credentials> run_exec_plugin(const ExecConfig& exec, const ClusterConfig& cluster,
                                          std::chrono::milliseconds timeout = std::chrono::seconds(60));

} // namespace pave::kube
