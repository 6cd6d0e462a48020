#include <pave/kube/exec_credential.hpp>

#include <ctime>

#include <nlohmann/json.hpp>

#include <pave/util/process.hpp>
#include <pave/util/time.hpp>

namespace pave::kube {

std::string exec_info_json(const ExecConfig& exec, const ClusterConfig& cluster)
{
  nlohmann::json info = {{"apiVersion", exec.api_version}, {"kind", "ExecCredential"}, {"spec", {{"interactive", false}}}};
  if (exec.provide_cluster_info) {
    nlohmann::json c = {{"server", cluster.server}};
    if (!cluster.tls_server_name.empty()) {
      c["tls-server-name"] = cluster.tls_server_name;
    }
    if (cluster.insecure_skip_tls_verify) {
      c["insecure-skip-tls-verify"] = true;
    }
    if (!cluster.proxy_url.empty()) {
      c["proxy-url"] = cluster.proxy_url;
    }
    info["spec"]["cluster"] = c;
  }
  return info.dump();
}

util::Result<Credentials> parse_exec_credential(std::string_view json, const ExecConfig& exec)
{
  const std::string& cmd = exec.command;
  const auto doc = nlohmann::json::parse(json, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    return util::fail("exec plugin {}: output is not an ExecCredential JSON object", cmd);
  }
  const auto api = doc.value("apiVersion", "");
  if (doc.value("kind", "") != "ExecCredential") {
    return util::fail("exec plugin {}: output has kind \"{}\", want ExecCredential", cmd, doc.value("kind", ""));
  }
  if (api != exec.api_version) {
    return util::fail("exec plugin {}: output has apiVersion \"{}\", want \"{}\"", cmd, api, exec.api_version);
  }
  const auto status = doc.find("status");
  if (status == doc.end() || !status->is_object()) {
    return util::fail("exec plugin {}: output has no status", cmd);
  }
  Credentials c;
  c.token = status->value("token", "");
  c.client_cert_pem = status->value("clientCertificateData", "");
  c.client_key_pem = status->value("clientKeyData", "");
  if (c.client_cert_pem.empty() != c.client_key_pem.empty()) {
    return util::fail("exec plugin {}: status has clientCertificateData without clientKeyData or the reverse", cmd);
  }
  if (c.token.empty() && c.client_cert_pem.empty()) {
    return util::fail("exec plugin {}: status has neither a token nor a client certificate", cmd);
  }
  if (const auto exp = status->find("expirationTimestamp"); exp != status->end() && exp->is_string()) {
    c.expiry = util::parse_rfc3339(exp->get<std::string>());
    if (!c.expiry) {
      return util::fail("exec plugin {}: bad expirationTimestamp \"{}\"", cmd, exp->get<std::string>());
    }
  }
  return c;
}

util::Result<Credentials> run_exec_plugin(const ExecConfig& exec, const ClusterConfig& cluster,
                                          std::chrono::milliseconds timeout)
{
  util::ProcessSpec spec;
  spec.argv.push_back(exec.command);
  spec.argv.insert(spec.argv.end(), exec.args.begin(), exec.args.end());
  spec.env = exec.env;
  spec.env.emplace_back("KUBERNETES_EXEC_INFO", exec_info_json(exec, cluster));
  spec.timeout = timeout;
  auto r = util::run_process(spec);
  if (!r) {
    std::string msg = "exec plugin: " + r.error().message;
    if (!exec.install_hint.empty()) {
      msg += "; " + exec.install_hint;
    }
    return util::fail("{}", msg);
  }
  if (r->exit_code != 0) {
    return util::fail("exec plugin {}: exited with status {}", exec.command, r->exit_code);
  }
  return parse_exec_credential(r->stdout_text, exec);
}

} // namespace pave::kube
