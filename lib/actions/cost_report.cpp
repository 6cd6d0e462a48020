#include <pave/actions/cost_report.hpp>

#include <chrono>
#include <map>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <pave/actions/state.hpp>
#include <pave/cloud/aws/session.hpp>
#include <pave/cloud/desired.hpp>
#include <pave/cost/config.hpp>
#include <pave/cost/estimator.hpp>
#include <pave/cost/refresh.hpp>
#include <pave/plan/desired.hpp>
#include <pave/plan/object_ref.hpp>
#include <pave/plan/plan_file.hpp>
#include <pave/state/state_reader.hpp>
#include <pave/util/fs.hpp>
#include <pave/util/strings.hpp>

namespace pave::actions {

namespace {

namespace ce = cloud::aws::cost_explorer;
using nlohmann::json;

std::filesystem::path resolve(const project::Project& project, const std::string& path)
{
  const std::filesystem::path p(path);
  return p.is_absolute() ? p : project.dir / p;
}

const project::Environment* find_environment(const project::Project& project, const std::string& name,
                                             util::Error& error)
{
  const auto it = project.environments.find(name);
  if (it != project.environments.end()) {
    return &it->second;
  }
  std::vector<std::string> names;
  for (const auto& [n, e] : project.environments) {
    names.push_back(n);
  }
  error = util::Error{fmt::format("environment \"{}\" is not declared in {}", name, project.file.string()),
                      "its environments: " + util::join(names, ", ")};
  return nullptr;
}

std::string region_of(const cost::CostConfig& config, const project::Environment& env)
{
  if (!config.region.empty()) {
    return config.region;
  }
  return env.region.empty() ? "us-east-1" : env.region;
}

/// The recorded state of `env` (empty when there is none yet).
util::Result<state::State> recorded(const project::Project& project, const project::Environment& env,
                                    const CostReportOptions& o)
{
  StateOptions so;
  so.project_dir = project.dir;
  so.state_dir = o.state_dir;
  so.environment = env.name;
  so.aws = state_aws_options(project, env);
  PAVE_TRY_ASSIGN(StateSnapshot snap, state_read(so));
  if (!snap.state) {
    return state::new_state(env.name);
  }
  return std::move(*snap.state);
}

/// The resources of a state file, decoded record by record as the estimator
/// reads them: a large state is never built as a State.
class StateObjects final : public cost::ObjectSource
{
public:
  explicit StateObjects(const state::StateFile* file) : m_file(file) {}
  std::size_t size() const override { return m_file != nullptr ? m_file->resource_count() : 0; }
  util::Result<cost::Object> read(std::size_t i, simdjson::dom::parser& parser) const override
  {
    PAVE_TRY_ASSIGN(const state::ResourceView r, m_file->resource(i, parser));
    return cost::Object{r.address, r.app, r.applied};
  }
  /// A record of `kind` holds the word, unless a string is written with
  /// \u escapes (pave writes none for ASCII; a hand-edited file may).
  bool may_be_kind(std::size_t i, std::string_view kind) const override
  {
    const std::string_view text = m_file->resource_text(i);
    return text.find(kind) != std::string_view::npos || text.find("\\u") != std::string_view::npos;
  }
  /// From the record's address, "k8s:API_VERSION/KIND/NAMESPACE/NAME", when its
  /// apiVersion is the record's.
  std::optional<cost::ResourceType> type_of(std::size_t i) const override
  {
    const auto head = m_file->resource_head(i);
    if (!head) {
      return std::nullopt;
    }
    const auto parts = plan::split_address(head->first);
    if (!parts || parts->api_version != head->second) {
      return std::nullopt;
    }
    return cost::ResourceType{parts->api_version, parts->kind};
  }

private:
  const state::StateFile* m_file;
};

/// The recorded state file of `env` (nullopt when there is none yet).
util::Result<std::optional<state::StateFile>> recorded_file(const project::Project& project,
                                                            const project::Environment& env, const CostReportOptions& o)
{
  StateOptions so;
  so.project_dir = project.dir;
  so.state_dir = o.state_dir;
  so.environment = env.name;
  so.aws = state_aws_options(project, env);
  PAVE_TRY_ASSIGN(auto store, open_state(so));
  return store->read_file();
}

/// The plan's cost change: the state priced before and after its changes.
util::Result<cost::CostDiff> plan_diff(const project::Project& project, const CostReportOptions& o,
                                       const cost::Rates& rates, std::vector<std::string>& warnings,
                                       cost::Estimate& after_estimate)
{
  PAVE_TRY_ASSIGN(const plan::Plan p, plan::load_plan(resolve(project, o.plan_file)));
  util::Error error;
  const auto* env = find_environment(project, p.environment, error);
  if (env == nullptr) {
    error.message = "plan " + o.plan_file + ": " + error.message;
    return std::unexpected(error);
  }
  PAVE_TRY_ASSIGN(const state::State s, recorded(project, *env, o));
  const bool has_state = s.serial > 0 || !s.resources.empty();
  if (has_state && ((!p.lineage.empty() && p.lineage != s.lineage) || p.serial != s.serial)) {
    warnings.push_back(fmt::format("plan {} was made against state serial {}, the state is at serial {}: \"before\" "
                                   "is the state as it is now",
                                   o.plan_file, p.serial, s.serial));
  }
  // Before: what runs now, i.e. the recorded state plus objects the plan
  // found live and identical but not recorded (no-ops pave starts to track).
  std::map<std::string, cost::Resource> before;
  for (const auto& r : s.resources) {
    before[r.address] = {r.address, r.app, &r.applied};
  }
  for (const auto& c : p.changes) {
    if (c.action == plan::Action::noop && !c.desired.is_null() && !before.contains(c.address)) {
      before[c.address] = {c.address, c.app, &c.desired};
    }
  }
  std::map<std::string, cost::Resource> after = before;
  std::map<std::string, std::string> actions;
  for (const auto& c : p.changes) {
    actions[c.address] = std::string(plan::to_string(c.action));
    if (c.action == plan::Action::remove) {
      after.erase(c.address);
    } else if (!c.desired.is_null() && c.action != plan::Action::noop) {
      after[c.address] = {c.address, c.app, &c.desired};
    }
  }
  std::vector<cost::Resource> after_list;
  after_list.reserve(after.size());
  for (const auto& [a, r] : after) {
    after_list.push_back(r);
  }
  std::vector<cost::Resource> before_list;
  before_list.reserve(before.size());
  for (const auto& [a, r] : before) {
    before_list.push_back(r);
  }
  PAVE_TRY_ASSIGN(const cost::Estimate before_estimate, cost::estimate(before_list, rates, env->name));
  PAVE_TRY_ASSIGN(after_estimate, cost::estimate(after_list, rates, env->name));
  return cost::diff(before_estimate, after_estimate, actions);
}

util::Result<cost::Estimate> estimate_environment(const project::Project& project, const project::Environment& env,
                                                  const CostReportOptions& o, const cost::Rates& rates)
{
  if (o.source == "state") {
    const auto start = std::chrono::steady_clock::now();
    PAVE_TRY_ASSIGN(const auto file, recorded_file(project, env, o));
    const auto read = std::chrono::steady_clock::now();
    const StateObjects objects(file ? &*file : nullptr);
    auto e = cost::estimate(objects, rates, env.name);
    const auto priced = std::chrono::steady_clock::now();
    spdlog::info("cost-report: read the state of {} ({} resources) in {} ms, priced it in {} ms", env.name,
                 objects.size(), std::chrono::duration_cast<std::chrono::milliseconds>(read - start).count(),
                 std::chrono::duration_cast<std::chrono::milliseconds>(priced - read).count());
    return e;
  }
  PAVE_TRY_ASSIGN(plan::DesiredState d, plan::render_environment(project, env, plan::builtin_scope));
  PAVE_TRY_ASSIGN(auto cloud_objects, cloud::desired_objects(project, env));
  std::vector<cost::Resource> list;
  list.reserve(d.objects.size() + cloud_objects.size());
  for (const auto& obj : d.objects) {
    list.push_back({obj.address, obj.app, &obj.object});
  }
  for (const auto& obj : cloud_objects) {
    list.push_back({obj.address, obj.app, &obj.object});
  }
  return cost::estimate(list, rates, env.name);
}

/// First day of the month of `today` to `today`; the whole previous month on the 1st.
std::pair<std::string, std::string> default_period(const std::string& today)
{
  const int y = std::stoi(today.substr(0, 4));
  const int m = std::stoi(today.substr(5, 2));
  if (today.substr(8, 2) != "01") {
    return {fmt::format("{:04}-{:02}-01", y, m), today};
  }
  const int py = m == 1 ? y - 1 : y;
  const int pm = m == 1 ? 12 : m - 1;
  return {fmt::format("{:04}-{:02}-01", py, pm), today};
}

util::Result<cost::ActualSpend> actual_spend(const project::Environment& env, const CostReportOptions& o)
{
  ce::Request req;
  auto [start, end] = default_period(o.today);
  req.start = o.actual_start.empty() ? start : o.actual_start;
  req.end = o.actual_end.empty() ? end : o.actual_end;
  const auto g = ce::parse_granularity(o.granularity);
  if (!g) {
    return util::fail("--granularity: \"{}\" is not daily, monthly or hourly", o.granularity);
  }
  req.granularity = *g;
  req.metrics = {o.metric};
  PAVE_TRY_ASSIGN(req.group_by, cost::actual_group_by(o.actual_group_by));
  cloud::aws::SessionOptions so;
  so.region = env.region;
  so.profile = env.aws_profile;
  so.endpoint_url = env.endpoint_url;
  PAVE_TRY_ASSIGN(auto session, cloud::aws::open_session(so));
  PAVE_TRY_ASSIGN(const ce::Response resp, ce::get_cost_and_usage(*session.client, req));
  cost::ActualSpend a = cost::summarize(resp, o.metric, o.actual_group_by);
  a.start = req.start;
  a.end = req.end;
  a.granularity = std::string(ce::to_string(req.granularity));
  return a;
}

util::Result<std::string> refresh(const project::Project& project, const project::Environment& env,
                                  const std::filesystem::path& cache, const CostReportOptions& o)
{
  if (cache.empty()) {
    return util::fail("--refresh-prices: no cache location (set [cost] price_cache, XDG_CACHE_HOME or HOME)");
  }
  PAVE_TRY_ASSIGN(const cost::Catalog base, cost::load_catalog(cache));
  cloud::aws::SessionOptions so;
  so.region = "us-east-1"; // the Price List API's home region
  so.profile = env.aws_profile;
  so.endpoint_url = env.endpoint_url;
  PAVE_TRY_ASSIGN(auto session, cloud::aws::open_session(so));
  PAVE_TRY_ASSIGN(const cost::RefreshResult r, cost::refresh_catalog(*session.client, base, {}, o.today));
  PAVE_TRY(util::create_directories(cache.parent_path()));
  PAVE_TRY(util::write_file_atomic(cache, cost::catalog_to_json(r.catalog)));
  (void)project;
  return fmt::format("refreshed {} instance and {} volume prices ({} GetProducts requests) into {}", r.instance_prices,
                     r.volume_prices, r.requests, cache.string());
}

} // namespace

util::Result<CostReportResult> cost_report(const project::Project& project, const CostReportOptions& o)
{
  const std::string file = project.file.empty() ? "pave.toml" : project.file.filename().string();
  const auto raw = project.reserved.find("cost");
  PAVE_TRY_ASSIGN(const cost::CostConfig config,
                  cost::parse_cost_config(raw == project.reserved.end() ? json() : raw->second, file));
  for (const auto& [env, amount] : config.budgets) {
    if (!project.environments.contains(env)) {
      return util::fail("{}: [cost] budgets.{}: no environment \"{}\" in {}", file, env, env, file);
    }
  }
  PAVE_TRY(cost::check_group_by(o.group_by));
  CostReportResult out;
  cost::Report& report = out.report;
  report.group_by = o.group_by;

  // Which environments.
  std::vector<const project::Environment*> envs;
  util::Error error;
  for (const auto& name : o.environments) {
    const auto* env = find_environment(project, name, error);
    if (env == nullptr) {
      return std::unexpected(error);
    }
    envs.push_back(env);
  }
  if (envs.empty()) {
    for (const auto& [name, env] : project.environments) {
      envs.push_back(&env);
    }
  }
  if (envs.empty()) {
    return util::fail("{} declares no environments", file);
  }

  const std::string cache_setting = o.price_cache.empty() ? config.price_cache : o.price_cache;
  const std::filesystem::path cache = cache_setting.empty() ? cost::default_price_cache() : resolve(project, cache_setting);
  if (o.refresh_prices) {
    PAVE_TRY_ASSIGN(std::string note, refresh(project, *envs.front(), cache, o));
    out.notes.push_back(std::move(note));
  }
  PAVE_TRY_ASSIGN(const cost::Catalog catalog, cost::load_catalog(cache));
  report.catalog_source = catalog.source;
  report.catalog_date = catalog.effective_date;
  report.currency = catalog.currency;

  cost::Usage usage;
  const std::string usage_path = o.usage_file.empty() ? config.usage_file : o.usage_file;
  if (!usage_path.empty()) {
    PAVE_TRY_ASSIGN(const std::string text, util::read_file(resolve(project, usage_path)));
    PAVE_TRY_ASSIGN(usage, cost::parse_usage(text, usage_path));
  }

  const auto budget_of = [&](const std::string& env) -> std::optional<std::pair<double, std::string>> {
    if (o.budget) {
      return std::pair{*o.budget, std::string("--budget")};
    }
    const auto it = config.budgets.find(env);
    if (it != config.budgets.end()) {
      return std::pair{it->second, fmt::format("{} [cost.budgets]", file)};
    }
    return std::nullopt;
  };

  if (!o.plan_file.empty()) {
    report.source = "plan";
    PAVE_TRY_ASSIGN(const plan::Plan head, plan::load_plan(resolve(project, o.plan_file)));
    const auto* env = find_environment(project, head.environment, error);
    if (env == nullptr) {
      return std::unexpected(error);
    }
    envs = {env};
    report.region = region_of(config, *env);
    PAVE_TRY_ASSIGN(const cost::Rates rates, cost::make_rates(catalog, config, usage, report.region));
    cost::Estimate after;
    PAVE_TRY_ASSIGN(cost::CostDiff d, plan_diff(project, o, rates, report.warnings, after));
    report.groups = cost::group_totals({after}, o.group_by);
    for (const auto& w : after.warnings) {
      report.warnings.push_back(w);
    }
    if (const auto b = budget_of(env->name)) {
      report.budgets.push_back({env->name, "plan", b->second, b->first, d.after});
    }
    report.diff = std::move(d);
  } else {
    report.source = o.source;
    for (const auto* env : envs) {
      const std::string region = region_of(config, *env);
      report.region = report.region.empty() ? region : report.region;
      PAVE_TRY_ASSIGN(const cost::Rates rates, cost::make_rates(catalog, config, usage, region));
      auto e = estimate_environment(project, *env, o, rates);
      if (!e) {
        e.error().message = "environment " + env->name + ": " + e.error().message;
        return std::unexpected(e.error());
      }
      for (const auto& w : e->warnings) {
        report.warnings.push_back(env->name + ": " + w);
      }
      if (const auto b = budget_of(env->name)) {
        report.budgets.push_back({env->name, "estimate", b->second, b->first, e->monthly});
      }
      report.estimates.push_back(std::move(*e));
    }
    report.groups = cost::group_totals(report.estimates, o.group_by);
  }
  if (o.actual) {
    PAVE_TRY_ASSIGN(cost::ActualSpend a, actual_spend(*envs.front(), o));
    report.actual = std::move(a);
  }
  for (const auto& b : report.budgets) {
    if (b.exceeded()) {
      out.exceeded = b;
      break;
    }
  }
  spdlog::info("cost-report: {} environment(s), catalog of {}", envs.size(), catalog.effective_date);
  return out;
}

} // namespace pave::actions
