#include <pave/actions/environment.hpp>

#include <mutex>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <pave/cloud/desired.hpp>
#include <pave/plan/diff.hpp>
#include <pave/plan/planner.hpp>
#include <pave/targets/open.hpp>
#include <pave/util/clock.hpp>
#include <pave/util/parallel.hpp>
#include <pave/util/time.hpp>
#include <pave/util/strings.hpp>
#include <pave_build_info.hpp>

namespace pave::actions {

namespace {

long long ms_since(std::chrono::steady_clock::time_point start)
{
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
}

/// Sends each create/update/replace as a dry run; updates get the server's view of their fields.
util::Result<void> refine_with_dry_run(targets::Target& target, plan::Plan& p,
                                       const std::map<std::string, nlohmann::json>& live)
{
  std::vector<plan::Change*> work;
  for (auto& c : p.changes) {
    if (c.action == plan::Action::create || c.action == plan::Action::update || c.action == plan::Action::replace) {
      work.push_back(&c);
    }
  }
  std::mutex mutex;
  std::optional<util::Error> error;
  util::parallel_for(work.size(), target.concurrency(), [&](std::size_t i) {
    plan::Change& c = *work[i];
    targets::ApplyOptions o;
    o.dry_run = true;
    auto result = target.apply(c.desired, o);
    if (!result) {
      const std::lock_guard lock(mutex);
      if (!error) {
        error = util::Error{fmt::format("server dry run of {}: {}", c.ref.display(), result.error().message)};
      }
      return;
    }
    if (c.action != plan::Action::update) {
      return;
    }
    const auto l = live.find(c.address);
    if (l == live.end()) {
      return;
    }
    auto fields = plan::diff(plan::strip_server_fields(l->second), plan::strip_server_fields(*result), c.ref.kind);
    if (fields.empty()) {
      c.action = plan::Action::noop;
      c.reason = "the server would store no change";
    }
    c.fields = std::move(fields);
  });
  if (error) {
    return std::unexpected(*error);
  }
  return {};
}

} // namespace

util::Result<EnvironmentSession> open_environment(const project::Project& project, const EnvironmentOptions& options)
{
  EnvironmentSession s;
  s.project = &project;
  if (options.environment.empty()) {
    std::vector<std::string> names;
    for (const auto& [name, env] : project.environments) {
      names.push_back(name);
    }
    return util::fail_with(util::ExitCode::usage, "no environment given: use -e ENV ({})", util::join(names, ", "));
  }
  const auto env = project.environments.find(options.environment);
  if (env == project.environments.end()) {
    std::vector<std::string_view> names;
    for (const auto& [name, e] : project.environments) {
      names.push_back(name);
    }
    const std::string hint = util::did_you_mean(options.environment, names);
    return util::fail_with(util::ExitCode::usage, "unknown environment \"{}\" in {}{}", options.environment,
                           project.file.string(), hint.empty() ? "" : fmt::format(" (did you mean \"{}\"?)", hint));
  }
  s.environment = &env->second;
  targets::TargetOptions to;
  to.kubeconfig = options.kubeconfig;
  to.kube_context = options.kube_context;
  to.force_delete = options.force_delete;
  PAVE_TRY_ASSIGN(s.target, targets::open_target(project, env->second, to));
  PAVE_TRY_ASSIGN(s.store, open_state_at(options.state_dir, project.dir, env->first, options.state_aws));
  return s;
}

util::Result<state::Lock> lock_state(EnvironmentSession& s, std::string_view operation,
                                     std::chrono::milliseconds timeout)
{
  PAVE_TRY_ASSIGN(auto lock, s.store->lock(state::make_lock_info(std::string(operation)), timeout));
  hold_lock_for_tests();
  return lock;
}

util::Result<state::State> read_or_new_state(EnvironmentSession& s)
{
  PAVE_TRY_ASSIGN(std::optional<state::State> st, s.store->read());
  if (st) {
    return std::move(*st);
  }
  return state::new_state(s.environment->name);
}

util::Result<plan::DesiredState> desired_state(EnvironmentSession& s)
{
  const auto start = std::chrono::steady_clock::now();
  PAVE_TRY_ASSIGN(plan::DesiredState d,
                  plan::render_environment(*s.project, *s.environment, s.target->scope(), s.target->lookup()));
  spdlog::info("rendered {} objects of {} app(s) in {} ms", d.objects.size(), d.apps.size(), ms_since(start));
  PAVE_TRY_ASSIGN(auto cloud_objects, cloud::desired_objects(*s.project, *s.environment));
  if (!cloud_objects.empty()) {
    for (auto& o : cloud_objects) {
      d.objects.push_back(std::move(o));
    }
    std::sort(d.objects.begin(), d.objects.end(),
              [](const plan::DesiredObject& a, const plan::DesiredObject& b) { return a.address < b.address; });
  }
  return d;
}

std::map<std::string, plan::RecordedObject> recorded_objects(const state::State& state)
{
  std::map<std::string, plan::RecordedObject> out;
  for (const auto& r : state.resources) {
    out[r.address] = {r.app, r.applied};
  }
  return out;
}

util::Result<plan::Plan> compute_plan(EnvironmentSession& s, const plan::DesiredState& desired,
                                      const state::State& state, const std::vector<std::string>& targets,
                                      bool server_dry_run)
{
  plan::PlanInputs in;
  in.environment = s.environment->name;
  in.desired = &desired;
  in.recorded = recorded_objects(state);
  in.redact = state::redact_secret;
  in.targets = targets;
  std::vector<plan::ObjectRef> refs;
  for (const auto& d : desired.objects) {
    refs.push_back(d.ref);
  }
  for (const auto& [address, rec] : in.recorded) {
    // desired.objects is sorted by address.
    if (auto ref = plan::parse_address(address);
        ref && !std::ranges::binary_search(desired.objects, address, {}, &plan::DesiredObject::address)) {
      refs.push_back(*ref);
    }
  }
  auto start = std::chrono::steady_clock::now();
  PAVE_TRY_ASSIGN(in.live, s.target->refresh(refs));
  spdlog::info("refreshed {} objects ({} live) from {} in {} ms", refs.size(), in.live.size(), s.target->describe(),
               ms_since(start));
  start = std::chrono::steady_clock::now();
  plan::Plan p = plan::make_plan(in);
  spdlog::info("compared {} objects in {} ms", p.changes.size(), ms_since(start));
  if (server_dry_run) {
    start = std::chrono::steady_clock::now();
    PAVE_TRY(refine_with_dry_run(*s.target, p, in.live));
    spdlog::info("server dry run of the changes in {} ms", ms_since(start));
  }
  p.target = s.target->describe();
  p.lineage = state.lineage;
  p.serial = state.serial;
  p.created = util::now_rfc3339();
  p.pave_version = PAVE_VERSION;
  return p;
}

} // namespace pave::actions
