#include <pave/actions/backup_create.hpp>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <future>

#include <fmt/format.h>

#include <pave/backup/archive_writer.hpp>
#include <pave/backup/resource_spool.hpp>
#include <pave/backup/select.hpp>
#include <pave/plan/planner.hpp>
#include <pave/state/state_scan.hpp>
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

/// The objects pave manages in the environment, from the state's records
/// (read as a stream: a large state is never held as a document).
util::Result<std::vector<plan::ObjectRef>> managed_refs(EnvironmentSession& s, state::StateStream& stored)
{
  stored.in->clear();
  stored.in->seekg(0);
  auto index = state::scan_state(*stored.in, s.store->describe());
  if (!index) {
    PAVE_TRY(s.store->read()); // the store's own words for an unreadable state (where its backups are)
    return std::unexpected(index.error());
  }
  std::vector<plan::ObjectRef> refs;
  refs.reserve(index->resources.size());
  for (auto& r : index->resources) {
    if (!r.address.starts_with("k8s:")) {
      continue; // cloud resources are not Kubernetes objects; their state is in state/state.json
    }
    refs.push_back(plan::ObjectRef{std::move(r.api_version), std::move(r.kind), std::move(r.namespace_), std::move(r.name)});
  }
  return refs;
}

using EntrySink = std::function<util::Result<void>(backup::SerializedResource&&)>;

/// Reads the objects the backup takes, everything listable (--all-resources)
/// or what the state `stored` (null: none) records, and hands each to
/// `sink` as it is read, cleaned and serialized.
util::Result<void> read_objects(EnvironmentSession& s, const BackupCreateOptions& o, const backup::Scope& scope,
                                state::StateStream* stored, std::vector<std::string>& warnings, const EntrySink& sink)
{
  const auto add = [&](nlohmann::json&& obj) -> util::Result<void> {
    if (!backup::in_scope(scope, obj)) {
      return {};
    }
    auto ref = plan::object_ref(obj, "target");
    if (!ref) {
      warnings.push_back(ref.error().message);
      return {};
    }
    return sink(backup::serialize({ref->address(), std::move(ref->api_version), std::move(ref->kind),
                                   std::move(ref->namespace_), std::move(ref->name),
                                   backup::clean_for_backup(std::move(obj))}));
  };
  if (o.all_resources) {
    targets::ListQuery q;
    q.namespaces = o.include_namespaces;
    q.label_selector = o.selector;
    q.cluster_scoped = true;
    PAVE_TRY_ASSIGN(auto unlisted, s.target->visit_objects(q, [&](nlohmann::json&& obj) -> util::Result<void> {
      return backup::controlled(obj) ? util::Result<void>() : add(std::move(obj));
    }));
    warnings.insert(warnings.end(), unlisted.begin(), unlisted.end());
    return {};
  }
  if (stored == nullptr) {
    warnings.push_back(fmt::format("environment {} has no state yet: no managed objects to back up", s.environment->name));
    return {};
  }
  PAVE_TRY_ASSIGN(const auto refs, managed_refs(s, *stored));
  std::vector<bool> seen(refs.size());
  PAVE_TRY(s.target->visit_live(refs, [&](std::size_t i, nlohmann::json&& obj) -> util::Result<void> {
    seen[i] = true;
    if (!plan::owned_by_pave(obj, s.environment->name)) {
      warnings.push_back(fmt::format("{} no longer carries pave's marks for {}: not backed up", refs[i].display(),
                                     s.environment->name));
      return {};
    }
    return add(std::move(obj));
  }));
  for (std::size_t i = 0; i < refs.size(); ++i) {
    if (!seen[i]) {
      warnings.push_back(fmt::format("{} is in the state but not on the target: not backed up", refs[i].display()));
    }
  }
  return {};
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
  // One version of the state serves both the list of managed objects and the archived copy.
  PAVE_TRY_ASSIGN(auto stored, s.store->open_bytes());
  state::StateStream* state = stored ? &*stored : nullptr;

  BackupCreateResult r;
  backup::BackupHeader header;
  const auto now = std::chrono::system_clock::now();
  header.id = o.id.empty() ? fmt::format("{}-{}", s.environment->name, id_time(now)) : o.id;
  header.environment = s.environment->name;
  header.created = util::rfc3339_utc(now);
  header.cluster = s.target->describe();
  header.pave_version = PAVE_VERSION;
  header.scope = scope.describe(o.all_resources);
  backup::ArchiveOptions options;
  options.compress.level = b.config.compression_level;
  PAVE_TRY_ASSIGN(auto archive, backup::ArchiveWriter::open(*b.destination, header, key, options));
  const auto add_state = [&]() -> util::Result<void> {
    if (!o.include_state || state == nullptr) {
      return {};
    }
    state->in->clear();
    state->in->seekg(0);
    return archive->add_state(*state->in, state->size);
  };
  const EntrySink add_entry = [&](backup::SerializedResource&& e) { return archive->add_serialized(e); };

  if (o.include_files.empty()) {
    // The state, then each object written as it is read, cleaned and serialized, then dropped.
    PAVE_TRY(add_state());
    PAVE_TRY(read_objects(s, o, scope, state, r.warnings, add_entry));
  } else {
    // Files first, then the state and the objects. The files need nothing from the target: while they
    // stream (and upload), another thread reads, cleans and serializes the objects into a spool on disk.
    backup::ResourceSpool spool;
    std::atomic<bool> stop{false};
    auto reading = std::async(std::launch::async, [&] {
      return read_objects(s, o, scope, state, r.warnings, [&](backup::SerializedResource&& e) -> util::Result<void> {
        if (stop) {
          return util::fail("stopped");
        }
        return spool.put(e);
      });
    });
    util::Result<void> files;
    for (const auto& f : o.include_files) {
      if (files = archive->add_file({f, std::filesystem::path(f).filename().string()}); !files) {
        break;
      }
    }
    stop = !files;
    auto read = reading.get();
    PAVE_TRY(files);
    PAVE_TRY(read);
    PAVE_TRY(add_state());
    PAVE_TRY(spool.replay(add_entry));
  }
  stored.reset();
  PAVE_TRY_ASSIGN(r.info, archive->finish());
  r.destination = b.destination->describe();
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return r;
}

} // namespace pave::actions
