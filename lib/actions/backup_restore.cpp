#include <pave/actions/backup_restore.hpp>

#include <fstream>

#include <fmt/format.h>

#include <pave/backup/archive.hpp>
#include <pave/backup/select.hpp>
#include <pave/plan/diff.hpp>
#include <pave/plan/order.hpp>
#include <pave/state/state_file.hpp>
#include <pave/util/clock.hpp>
#include <pave/util/fs.hpp>
#include <pave/util/time.hpp>
#include <pave_build_info.hpp>

namespace pave::actions {

namespace {

namespace fs = std::filesystem;

/// Writes file entries to DIR/NAME.partial while they are read; renamed once the whole archive verified.
struct FileExtractor
{
  fs::path dir;
  std::vector<std::pair<fs::path, fs::path>> pending; ///< partial -> final

  util::Result<void> operator()(const backup::ManifestEntry& e,
                                const std::function<util::Result<std::size_t>(char*, std::size_t)>& read)
  {
    const std::string name = e.path.substr(std::string_view("files/").size());
    if (name.empty() || name.find('/') != std::string::npos || name == "." || name == "..") {
      return util::fail("archive corrupted: unsafe file name {}", e.path);
    }
    PAVE_TRY(util::create_directories(dir));
    const fs::path final_path = dir / name;
    const fs::path partial = dir / (name + ".partial");
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    if (!out) {
      return util::fail("cannot write {}", partial.string());
    }
    pending.emplace_back(partial, final_path);
    std::string buf(256 * 1024, '\0');
    for (;;) {
      PAVE_TRY_ASSIGN(const std::size_t n, read(buf.data(), buf.size()));
      if (n == 0) {
        break;
      }
      out.write(buf.data(), static_cast<std::streamsize>(n));
    }
    if (!out.flush()) {
      return util::fail("cannot write {}", partial.string());
    }
    return {};
  }

  void discard()
  {
    for (const auto& [partial, final_path] : pending) {
      std::error_code ec;
      fs::remove(partial, ec);
    }
  }
};

} // namespace

util::Result<RestoreResult> restore_backup(const project::Project& project, const RestoreOptions& o,
                                           const std::function<void(const deploy::Event&)>& on_event)
{
  if (o.existing_resource_policy != "none" && o.existing_resource_policy != "update") {
    return util::fail_with(util::ExitCode::usage, "--existing-resource-policy {}: expected none or update",
                           o.existing_resource_policy);
  }
  PAVE_TRY_ASSIGN(const auto mapping, backup::parse_namespace_mapping(o.namespace_mapping));
  PAVE_TRY_ASSIGN(backup::Scope scope, backup_scope(o));

  PAVE_TRY_ASSIGN(EnvironmentSession s, open_environment(project, o.env));
  PAVE_TRY_ASSIGN(BackupSession b, open_backup_session(project, s.environment, o.dest));
  RestoreResult r;
  PAVE_TRY_ASSIGN(r.info, backup::find_backup(*b.destination, o.id));
  PAVE_TRY_ASSIGN(const backup::KeyMaterial key, backup_key(b, o.dest));

  // 1. Read and verify everything before touching the target.
  FileExtractor extractor{o.files_to, {}};
  backup::FileHandler on_file;
  if (!o.files_to.empty() && !o.dry_run) {
    on_file = [&extractor](const backup::ManifestEntry& e, const auto& read) { return extractor(e, read); };
  }
  auto contents = backup::read_backup(*b.destination, r.info, key, on_file);
  if (!contents) {
    extractor.discard();
    return util::fail("backup {} failed verification: {}. Nothing was applied.", o.id, contents.error().message);
  }
  if (o.restore_state && !contents->state) {
    extractor.discard();
    return util::fail("backup {} holds no state (it was made with --no-state): cannot --restore-state", o.id);
  }

  // 2. Plan: the backup's objects against the live target.
  PAVE_TRY_ASSIGN(state::Lock lock, lock_state(s, "restore", o.env.lock_timeout));
  std::vector<plan::Change> changes;
  std::vector<plan::ObjectRef> refs;
  for (const auto& item : contents->resources) {
    nlohmann::json obj = backup::map_namespace(item.object, mapping);
    if (!backup::in_scope(scope, obj)) {
      continue;
    }
    PAVE_TRY_ASSIGN(plan::ObjectRef ref, plan::object_ref(obj, item.address));
    plan::Change c;
    c.ref = ref;
    c.address = ref.address();
    c.app = obj["metadata"].contains("labels") && obj["metadata"]["labels"].is_object()
              ? obj["metadata"]["labels"].value(std::string(plan::k_app_label), "")
              : "";
    c.desired = std::move(obj);
    refs.push_back(ref);
    changes.push_back(std::move(c));
  }
  PAVE_TRY_ASSIGN(const auto live, s.target->refresh(refs));
  for (auto& c : changes) {
    const auto it = live.find(c.address);
    if (it == live.end()) {
      c.action = plan::Action::create;
      c.reason = "not on the target: restored from the backup";
      c.wave = plan::apply_wave(c.ref.kind);
      continue;
    }
    const auto current = plan::project(plan::strip_server_fields(it->second), c.desired);
    auto fields = plan::diff(current, c.desired, c.ref.kind);
    c.wave = plan::apply_wave(c.ref.kind);
    if (fields.empty()) {
      c.action = plan::Action::noop;
      c.reason = "exists and matches the backup";
    } else if (o.existing_resource_policy == "update") {
      c.action = plan::Action::update;
      c.reason = "exists and differs: updated (--existing-resource-policy update)";
      c.fields = std::move(fields);
    } else {
      c.action = plan::Action::noop;
      c.reason = "exists and differs: skipped (--existing-resource-policy update would update it)";
      ++r.skipped_existing;
    }
  }
  plan::sort_changes(changes);
  r.plan.environment = s.environment->name;
  r.plan.target = s.target->describe();
  r.plan.created = util::now_rfc3339();
  r.plan.pave_version = PAVE_VERSION;
  r.plan.changes = std::move(changes);
  if (o.dry_run) {
    return r;
  }

  // 3. Apply through the deploy engine, then the state.
  deploy::Options d;
  d.wait = o.wait;
  d.timeout = o.timeout;
  d.force_conflicts = o.existing_resource_policy == "update"; // the backup's values win over other managers'
  r.report = deploy::apply(*s.target, r.plan, d, util::system_clock(), on_event ? on_event : [](const deploy::Event&) {});
  if (r.report.failed) {
    extractor.discard();
    return util::fail("restore of backup {} failed: {} ({} of {} changes applied)", o.id, r.report.failure,
                      std::count_if(r.report.outcomes.begin(), r.report.outcomes.end(), [](const auto& x) { return x.done; }),
                      r.report.outcomes.size());
  }
  if (o.restore_state) {
    PAVE_TRY_ASSIGN(state::State st, state::parse_state(*contents->state, "backup " + o.id + " state"));
    st.environment = s.environment->name;
    state::Revision rev;
    rev.number = st.revisions.empty() ? 1 : st.revisions.back().number + 1;
    rev.time = util::now_rfc3339();
    rev.operation = "restore";
    rev.status = "deployed";
    rev.description = fmt::format("state restored from backup {}", o.id);
    st.revisions.push_back(std::move(rev));
    PAVE_TRY(s.store->write(st, state::WriteMode::replace));
    r.state_restored = true;
    r.state_serial = st.serial;
  }
  for (const auto& [partial, final_path] : extractor.pending) {
    std::error_code ec;
    fs::rename(partial, final_path, ec);
    if (ec) {
      return util::fail("cannot rename {} to {}: {}", partial.string(), final_path.string(), ec.message());
    }
    r.files.push_back(final_path.string());
  }
  (void)lock;
  return r;
}

} // namespace pave::actions
