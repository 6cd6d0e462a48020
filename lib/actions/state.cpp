#include <pave/actions/state.hpp>

#include <algorithm>
#include <cstdlib>
#include <deque>
#include <iostream>
#include <iterator>
#include <thread>

#include <fmt/format.h>

#include <pave/cloud/aws/s3_object_store.hpp>
#include <pave/state/state_file.hpp>
#include <pave/state/state_reader.hpp>
#include <pave/util/fs.hpp>
#include <pave/util/strings.hpp>

namespace pave::actions {

namespace {

/// "no state for environment dev yet (local .pave/state/dev.json)".
util::Error no_state(const StateOptions& o, std::string_view store)
{
  return util::Error{fmt::format("there is no state for environment {} yet ({})", o.environment, store)};
}

util::Result<std::string> read_input(const std::string& file)
{
  if (file == "-") {
    return std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  }
  return util::read_file(file);
}

} // namespace

StateAwsOptions state_aws_options(const project::Project& project, const project::Environment& env)
{
  StateAwsOptions a;
  a.region = project.state.region.empty() ? env.region : project.state.region;
  a.profile = project.state.aws_profile.empty() ? env.aws_profile : project.state.aws_profile;
  a.endpoint_url = project.state.endpoint_url.empty() ? env.endpoint_url : project.state.endpoint_url;
  return a;
}

util::Result<std::unique_ptr<state::StateStore>> open_state_at(const std::string& location,
                                                               const std::filesystem::path& base_dir,
                                                               const std::string& environment,
                                                               const StateAwsOptions& aws)
{
  state::StoreConfig c;
  c.location = location;
  c.base_dir = base_dir;
  c.environment = environment;
  if (location.starts_with("s3://")) {
    cloud::aws::SessionOptions so;
    so.region = aws.region;
    so.profile = aws.profile;
    so.endpoint_url = aws.endpoint_url;
    so.timeout = std::chrono::seconds(60);
    c.object_store = cloud::aws::s3_object_store_factory(std::move(so));
  }
  return state::open_store(c);
}

util::Result<std::unique_ptr<state::StateStore>> open_state(const StateOptions& o)
{
  return open_state_at(o.state_dir, o.project_dir, o.environment, o.aws);
}

util::Result<state::Lock> lock_state(state::StateStore& store, const StateOptions& o, std::string operation)
{
  PAVE_TRY_ASSIGN(auto lock, store.lock(state::make_lock_info(std::move(operation)), o.lock_timeout));
  hold_lock_for_tests();
  return lock;
}

void hold_lock_for_tests()
{
  if (const char* hold = std::getenv("PAVE_TEST_LOCK_HOLD_MS"); hold != nullptr) {
    std::this_thread::sleep_for(std::chrono::milliseconds(std::atol(hold)));
  }
}

util::Result<StateSnapshot> state_read(const StateOptions& o)
{
  PAVE_TRY_ASSIGN(auto store, open_state(o));
  StateSnapshot snap;
  snap.store = store->describe();
  PAVE_TRY_ASSIGN(snap.state, store->read());
  return snap;
}

util::Result<StateFileSnapshot> state_read_file(const StateOptions& o)
{
  PAVE_TRY_ASSIGN(auto store, open_state(o));
  StateFileSnapshot snap;
  snap.store = store->describe();
  PAVE_TRY_ASSIGN(auto file, store->read_file());
  if (file) {
    snap.file = std::make_unique<state::StateFile>(std::move(*file));
  }
  return snap;
}

util::Result<state::ResourceRecord> state_show(const StateOptions& o, std::string_view address)
{
  PAVE_TRY_ASSIGN(auto snap, state_read_file(o));
  if (!snap.file) {
    return std::unexpected(no_state(o, snap.store));
  }
  // Each record's address from the start of its text, the one asked for decoded.
  const state::StateFile& f = *snap.file;
  simdjson::dom::parser parser;
  std::vector<std::string_view> addresses;
  addresses.reserve(f.resource_count());
  std::deque<std::string> decoded; // the addresses of records written with escapes
  for (std::size_t i = 0; i < f.resource_count(); ++i) {
    std::string_view a;
    if (const auto head = f.resource_head(i)) {
      a = head->first;
    } else {
      PAVE_TRY_ASSIGN(const auto view, f.resource(i, parser));
      a = decoded.emplace_back(view.address);
    }
    if (a != address) {
      addresses.push_back(a);
      continue;
    }
    PAVE_TRY_ASSIGN(const auto r, f.resource(i, parser));
    return state::to_record(r);
  }
  util::Error e{fmt::format("no resource {} in the state of {}", address, o.environment)};
  if (auto guess = util::did_you_mean(address, addresses); !guess.empty()) {
    e.detail = fmt::format("did you mean {}?", guess);
  } else {
    e.detail = "`pave state list` shows the addresses";
  }
  return std::unexpected(std::move(e));
}

util::Result<std::string> state_pull(const StateOptions& o)
{
  PAVE_TRY_ASSIGN(auto snap, state_read(o));
  if (!snap.state) {
    return std::unexpected(no_state(o, snap.store));
  }
  return state::serialize_state(*snap.state);
}

util::Result<StateChange> state_rm(const StateOptions& o, const std::vector<std::string>& addresses)
{
  PAVE_TRY_ASSIGN(auto store, open_state(o));
  PAVE_TRY_ASSIGN(auto lock, lock_state(*store, o, "state rm"));
  StateChange change;
  change.store = store->describe();
  if (!lock.warning().empty()) {
    change.warnings.push_back(lock.warning());
  }
  PAVE_TRY_ASSIGN(auto stored, store->read());
  if (!stored) {
    return std::unexpected(no_state(o, change.store));
  }
  state::State s = std::move(*stored);
  std::vector<std::string> missing;
  for (const auto& a : addresses) {
    if (s.find(a) == nullptr) {
      missing.push_back(a);
    } else if (std::find(change.removed.begin(), change.removed.end(), a) == change.removed.end()) {
      change.removed.push_back(a);
    }
  }
  if (!missing.empty()) {
    return util::fail("not in the state of {}: {}; nothing was removed", o.environment, util::join(missing, ", "));
  }
  state::Revision rev;
  if (!s.revisions.empty()) {
    rev.apps = s.revisions.back().apps;
    rev.objects = s.revisions.back().objects;
  }
  for (const auto& a : change.removed) {
    s.remove(a);
    rev.objects.erase(a);
  }
  rev.operation = "state rm";
  rev.status = "deployed";
  rev.description = change.removed.size() == 1
                      ? fmt::format("forgot {}", change.removed.front())
                      : fmt::format("forgot {} resources", change.removed.size());
  change.revision = state::add_revision(s, std::move(rev));
  PAVE_TRY(store->write(s));
  change.serial = s.serial;
  change.resources = s.resources.size();
  return change;
}

util::Result<StateChange> state_push(const StateOptions& o, const StatePushOptions& push)
{
  PAVE_TRY_ASSIGN(const auto bytes, read_input(push.file));
  state::ParseOptions po;
  po.require_checksum = !push.allow_no_checksum;
  PAVE_TRY_ASSIGN(auto s, state::parse_state(bytes, push.file == "-" ? "<stdin>" : push.file, po));
  if (!s.environment.empty() && s.environment != o.environment && !push.force) {
    return util::fail("{} is the state of environment {}, not {}; use --force to push it anyway", push.file,
                      s.environment, o.environment);
  }
  s.environment = o.environment;
  PAVE_TRY_ASSIGN(auto store, open_state(o));
  PAVE_TRY_ASSIGN(auto lock, lock_state(*store, o, "state push"));
  StateChange change;
  change.store = store->describe();
  if (!lock.warning().empty()) {
    change.warnings.push_back(lock.warning());
  }
  auto stored = store->read();
  if (!stored && !push.force) {
    return std::unexpected(stored.error());
  }
  if (stored && *stored) {
    const state::State& cur = **stored;
    if (s.lineage.empty()) {
      s.lineage = cur.lineage;
    }
    if (!push.force && s.lineage != cur.lineage) {
      return util::fail("{} has lineage {} but the state of {} has lineage {}: it is a different state; use --force "
                        "to replace it",
                        push.file, s.lineage, o.environment, cur.lineage);
    }
    if (!push.force && s.serial < cur.serial) {
      return util::fail("{} has serial {}, older than the stored serial {}; use --force to replace it", push.file,
                        s.serial, cur.serial);
    }
  }
  PAVE_TRY(store->write(s, state::WriteMode::replace));
  change.serial = s.serial;
  change.resources = s.resources.size();
  return change;
}

util::Result<std::string> state_unlock(const StateOptions& o, std::string_view lock_id)
{
  PAVE_TRY_ASSIGN(auto store, open_state(o));
  PAVE_TRY(store->force_unlock(lock_id));
  return store->describe();
}

} // namespace pave::actions
