#include <pave/actions/backup_create.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>

#include <fmt/format.h>

#include <pave/backup/archive_writer.hpp>
#include <pave/backup/select.hpp>
#include <pave/plan/planner.hpp>
#include <pave/state/state_file.hpp>
#include <pave/util/time.hpp>
#include <pave_build_info.hpp>

namespace pave::actions {

namespace {

std::string id_time(std::chrono::system_clock::time_point t)
{
  std::string s = util::rfc3339_utc(t); // 2026-11-21T11:26:00Z
  std::string out;
  for (const char c : s) {
    if (c != '-' && c != ':') {
      out += c;
    }
  }
  return out; // 20261121T112600Z
}

/// The live objects pave manages in the environment: the state's records, refreshed from the target.
util::Result<std::vector<nlohmann::json>> managed_objects(EnvironmentSession& s, const state::State& st,
                                                          std::vector<std::string>& warnings)
{
  std::vector<plan::ObjectRef> refs;
  for (const auto& r : st.resources) {
    if (!r.address.starts_with("k8s:")) {
      continue; // cloud resources are not Kubernetes objects; their state is in state/state.json
    }
    refs.push_back(plan::ObjectRef{r.api_version, r.kind, r.namespace_, r.name});
  }
  PAVE_TRY_ASSIGN(auto live, s.target->refresh(refs));
  std::vector<nlohmann::json> out;
  for (const auto& ref : refs) {
    const auto it = live.find(ref.address());
    if (it == live.end()) {
      warnings.push_back(fmt::format("{} is in the state but not on the target: not backed up", ref.display()));
      continue;
    }
    if (!plan::owned_by_pave(it->second, s.environment->name)) {
      warnings.push_back(fmt::format("{} no longer carries pave's marks for {}: not backed up", ref.display(),
                                     s.environment->name));
      continue;
    }
    out.push_back(std::move(it->second));
  }
  return out;
}

} // namespace

util::Result<BackupCreateResult> backup_create(const project::Project& project, const BackupCreateOptions& o)
{
  const auto start = std::chrono::steady_clock::now();
  PAVE_TRY_ASSIGN(backup::Scope scope, backup_scope(o));
  if (!o.id.empty()) {
    const bool ok = o.id.size() <= 128 && o.id.front() != '.' && o.id.front() != '-' &&
                    std::all_of(o.id.begin(), o.id.end(), [](char c) {
                      return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
                    });
    if (!ok) {
      return util::fail_with(util::ExitCode::usage,
                             "--name {:?}: use letters, digits, '-', '_' and '.' (not first), at most 128", o.id);
    }
  }
  for (const auto& f : o.include_files) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(f, ec)) {
      return util::fail_with(util::ExitCode::usage, "--include-file {}: not a readable file", f);
    }
  }

  PAVE_TRY_ASSIGN(EnvironmentSession s, open_environment(project, o.env));
  PAVE_TRY_ASSIGN(BackupSession b, open_backup_session(project, s.environment, o.dest));
  PAVE_TRY_ASSIGN(const backup::KeyMaterial key, backup_key(b, o.dest));
  PAVE_TRY_ASSIGN(auto stored, s.store->read());

  BackupCreateResult r;
  std::vector<nlohmann::json> objects;
  if (o.all_resources) {
    targets::ListQuery q;
    q.namespaces = o.include_namespaces;
    q.label_selector = o.selector;
    q.cluster_scoped = true;
    PAVE_TRY_ASSIGN(auto listed, s.target->list_objects(q));
    r.warnings = std::move(listed.warnings);
    for (auto& obj : listed.objects) {
      if (!backup::controlled(obj)) {
        objects.push_back(std::move(obj));
      }
    }
  } else if (stored) {
    PAVE_TRY_ASSIGN(objects, managed_objects(s, *stored, r.warnings));
  } else {
    r.warnings.push_back(fmt::format("environment {} has no state yet: no managed objects to back up", s.environment->name));
  }

  backup::WriteInputs in;
  const auto now = std::chrono::system_clock::now();
  in.header.id = o.id.empty() ? fmt::format("{}-{}", s.environment->name, id_time(now)) : o.id;
  in.header.environment = s.environment->name;
  in.header.created = util::rfc3339_utc(now);
  in.header.cluster = s.target->describe();
  in.header.pave_version = PAVE_VERSION;
  in.header.scope = scope.describe(o.all_resources);
  in.compress.level = b.config.compression_level;
  for (auto& obj : objects) {
    if (!backup::in_scope(scope, obj)) {
      continue;
    }
    auto ref = plan::object_ref(obj, "target");
    if (!ref) {
      r.warnings.push_back(ref.error().message);
      continue;
    }
    backup::ResourceItem item;
    item.address = ref->address();
    item.api_version = ref->api_version;
    item.kind = ref->kind;
    item.namespace_ = ref->namespace_;
    item.name = ref->name;
    item.object = backup::clean_for_backup(obj);
    obj = nlohmann::json(); // one copy of each object at a time
    in.resources.push_back(std::move(item));
  }
  objects = {};
  std::sort(in.resources.begin(), in.resources.end(),
            [](const auto& x, const auto& y) { return x.address < y.address; });
  if (o.include_state && stored) {
    PAVE_TRY_ASSIGN(auto bytes, s.store->read_bytes());
    if (bytes) {
      in.state = std::move(*bytes);
    }
  }
  stored.reset(); // the parsed state is not needed while the archive streams
  for (const auto& f : o.include_files) {
    in.files.push_back({f, std::filesystem::path(f).filename().string()});
  }
  PAVE_TRY_ASSIGN(r.info, backup::write_backup(*b.destination, in, key));
  r.destination = b.destination->describe();
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return r;
}

} // namespace pave::actions
