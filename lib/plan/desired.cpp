#include <pave/plan/desired.hpp>

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include <pave/actions/render.hpp>
#include <pave/chart/manifest.hpp>
#include <pave/codec/yaml_json.hpp>
#include <pave/scaffold/project_files.hpp>
#include <pave/util/sha256.hpp>
#include <pave/util/fs.hpp>

namespace pave::plan {

namespace {

namespace fs = std::filesystem;

constexpr std::array<std::string_view, 17> k_cluster_scoped = {
  "Namespace",          "Node",          "PersistentVolume",     "StorageClass",
  "ClusterRole",        "ClusterRoleBinding", "CustomResourceDefinition", "PriorityClass",
  "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration", "APIService", "IngressClass",
  "RuntimeClass",       "CSIDriver",     "VolumeSnapshotClass",  "CertificateSigningRequest",
  "ValidatingAdmissionPolicy",
};

std::string resolve(const project::Project& p, const std::string& path)
{
  const fs::path f(path);
  return (f.is_absolute() ? f : p.dir / f).lexically_normal().string();
}

/// Values files and inline values of an app in the environment, in merge order.
struct AppValues
{
  std::vector<std::string> files;
  std::vector<std::string> json;
};

AppValues app_values(const project::Project& p, const project::Environment& env, const project::App& app)
{
  AppValues v;
  for (const auto& f : env.values) {
    v.files.push_back(resolve(p, f));
  }
  for (const auto& f : app.values_files) {
    v.files.push_back(resolve(p, f));
  }
  if (!app.values.empty()) {
    v.json.push_back(app.values.dump());
  }
  if (const auto o = app.overrides.find(env.name); o != app.overrides.end()) {
    for (const auto& f : o->second.values_files) {
      v.files.push_back(resolve(p, f));
    }
    if (!o->second.values.empty()) {
      v.json.push_back(o->second.values.dump());
    }
  }
  return v;
}

util::Result<std::string> values_digest(const AppValues& v)
{
  std::string all;
  for (const auto& f : v.files) {
    PAVE_TRY_ASSIGN(std::string content, util::read_file(f));
    all += util::sha256_hex(content);
    all += '\n';
  }
  for (const auto& j : v.json) {
    all += j;
    all += '\n';
  }
  return util::sha256_tagged(all);
}

/// A built-in starter chart written to a temporary directory for rendering.
class BuiltinChart
{
public:
  static util::Result<BuiltinChart> materialize(const std::string& template_, const std::string& name)
  {
    PAVE_TRY_ASSIGN(auto files, scaffold::starter_chart(template_, name));
    PAVE_TRY_ASSIGN(fs::path dir, util::make_temp_dir("pave-chart"));
    BuiltinChart c(dir);
    for (const auto& [path, content] : files) {
      PAVE_TRY(util::write_file_atomic(dir / path, content));
    }
    return c;
  }
  BuiltinChart(BuiltinChart&& o) noexcept : m_dir(std::exchange(o.m_dir, {})) {}
  ~BuiltinChart()
  {
    if (!m_dir.empty()) {
      (void)util::remove_all(m_dir);
    }
  }
  fs::path chart(const std::string& name) const { return m_dir / "charts" / name; }

private:
  explicit BuiltinChart(fs::path dir) : m_dir(std::move(dir)) {}
  fs::path m_dir;
};

void mark(nlohmann::json& object, const std::string& app, const std::string& env)
{
  auto& meta = object["metadata"];
  if (!app.empty()) {
    meta["labels"][std::string(k_app_label)] = app;
  }
  meta["annotations"][std::string(k_environment_annotation)] = env;
}

} // namespace

util::Result<bool> builtin_scope(const std::string& /*api_version*/, const std::string& kind)
{
  return std::find(k_cluster_scoped.begin(), k_cluster_scoped.end(), kind) == k_cluster_scoped.end();
}

util::Result<DesiredState> render_environment(const project::Project& project, const project::Environment& env,
                                              const ScopeFn& namespaced, const chart::LookupFn& lookup)
{
  DesiredState state;
  std::map<std::string, DesiredObject> objects;
  auto add = [&](DesiredObject o) -> util::Result<void> {
    o.address = o.ref.address();
    std::string key = o.address;
    // try_emplace leaves `o` untouched when the key exists (for the message below).
    const auto [it, inserted] = objects.try_emplace(std::move(key), std::move(o));
    if (!inserted) {
      return util::fail("{} is rendered by both {} and {}", o.ref.display(), it->second.source, o.source);
    }
    return {};
  };
  for (const project::App* app : project.apps_for(env.name)) {
    actions::RenderOptions ro;
    ro.release_name = app->release.empty() ? app->name : app->release;
    ro.namespace_ = !app->namespace_.empty() ? app->namespace_ : !env.namespace_.empty() ? env.namespace_ : "default";
    ro.include_crds = true;
    ro.skip_tests = true;
    ro.lookup = lookup;
    const AppValues values = app_values(project, env, *app);
    ro.values_files = values.files;
    ro.set_json = values.json;
    AppInputs inputs;
    inputs.release = ro.release_name;
    inputs.namespace_ = ro.namespace_;
    std::optional<BuiltinChart> builtin;
    if (!app->chart.empty()) {
      ro.chart = resolve(project, app->chart);
      inputs.chart = app->chart;
    } else {
      PAVE_TRY_ASSIGN(auto c, BuiltinChart::materialize(app->template_, app->name));
      builtin.emplace(std::move(c));
      ro.chart = builtin->chart(app->name).string();
      inputs.chart = "builtin:" + app->template_;
    }
    auto prefix = fmt::format("app {}: ", app->name);
    auto rendered = actions::render(ro);
    if (!rendered) {
      return std::unexpected(util::Error{prefix + rendered.error().message, rendered.error().detail});
    }
    PAVE_TRY_ASSIGN(inputs.values_digest, values_digest(values));
    state.apps[app->name] = inputs;
    if (ro.namespace_ != "default") {
      DesiredObject ns;
      ns.ref = {"v1", "Namespace", "", ro.namespace_};
      ns.source = "namespace of app " + app->name;
      ns.object = {{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", ro.namespace_}}}};
      mark(ns.object, "", env.name);
      if (objects.find(ns.ref.address()) == objects.end()) {
        PAVE_TRY(add(std::move(ns)));
      }
    }
    for (const auto& doc : rendered->documents) {
      const auto texts = doc.crd ? chart::split_documents(doc.content) : std::vector<std::string_view>{doc.content};
      for (const auto text : texts) {
        auto object = codec::yaml_to_json(text, doc.source);
        if (!object) {
          return std::unexpected(util::Error{prefix + object.error().message});
        }
        if (object->is_null()) {
          continue;
        }
        DesiredObject o;
        o.app = app->name;
        o.source = doc.source;
        PAVE_TRY_ASSIGN(o.ref, object_ref(*object, doc.source));
        PAVE_TRY_ASSIGN(const bool is_namespaced, namespaced(o.ref.api_version, o.ref.kind));
        if (!is_namespaced) {
          object->at("metadata").erase("namespace");
          o.ref.namespace_.clear();
        } else if (o.ref.namespace_.empty()) {
          o.ref.namespace_ = ro.namespace_;
          (*object)["metadata"]["namespace"] = ro.namespace_;
        }
        mark(*object, app->name, env.name);
        o.object = std::move(*object);
        PAVE_TRY(add(std::move(o)));
      }
    }
  }
  for (auto& [address, o] : objects) {
    state.objects.push_back(std::move(o));
  }
  return state;
}

} // namespace pave::plan
