#include <pave/actions/kube_debug.hpp>

#include <atomic>
#include <mutex>
#include <regex>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <pave/http/curl_client.hpp>
#include <pave/kube/client.hpp>
#include <pave/kube/kubeconfig.hpp>
#include <pave/util/fs.hpp>
#include <pave/util/parallel.hpp>

namespace pave::actions {

namespace {

nlohmann::json scalar_to_json(const YAML::Node& n)
{
  const std::string& s = n.Scalar();
  if (n.Tag() != "?") {
    return s; // quoted or explicitly tagged: a string
  }
  static const std::regex k_int(R"([-+]?(0|[1-9][0-9]*))");
  static const std::regex k_float(R"([-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?)");
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") {
    return nullptr;
  }
  if (s == "true" || s == "True" || s == "TRUE") {
    return true;
  }
  if (s == "false" || s == "False" || s == "FALSE") {
    return false;
  }
  if (std::regex_match(s, k_int)) {
    try {
      return std::stoll(s);
    } catch (const std::exception&) {
      return s;
    }
  }
  if (std::regex_match(s, k_float)) {
    return std::stod(s);
  }
  return s;
}

nlohmann::json to_json(const YAML::Node& n)
{
  switch (n.Type()) {
  case YAML::NodeType::Map: {
    nlohmann::json o = nlohmann::json::object();
    for (const auto& kv : n) {
      o[kv.first.as<std::string>()] = to_json(kv.second);
    }
    return o;
  }
  case YAML::NodeType::Sequence: {
    nlohmann::json a = nlohmann::json::array();
    for (const auto& v : n) {
      a.push_back(to_json(v));
    }
    return a;
  }
  case YAML::NodeType::Scalar: return scalar_to_json(n);
  default: return nullptr;
  }
}

std::string object_name(const nlohmann::json& o)
{
  std::string kind = o.value("kind", "");
  std::transform(kind.begin(), kind.end(), kind.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return kind + "/" + o["metadata"].value("name", "");
}

util::Result<void> apply_files(kube::Client& client, const KubeDebugOptions& o, const std::string& ns, KubeDebugResult& out)
{
  std::vector<nlohmann::json> objects;
  for (const auto& f : o.files) {
    PAVE_TRY_ASSIGN(const std::string text, util::read_file(f));
    PAVE_TRY_ASSIGN(auto docs, yaml_documents_to_json(text, f));
    for (auto& d : docs) {
      if (d.is_object() && d.value("kind", "").ends_with("List") && d.contains("items")) {
        for (auto& item : d["items"]) {
          objects.push_back(std::move(item));
        }
      } else {
        objects.push_back(std::move(d));
      }
    }
  }
  kube::ApplyOptions ao;
  ao.namespace_ = ns;
  ao.force_conflicts = o.force_conflicts;
  ao.dry_run = o.dry_run;
  std::vector<std::string> lines(objects.size());
  std::atomic<std::size_t> failures{0};
  util::parallel_for(objects.size(), std::clamp<int>(o.parallel, 1, 256), [&](std::size_t i) {
    auto r = client.apply(objects[i], ao);
    if (r) {
      lines[i] = object_name(objects[i]) + (o.dry_run ? " serverside-applied (server dry run)" : " serverside-applied");
    } else {
      ++failures;
      lines[i] = "error: " + r.error().message + (r.error().detail.empty() ? "" : "\n" + r.error().detail);
    }
  });
  out.failures = failures;
  out.data = nlohmann::ordered_json::object();
  out.data["applied"] = objects.size() - failures;
  out.data["failed"] = failures.load();
  out.lines = std::move(lines);
  return {};
}

util::Result<std::pair<std::string, std::string>> api_kind(const KubeDebugOptions& o, std::size_t want)
{
  if (o.args.size() != want) {
    return util::fail("__kube {} needs {} arguments: APIVERSION KIND{}", o.op, want, want == 3 ? " NAME" : "");
  }
  return std::pair{o.args[0], o.args[1]};
}

} // namespace

util::Result<std::vector<nlohmann::json>> yaml_documents_to_json(const std::string& text, const std::string& file)
{
  std::vector<YAML::Node> docs;
  try {
    docs = YAML::LoadAll(text);
  } catch (const YAML::Exception& e) {
    return util::fail("{}: line {}: {}", file, e.mark.line + 1, e.msg);
  }
  std::vector<nlohmann::json> out;
  for (const auto& d : docs) {
    if (d && !d.IsNull()) {
      out.push_back(to_json(d));
    }
  }
  return out;
}

util::Result<KubeDebugResult> kube_debug(const KubeDebugOptions& o)
{
  const auto start = std::chrono::steady_clock::now();
  kube::KubeconfigOptions ko;
  ko.path = o.kubeconfig;
  ko.context = o.context;
  PAVE_TRY_ASSIGN(const kube::RestConfig config, kube::load_kubeconfig(ko));
  const std::string ns = o.namespace_.empty() ? config.namespace_ : o.namespace_;
  kube::ConnectOptions co;
  if (!o.discovery_cache) {
    co.discovery_cache_root.clear();
  }
  std::mutex curl_mutex;
  std::vector<std::shared_ptr<http::CurlHttpClient>> curls;
  co.on_http_client = [&](const std::shared_ptr<http::HttpClient>& h) {
    std::lock_guard lock(curl_mutex);
    if (auto c = std::dynamic_pointer_cast<http::CurlHttpClient>(h)) {
      curls.push_back(c);
    }
  };
  PAVE_TRY_ASSIGN(auto client, kube::connect(config, co));

  KubeDebugResult out;
  if (o.op == "discover") {
    PAVE_TRY_ASSIGN(const auto resources, client->resources());
    out.data = nlohmann::ordered_json::array();
    for (const auto& r : resources) {
      out.data.push_back({{"apiVersion", r.api_version()}, {"kind", r.kind}, {"resource", r.resource},
                          {"namespaced", r.namespaced}});
      out.lines.push_back(fmt::format("{} {} {} {}", r.api_version(), r.kind, r.resource,
                                      r.namespaced ? "namespaced" : "cluster"));
    }
  } else if (o.op == "version") {
    PAVE_TRY_ASSIGN(const auto v, client->version());
    out.data = {{"major", v.major}, {"minor", v.minor}, {"gitVersion", v.git_version}, {"platform", v.platform}};
    out.lines.push_back(v.git_version);
  } else if (o.op == "get" || o.op == "delete") {
    PAVE_TRY_ASSIGN(const auto ak, api_kind(o, 3));
    PAVE_TRY_ASSIGN(const auto r, client->resolve(ak.first, ak.second));
    if (o.op == "get") {
      PAVE_TRY_ASSIGN(const auto obj, client->get(r, ns, o.args[2]));
      if (!obj) {
        return util::fail("{} \"{}\" not found", r.qualified(), o.args[2]);
      }
      out.data = nlohmann::ordered_json::parse(obj->dump());
      out.lines.push_back(obj->dump(2));
    } else {
      kube::DeleteOptions d;
      d.dry_run = o.dry_run;
      d.propagation = o.cascade == "foreground" ? kube::Propagation::foreground
                      : o.cascade == "orphan"   ? kube::Propagation::orphan
                                                : kube::Propagation::background;
      PAVE_TRY(client->remove(r, ns, o.args[2], d));
      out.data = {{"deleted", o.args[2]}};
      out.lines.push_back(fmt::format("{} \"{}\" deleted", r.qualified(), o.args[2]));
    }
  } else if (o.op == "list") {
    PAVE_TRY_ASSIGN(const auto ak, api_kind(o, 2));
    PAVE_TRY_ASSIGN(const auto r, client->resolve(ak.first, ak.second));
    PAVE_TRY_ASSIGN(const auto items, client->list(r, r.namespaced ? ns : "", o.label_selector));
    out.data = nlohmann::ordered_json::object();
    out.data["count"] = items.size();
    out.data["items"] = nlohmann::ordered_json::array();
    for (const auto& item : items) {
      out.data["items"].push_back(nlohmann::ordered_json::parse(item.dump()));
      out.lines.push_back(item.value("metadata", nlohmann::json::object()).value("name", ""));
    }
  } else if (o.op == "apply") {
    if (o.files.empty()) {
      return util::fail("__kube apply needs -f FILE");
    }
    PAVE_TRY(apply_files(*client, o, ns, out));
  } else if (o.op == "raw") {
    if (o.args.size() != 2) {
      return util::fail("__kube raw needs METHOD PATH");
    }
    auto resp = client->request(o.args[0], o.args[1], o.data, o.data.empty() ? "" : "application/json");
    if (!resp) {
      return std::unexpected(util::Error{resp.error().message});
    }
    out.data = {{"status", resp->status}, {"body", resp->body}};
    out.lines.push_back(resp->body);
    if (!resp->ok()) {
      out.failures = 1;
    }
  } else {
    return util::fail("unknown __kube operation \"{}\"", o.op);
  }
  out.requests = client->requests_sent();
  for (const auto& c : curls) {
    out.connections += c->stats().connections;
  }
  out.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  return out;
}

} // namespace pave::actions
