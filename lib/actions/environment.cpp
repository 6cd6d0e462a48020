#include <pave/actions/environment.hpp>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <pave/plan/planner.hpp>
#include <pave/targets/open.hpp>
#include <pave/util/clock.hpp>
#include <pave/util/time.hpp>
#include <pave/util/strings.hpp>
#include <pave_build_info.hpp>

namespace pave::actions {

namespace {

long long ms_since(std::chrono::steady_clock::time_point start)
{
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
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
  PAVE_TRY_ASSIGN(s.target, targets::open_target(project, env->second, to));
  state::StoreConfig sc;
  sc.location = options.state_dir;
  sc.base_dir = project.dir;
  sc.environment = env->first;
  PAVE_TRY_ASSIGN(s.store, state::open_store(sc));
  return s;
}

util::Result<state::Lock> lock_state(EnvironmentSession& s, std::string_view operation,
                                     std::chrono::milliseconds timeout)
{
  return s.store->lock(state::make_lock_info(std::string(operation)), timeout);
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
  auto d = plan::render_environment(*s.project, *s.environment, s.target->scope(), s.target->lookup());
  if (d) {
    spdlog::info("rendered {} objects of {} app(s) in {} ms", d->objects.size(), d->apps.size(), ms_since(start));
  }
  return d;
}

std::map<std::string, plan::RecordedObject> recorded_objects(const state::State& state)
{
  std::map<std::string, plan::RecordedObject> out;
  for (const auto& r : state.resources) {
    out[r.address] = {r.app, r.applied, r.digest};
  }
  return out;
}

util::Result<plan::Plan> compute_plan(EnvironmentSession& s, const plan::DesiredState& desired,
                                      const state::State& state, const std::vector<std::string>& targets)
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
    if (auto ref = plan::parse_address(address); ref && !std::binary_search(
          desired.objects.begin(), desired.objects.end(), address,
          [](const auto& a, const auto& b) {
            if constexpr (std::is_same_v<std::decay_t<decltype(a)>, std::string>) {
              return a < b.address;
            } else {
              return a.address < b;
            }
          })) {
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
  p.target = s.target->describe();
  p.lineage = state.lineage;
  p.serial = state.serial;
  p.created = util::now_rfc3339();
  p.pave_version = PAVE_VERSION;
  return p;
}

} // namespace pave::actions
