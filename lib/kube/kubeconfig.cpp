#include <pave/kube/kubeconfig.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>

#include <yaml-cpp/yaml.h>

#include <pave/codec/yaml_decode.hpp>
#include <pave/util/fs.hpp>
#include <pave/util/strings.hpp>

namespace pave::kube {

namespace fs = std::filesystem;

namespace {

/// A named entry and the directory of the file that defined it.
struct Entry
{
  YAML::Node node;
  fs::path dir;
};

struct Merged
{
  std::map<std::string, Entry> clusters, users, contexts;
  std::string current_context;
  std::vector<std::string> files;

  std::string source() const { return util::join(files, ":"); }
};

std::string str(const YAML::Node& n, const char* key)
{
  const YAML::Node v = n[key];
  return v && v.IsScalar() ? v.as<std::string>() : std::string();
}

bool boolean(const YAML::Node& n, const char* key)
{
  const YAML::Node v = n[key];
  return v && v.IsScalar() && v.as<std::string>() == "true";
}

std::string resolve(const std::string& path, const fs::path& dir)
{
  if (path.empty() || fs::path(path).is_absolute()) {
    return path;
  }
  if (path == "~" || path.starts_with("~/")) {
    const char* home = std::getenv("HOME");
    return home != nullptr ? std::string(home) + path.substr(1) : path;
  }
  return (dir / path).lexically_normal().string();
}

util::Result<std::string> base64(const std::string& text, const std::string& what, const Merged& m)
{
  std::string out;
  if (!text.empty() && !codec::go_base64_decode(text, out)) {
    return util::fail("kubeconfig {}: {} is not valid base64", m.source(), what);
  }
  return out;
}

util::Result<void> merge_text(Merged& m, const std::string& text, const std::string& path)
{
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    return util::fail("kubeconfig {}: line {}: {}", path, e.mark.line + 1, e.msg);
  }
  if (!root || root.IsNull()) {
    return {};
  }
  if (!root.IsMap()) {
    return util::fail("kubeconfig {}: not a kubeconfig (expected a mapping)", path);
  }
  const fs::path dir = fs::absolute(fs::path(path)).parent_path();
  const std::pair<const char*, std::map<std::string, Entry>*> sections[] = {
      {"clusters", &m.clusters}, {"users", &m.users}, {"contexts", &m.contexts}};
  for (const auto& [key, target] : sections) {
    const YAML::Node list = root[key];
    if (!list || list.IsNull()) {
      continue;
    }
    if (!list.IsSequence()) {
      return util::fail("kubeconfig {}: {} must be a list", path, key);
    }
    const std::string inner = std::string(key).substr(0, std::string(key).size() - 1); // cluster, user, context
    for (const auto& item : list) {
      const std::string name = str(item, "name");
      if (name.empty()) {
        return util::fail("kubeconfig {}: an entry of {} has no name", path, key);
      }
      // First file wins for each name, like client-go.
      target->emplace(name, Entry{item[inner] ? item[inner] : YAML::Node(YAML::NodeType::Map), dir});
    }
  }
  if (m.current_context.empty()) {
    m.current_context = str(root, "current-context");
  }
  return {};
}

util::Result<RestConfig> resolve_context(const Merged& m, const std::string& context_override)
{
  const std::string src = m.source();
  const std::string name = context_override.empty() ? m.current_context : context_override;
  if (name.empty()) {
    return util::fail("kubeconfig {}: no current-context is set; pass --context", src);
  }
  const auto ctx = m.contexts.find(name);
  if (ctx == m.contexts.end()) {
    return util::fail("kubeconfig {}: context \"{}\" not found", src, name);
  }
  RestConfig rc;
  rc.source = src;
  rc.context = name;
  rc.cluster_name = str(ctx->second.node, "cluster");
  rc.user_name = str(ctx->second.node, "user");
  rc.namespace_ = str(ctx->second.node, "namespace");
  if (rc.namespace_.empty()) {
    rc.namespace_ = "default";
  }
  const auto cl = m.clusters.find(rc.cluster_name);
  if (rc.cluster_name.empty() || cl == m.clusters.end()) {
    return util::fail("kubeconfig {}: context \"{}\" refers to cluster \"{}\", which is not defined", src, name,
                      rc.cluster_name);
  }
  const YAML::Node& c = cl->second.node;
  rc.cluster.server = str(c, "server");
  if (rc.cluster.server.empty()) {
    return util::fail("kubeconfig {}: cluster \"{}\" has no server", src, rc.cluster_name);
  }
  while (rc.cluster.server.size() > 1 && rc.cluster.server.back() == '/') {
    rc.cluster.server.pop_back();
  }
  rc.cluster.certificate_authority = resolve(str(c, "certificate-authority"), cl->second.dir);
  PAVE_TRY_ASSIGN(rc.cluster.certificate_authority_data,
                  base64(str(c, "certificate-authority-data"),
                         "certificate-authority-data of cluster \"" + rc.cluster_name + "\"", m));
  rc.cluster.insecure_skip_tls_verify = boolean(c, "insecure-skip-tls-verify");
  rc.cluster.proxy_url = str(c, "proxy-url");
  rc.cluster.tls_server_name = str(c, "tls-server-name");

  if (rc.user_name.empty()) {
    return rc; // anonymous
  }
  const auto us = m.users.find(rc.user_name);
  if (us == m.users.end()) {
    return util::fail("kubeconfig {}: context \"{}\" refers to user \"{}\", which is not defined", src, name,
                      rc.user_name);
  }
  const YAML::Node& u = us->second.node;
  const fs::path& dir = us->second.dir;
  rc.user.token = str(u, "token");
  rc.user.token_file = resolve(str(u, "tokenFile"), dir);
  rc.user.client_certificate = resolve(str(u, "client-certificate"), dir);
  rc.user.client_key = resolve(str(u, "client-key"), dir);
  const std::string who = "user \"" + rc.user_name + "\"";
  PAVE_TRY_ASSIGN(rc.user.client_certificate_data, base64(str(u, "client-certificate-data"), "client-certificate-data of " + who, m));
  PAVE_TRY_ASSIGN(rc.user.client_key_data, base64(str(u, "client-key-data"), "client-key-data of " + who, m));
  rc.user.username = str(u, "username");
  rc.user.password = str(u, "password");
  if (const YAML::Node e = u["exec"]; e && e.IsMap()) {
    ExecConfig x;
    x.api_version = str(e, "apiVersion");
    x.command = str(e, "command");
    if (x.command.empty()) {
      return util::fail("kubeconfig {}: exec plugin of {} has no command", src, who);
    }
    if (x.command.find('/') != std::string::npos) {
      x.command = resolve(x.command, dir);
    }
    if (x.api_version != "client.authentication.k8s.io/v1" && x.api_version != "client.authentication.k8s.io/v1beta1") {
      return util::fail("kubeconfig {}: exec plugin of {} has unsupported apiVersion \"{}\" (want "
                        "client.authentication.k8s.io/v1 or v1beta1)",
                        src, who, x.api_version);
    }
    if (const YAML::Node args = e["args"]; args && args.IsSequence()) {
      for (const auto& a : args) {
        x.args.push_back(a.as<std::string>());
      }
    }
    if (const YAML::Node env = e["env"]; env && env.IsSequence()) {
      for (const auto& kv : env) {
        x.env.emplace_back(str(kv, "name"), str(kv, "value"));
      }
    }
    x.provide_cluster_info = boolean(e, "provideClusterInfo");
    x.interactive_mode = str(e, "interactiveMode");
    x.install_hint = str(e, "installHint");
    rc.user.exec = std::move(x);
  }
  return rc;
}

} // namespace

std::vector<std::string> kubeconfig_files(const KubeconfigOptions& options)
{
  if (!options.path.empty()) {
    return {options.path};
  }
  std::string env;
  if (options.kubeconfig_env) {
    env = *options.kubeconfig_env;
  } else if (const char* e = std::getenv("KUBECONFIG")) {
    env = e;
  }
  std::vector<std::string> files;
  for (auto& f : util::split(env, ':')) {
    if (!f.empty() && std::find(files.begin(), files.end(), f) == files.end()) {
      files.push_back(f);
    }
  }
  if (files.empty()) {
    std::string home;
    if (options.home) {
      home = *options.home;
    } else if (const char* h = std::getenv("HOME")) {
      home = h;
    }
    files.push_back((fs::path(home) / ".kube" / "config").string());
  }
  return files;
}

util::Result<RestConfig> load_kubeconfig(const KubeconfigOptions& options)
{
  const auto files = kubeconfig_files(options);
  const bool explicit_file = !options.path.empty();
  Merged m;
  for (const auto& f : files) {
    if (!explicit_file && !util::exists(f)) {
      continue; // client-go skips missing files of KUBECONFIG
    }
    PAVE_TRY_ASSIGN(const std::string text, util::read_file(f));
    m.files.push_back(f);
    PAVE_TRY(merge_text(m, text, f));
  }
  if (m.files.empty()) {
    return util::fail("no kubeconfig found (looked for {}); set KUBECONFIG or pass --kubeconfig",
                      util::join(files, ", "));
  }
  return resolve_context(m, options.context);
}

util::Result<RestConfig> load_kubeconfig_text(const std::string& yaml, const std::string& path, const std::string& context)
{
  Merged m;
  m.files.push_back(path);
  PAVE_TRY(merge_text(m, yaml, path));
  return resolve_context(m, context);
}

} // namespace pave::kube
