#include <pave/actions/rollback.hpp>

#include <fmt/format.h>

#include <pave/actions/record.hpp>
#include <pave/plan/desired.hpp>
#include <pave/plan/diff.hpp>
#include <pave/util/clock.hpp>
#include <pave/util/time.hpp>

namespace pave::actions {

namespace {

const state::Revision* find_revision(const state::State& st, int number)
{
  for (const auto& r : st.revisions) {
    if (r.number == number) {
      return &r;
    }
  }
  return nullptr;
}

/// The revision before the current deployed one, for `pave rollback` without an argument.
int previous_revision(const state::State& st)
{
  int current = 0;
  for (auto it = st.revisions.rbegin(); it != st.revisions.rend(); ++it) {
    if (current == 0 && it->status == "deployed") {
      current = it->number;
    } else if (current != 0 && it->status != "failed") {
      return it->number;
    }
  }
  return 0;
}

} // namespace

util::Result<plan::DesiredState> desired_from_revision(const state::Revision& rev, targets::Target& target)
{
  plan::DesiredState desired;
  std::vector<plan::ObjectRef> secrets;
  for (auto it = rev.objects.begin(); it != rev.objects.end(); ++it) {
    PAVE_TRY_ASSIGN(plan::ObjectRef ref, plan::parse_address(it.key()));
    if (ref.kind == "Secret") {
      secrets.push_back(ref);
    }
  }
  PAVE_TRY_ASSIGN(auto live_secrets, target.refresh(secrets));
  for (auto it = rev.objects.begin(); it != rev.objects.end(); ++it) {
    plan::DesiredObject o;
    PAVE_TRY_ASSIGN(o.ref, plan::parse_address(it.key()));
    o.address = it.key();
    o.source = fmt::format("revision {}", rev.number);
    o.object = *it;
    const auto labels = o.object["metadata"].value("labels", nlohmann::json::object());
    o.app = labels.value(std::string(plan::k_app_label), "");
    if (o.ref.kind == "Secret") {
      const auto live = live_secrets.find(o.address);
      const bool same = live != live_secrets.end() &&
                        state::redact_secret(plan::project(plan::strip_server_fields(live->second), o.object)) == o.object;
      if (!same) {
        return util::fail("cannot restore {} from revision {}: pave keeps only hashes of Secret values, and the live "
                          "Secret no longer has them; deploy the old values instead",
                          o.ref.display(), rev.number);
      }
      o.object = plan::project(plan::strip_server_fields(live->second), o.object);
    }
    desired.objects.push_back(std::move(o));
  }
  for (auto it = rev.apps.begin(); it != rev.apps.end(); ++it) {
    plan::AppInputs in;
    in.chart = it->value("chart", "");
    in.release = it->value("release", "");
    in.namespace_ = it->value("namespace", "");
    in.values_digest = it->value("values_digest", "");
    desired.apps[it.key()] = in;
  }
  return desired;
}

util::Result<RollbackResult> roll_back(EnvironmentSession& s, state::State& st, int to, const deploy::Options& options,
                                       std::string_view why, const std::function<void(const deploy::Event&)>& on_event)
{
  RollbackResult r;
  r.from = st.revisions.empty() ? 0 : st.revisions.back().number;
  r.to = to;
  plan::DesiredState desired;
  if (to != 0) {
    const state::Revision* rev = find_revision(st, to);
    if (rev == nullptr) {
      return util::fail("revision {} does not exist (see pave history)", to);
    }
    if (rev->objects.empty() && rev->status != "deployed") {
      return util::fail("revision {} is too old to roll back to: pave keeps the objects of the last {} revisions",
                        to, state::k_revisions_with_objects);
    }
    PAVE_TRY_ASSIGN(desired, desired_from_revision(*rev, *s.target));
  }
  PAVE_TRY_ASSIGN(r.plan, compute_plan(s, desired, st, {}));
  r.report = deploy::apply(*s.target, r.plan, options, util::system_clock(), on_event);
  RecordInputs in;
  in.operation = "rollback";
  in.time = util::now_rfc3339();
  in.apps = r.plan.apps;
  in.description_prefix =
    to == 0 ? fmt::format("{}removed what revision {} created: ", why, r.from)
            : fmt::format("{}rolled back to revision {}: ", why, to);
  r.revision = record_deploy(st, r.plan, r.report, in);
  return r;
}

util::Result<RollbackResult> rollback(const project::Project& project, const RollbackOptions& options,
                                      const std::function<void(const deploy::Event&)>& on_event)
{
  PAVE_TRY_ASSIGN(EnvironmentSession s, open_environment(project, options.env));
  PAVE_TRY_ASSIGN(state::Lock lock, lock_state(s, "rollback", options.env.lock_timeout));
  PAVE_TRY_ASSIGN(state::State st, read_or_new_state(s));
  if (st.revisions.empty()) {
    return util::fail("environment {} has no revisions to roll back (nothing was deployed)", s.environment->name);
  }
  const int to = options.revision != 0 ? options.revision : previous_revision(st);
  if (to == 0) {
    return util::fail("environment {} has no earlier revision to roll back to (see pave history)",
                      s.environment->name);
  }
  deploy::Options d;
  d.wait = options.wait;
  d.timeout = options.timeout;
  PAVE_TRY_ASSIGN(RollbackResult r, roll_back(s, st, to, d, "", on_event));
  PAVE_TRY(s.store->write(st));
  return r;
}

} // namespace pave::actions
