#pragma once
/// kubeconfig files, read and merged like client-go's clientcmd: KUBECONFIG
/// (a colon-separated list; missing files skipped; for clusters, users and
/// contexts the first file that names an entry wins; the first non-empty
/// current-context wins), else ~/.kube/config, or one explicit file.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <pave/util/expected.hpp>

namespace pave::kube {

/// users[].user.exec: a credential plugin (client.authentication.k8s.io).
struct ExecConfig
{
  std::string api_version; ///< client.authentication.k8s.io/v1 or v1beta1
  std::string command;     ///< resolved against the kubeconfig's directory when it contains a '/'
  std::vector<std::string> args;
  std::vector<std::pair<std::string, std::string>> env;
  bool provide_cluster_info = false;
  std::string interactive_mode; ///< Never, IfAvailable, Always
  std::string install_hint;
};

struct ClusterConfig
{
  std::string server;                  ///< https://host:port[/prefix]
  std::string certificate_authority;   ///< file path, absolute
  std::string certificate_authority_data; ///< PEM (decoded from base64)
  bool insecure_skip_tls_verify = false;
  std::string proxy_url;
  std::string tls_server_name;
};

struct UserConfig
{
  std::string token;
  std::string token_file;              ///< absolute
  std::string client_certificate;      ///< file path, absolute
  std::string client_certificate_data; ///< PEM
  std::string client_key;
  std::string client_key_data;
  std::string username, password;      ///< basic auth (legacy)
  std::optional<ExecConfig> exec;
};

/// The result of choosing a context: everything needed to talk to a cluster.
struct RestConfig
{
  std::string context;   ///< context name
  std::string cluster_name;
  std::string user_name;
  std::string namespace_; ///< context's namespace; "default" when unset
  ClusterConfig cluster;
  UserConfig user;
  std::string source;     ///< the file(s) read, for messages
};

struct KubeconfigOptions
{
  std::string path;    ///< explicit file (--kubeconfig); overrides KUBECONFIG
  std::string context; ///< --context; empty: current-context
  /// The environment, for tests; nullopt: getenv("KUBECONFIG") and $HOME.
  std::optional<std::string> kubeconfig_env;
  std::optional<std::string> home;
};

/// The files that would be read, in precedence order.
std::vector<std::string> kubeconfig_files(const KubeconfigOptions& options);

/// Loads, merges and resolves the context. Errors name the file(s) and
/// what is missing: `kubeconfig a.yaml: context "dev" not found`,
/// `kubeconfig a.yaml: context "dev" refers to cluster "c1", which is not defined`,
/// `kubeconfig a.yaml: no current-context is set; pass --context`,
/// `kubeconfig a.yaml: line 3: ...` for YAML errors.
util::Result<RestConfig> load_kubeconfig(const KubeconfigOptions& options);

/// Loads from explicit YAML text, as if read from `path` (relative paths
/// resolve against its directory).
util::Result<RestConfig> load_kubeconfig_text(const std::string& yaml, const std::string& path, const std::string& context);

} // namespace pave::kube
