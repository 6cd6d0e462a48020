// The failover runbook: six idempotent steps over lib/failover.
#include <pave/actions/failover.hpp>

#include <fmt/format.h>

#include <pave/codec/json_integer.hpp>
#include <pave/failover/audit.hpp>
#include <pave/actions/failover_backups.hpp>
#include <pave/failover/dns_provider.hpp>
#include <pave/failover/dns_query.hpp>
#include <pave/failover/route53_dns.hpp>
#include <pave/failover/runbook.hpp>
#include <pave/http/curl_client.hpp>
#include <pave/util/clock.hpp>
#include <pave/util/random.hpp>
#include <pave/util/strings.hpp>
#include <pave/util/time.hpp>

namespace pave::actions {

namespace fo = failover;

std::filesystem::path failover_journal_path(const project::Project& project, const std::string& environment)
{
  return project.dir / ".pave" / "failover" / (environment + ".journal.json");
}

std::filesystem::path failover_audit_path(const project::Project& project, const std::string& environment)
{
  return project.dir / ".pave" / "failover" / (environment + ".audit.jsonl");
}

namespace {

std::string seconds(long long ms)
{
  return fmt::format("{:.2f} s", static_cast<double>(ms) / 1000.0);
}

long long epoch_ms(std::chrono::system_clock::time_point t)
{
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

/// Everything the steps share during one run.
struct Run
{
  const project::Project& project;
  const FailoverOptions& options;
  const fo::Config& config;
  EnvironmentSession& session;
  fo::DnsProvider& dns;
  http::HttpClient& http;
  std::string from, to, record;
  bool rehearsal = false;
};

util::Result<fo::StepOutcome> step_confirm(Run& r)
{
  PAVE_TRY(r.dns.check_access());
  fo::StepOutcome out;
  const auto& from = r.config.site(r.from);
  const auto& to = r.config.site(r.to);
  if (r.options.operation == "drill") {
    const fo::SiteHealth h = fo::check_site(r.http, util::system_clock(), from);
    out.detail = fmt::format("{} {}; {} reachable", r.from, h.summary(), r.dns.describe());
    return out;
  }
  if (r.options.force) {
    out.status = "skipped";
    out.detail = fmt::format("--force: {} health not checked; {} reachable", r.from, r.dns.describe());
    return out;
  }
  if (r.options.operation == "failback") {
    const fo::SiteHealth h = fo::check_site(r.http, util::system_clock(), to);
    if (!h.healthy) {
      return util::fail("{} is not healthy, refusing to fail back to it: {} (use --force to override)", r.to,
                        h.summary());
    }
    out.detail = fmt::format("{} is healthy again", r.to);
    return out;
  }
  const fo::SiteHealth h = fo::check_site(r.http, util::system_clock(), from);
  if (h.healthy) {
    return util::fail("{} is healthy ({}), refusing to fail over (use --force to fail over anyway)", r.from,
                      fmt::format("{}: {}", h.endpoints.front().url, h.endpoints.front().last));
  }
  int probes = 0;
  int failed = 0;
  for (const auto& e : h.endpoints) {
    probes += e.probes;
    failed += e.failed;
  }
  out.detail = fmt::format("{} of {} probes failed: {}", failed, probes, h.summary());
  return out;
}

util::Result<fo::StepOutcome> step_scale(Run& r)
{
  const auto& site = r.config.site(r.to);
  fo::SiteControl control(site, r.config.dns);
  fo::StepOutcome out;
  if (site.deployments.empty() && !site.has_asg()) {
    out.status = "skipped";
    out.detail = fmt::format("{} declares no deployments or Auto Scaling group", r.to);
    return out;
  }
  if (r.rehearsal) {
    PAVE_TRY_ASSIGN(const fo::Readiness now, control.readiness());
    if (now.missing()) {
      return util::fail("{} site cannot take over: {}", r.to, now.summary());
    }
    out.detail = fmt::format("rehearsal: {} now {}; a failover would scale it to {}", r.to, now.summary(),
                             site.replicas);
    return out;
  }
  PAVE_TRY_ASSIGN(const auto changes, control.scale_up());
  PAVE_TRY_ASSIGN(const fo::Readiness ready, control.wait_ready(r.config.ready_timeout));
  out.detail = (changes.empty() ? std::string("already scaled") : util::join(changes, "; ")) + "; " + ready.summary();
  out.data["changes"] = changes;
  return out;
}

util::Result<fo::StepOutcome> step_restore(Run& r)
{
  fo::StepOutcome out;
  if (!r.config.restore_backup) {
    out.status = "skipped";
    out.detail = "restore_backup is false in [failover]";
    return out;
  }
  if (r.rehearsal) {
    out.status = "skipped";
    out.detail = "rehearsal: no restore";
    return out;
  }
  PAVE_TRY_ASSIGN(auto catalog, open_failover_backups(r.project, r.options.env.environment));
  if (!catalog) {
    return util::fail("restore_backup is true, but [backup] sets no destination");
  }
  PAVE_TRY_ASSIGN(out.detail, catalog->restore_latest(r.config.site(r.to)));
  return out;
}

util::Result<fo::StepOutcome> step_switch(Run& r)
{
  const std::string active = r.config.site(r.to).dns_target;
  const std::string standby = r.config.site(r.from).dns_target;
  if (auto* r53 = dynamic_cast<fo::Route53Dns*>(&r.dns)) {
    r53->set_active_site(r.to);
    PAVE_TRY(r53->adopt_identifiers(r.record, r.config.primary.dns_target, r.config.secondary.dns_target));
  }
  const fo::DnsRequest req = r.dns.switch_request(r.record, active, standby);
  fo::StepOutcome out;
  if (r.rehearsal) {
    out.detail = fmt::format("rehearsal: would send {} {} ({})", req.method, req.url, req.summary);
    return out;
  }
  PAVE_TRY_ASSIGN(const std::string change, r.dns.apply(req));
  PAVE_TRY(r.dns.wait(change, r.config.dns.propagation_timeout));
  out.detail = change.empty() ? req.summary : fmt::format("{} (change {} INSYNC)", req.summary, change);
  out.data["change_id"] = change;
  out.data["request"] = {{"method", req.method}, {"url", req.url}, {"body", req.body}};
  return out;
}

bool same(const std::vector<std::string>& values, const std::string& want)
{
  return values.size() == 1 && (values[0] == want || fo::fqdn(values[0]) == fo::fqdn(want));
}

util::Result<fo::StepOutcome> step_verify(Run& r)
{
  fo::StepOutcome out;
  const auto& site = r.config.site(r.rehearsal ? r.from : r.to);
  const std::string want = site.dns_target;
  auto& clock = util::system_clock();
  const auto deadline = clock.now() + r.config.dns.propagation_timeout;
  std::string last;
  for (;;) {
    PAVE_TRY_ASSIGN(const auto api, r.dns.answer(r.record));
    bool ok = same(api, want);
    last = fmt::format("API answers {}", api.empty() ? "nothing" : util::join(api, ","));
    if (ok && !r.config.dns.nameserver.empty()) {
      PAVE_TRY_ASSIGN(const auto q, fo::query_dns(r.config.dns.nameserver, r.record, r.config.dns.type));
      ok = same(q.values, want);
      last += fmt::format(", {} answers {} ({})", r.config.dns.nameserver,
                          q.values.empty() ? "nothing" : util::join(q.values, ","), q.rcode);
    }
    if (ok) {
      break;
    }
    if (clock.now() >= deadline) {
      return util::fail("DNS does not answer {} for {} after {}: {}", want, r.record,
                        util::format_duration(r.config.dns.propagation_timeout), last);
    }
    clock.sleep_for(std::chrono::milliseconds(500));
  }
  const fo::SiteHealth h = fo::wait_healthy(r.http, clock, site, r.config.ready_timeout);
  if (!h.healthy) {
    return util::fail("DNS answers {}, but {} is not healthy: {}", want, site.name, h.summary());
  }
  out.detail = fmt::format("{}; {} healthy", last, site.name);
  out.data["verified_at_ms"] = epoch_ms(clock.now());
  return out;
}

util::Result<fo::StepOutcome> step_record(Run& r, const fo::Journal& j, long long& rto_ms)
{
  long long verified = epoch_ms(util::system_clock().now());
  if (j.steps.size() >= 5) {
    verified = j.steps[4].data.value("verified_at_ms", verified);
  }
  rto_ms = verified - j.started_ms;
  PAVE_TRY_ASSIGN(state::State st, read_or_new_state(r.session));
  PAVE_TRY_ASSIGN(fo::History h, fo::read_history(st));
  fo::StepOutcome out;
  if (!h.has(j.id)) {
    fo::Event e;
    e.id = j.id;
    e.operation = r.options.operation;
    e.from = r.from;
    e.to = r.to;
    e.started = j.started;
    e.finished = util::now_rfc3339();
    e.rto_ms = rto_ms;
    if (r.config.rto) {
      e.rto_target_ms = r.config.rto->count();
    }
    e.forced = r.options.force;
    e.dry_run = r.rehearsal;
    e.record = r.record;
    for (const auto& s : j.steps) {
      e.steps.push_back({{"number", s.number}, {"name", s.name}, {"status", s.status}, {"duration_ms", s.duration_ms}});
    }
    if (r.options.operation != "drill") {
      h.active = r.to;
    }
    h.events.push_back(std::move(e));
    fo::write_history(st, std::move(h));
    PAVE_TRY(r.session.store->write(st));
  }
  out.detail = fmt::format("RTO {} recorded in the state of {} (serial {})", seconds(rto_ms),
                           r.session.environment->name, st.serial);
  out.data["rto_ms"] = rto_ms;
  return out;
}

std::vector<PlannedStep> dry_run_plan(Run& r)
{
  std::vector<PlannedStep> plan;
  const auto& from = r.config.site(r.from);
  const auto& to = r.config.site(r.to);
  PlannedStep s1{1, "", {}, ""};
  const auto& checked = r.options.operation == "failback" ? to : from;
  s1.name = r.options.operation == "failback" ? fmt::format("confirm {} is healthy", r.to)
                                             : fmt::format("confirm {} is unhealthy", r.from);
  for (const auto& e : checked.health) {
    s1.requests.push_back(fmt::format("GET {} (want {}{}; {} probes {} apart)", e.url, e.expect_status,
                                      e.expect_body.empty() ? "" : fmt::format(", body containing \"{}\"", e.expect_body),
                                      e.failures, util::format_duration(e.interval)));
  }
  s1.note = r.options.force ? "--force: skipped" : r.dns.describe() + " access checked";
  plan.push_back(std::move(s1));
  PlannedStep s2{2, fmt::format("scale {} up and wait until ready", r.to), {}, ""};
  fo::SiteControl control(to, r.config.dns);
  for (const auto& q : control.scale_requests()) {
    s2.requests.push_back(fmt::format("{} {}\n{}", q.method, q.target, q.body));
  }
  plan.push_back(std::move(s2));
  plan.push_back({3, fmt::format("restore the latest backup to {}", r.to), {},
                  r.config.restore_backup ? "restore the newest backup" : "skipped: restore_backup is false"});
  if (auto* r53 = dynamic_cast<fo::Route53Dns*>(&r.dns)) {
    r53->set_active_site(r.to); // identifiers adopted by the caller
  }
  const auto req = r.dns.switch_request(r.record, to.dns_target, from.dns_target);
  plan.push_back({4, fmt::format("switch DNS {} to {}", r.record, r.to),
                  {fmt::format("{} {}\n{}", req.method, req.url, req.body)},
                  r.config.dns.provider == fo::Provider::route53 ? "then GetChange until INSYNC" : ""});
  PlannedStep s5{5, fmt::format("verify DNS answers {} and {} is healthy", to.dns_target, r.to), {}, ""};
  if (!r.config.dns.nameserver.empty()) {
    s5.requests.push_back(fmt::format("DNS query @{} {} {}", r.config.dns.nameserver, r.record, r.config.dns.type));
  }
  for (const auto& e : to.health) {
    s5.requests.push_back("GET " + e.url);
  }
  plan.push_back(std::move(s5));
  plan.push_back({6, "record the event and the RTO", {}, "state of " + r.session.environment->name + " and the audit log"});
  return plan;
}

} // namespace

util::Result<FailoverResult> run_failover(const project::Project& project, const FailoverOptions& options)
{
  PAVE_TRY_ASSIGN(const fo::Config config, fo::load_config(project, options.env.environment));
  if (options.to != "primary" && options.to != "secondary") {
    return util::fail_with(util::ExitCode::usage, "--to must be primary or secondary (got \"{}\")", options.to);
  }
  if (config.restore_backup) { // checked before anything changes
    const fo::Site& target_site = config.site(options.to);
    if (target_site.environment.empty()) {
      return util::fail("[failover] restore_backup = true needs [failover.{}] environment: the pave environment "
                        "that targets {} (where the newest backup is restored)",
                        options.to, options.to);
    }
    if (target_site.environment == options.env.environment) {
      return util::fail("[failover.{}] environment must not be {} itself (the environment failing over)", options.to,
                        options.env.environment);
    }
    if (!project.environments.contains(target_site.environment)) {
      return util::fail("[failover.{}] environment: no environment \"{}\" in {}", options.to,
                        target_site.environment, project.file.string());
    }
    PAVE_TRY_ASSIGN(auto catalog, open_failover_backups(project, options.env.environment));
    if (!catalog) {
      return util::fail("[failover] restore_backup = true, but [backup] sets no destination");
    }
  }
  PAVE_TRY_ASSIGN(EnvironmentSession session, open_environment(project, options.env));
  PAVE_TRY_ASSIGN(auto dns, fo::open_provider(config.dns));
  http::CurlOptions co;
  co.connect_timeout = std::chrono::seconds(3);
  PAVE_TRY_ASSIGN(auto http, http::CurlHttpClient::create(co));

  FailoverResult result;
  result.operation = options.operation;
  result.dry_run = options.dry_run;
  result.provider = dns->describe();
  if (config.rto) {
    result.rto_target_ms = config.rto->count();
  }
  const bool drill = options.operation == "drill";
  const bool rehearsal = drill && config.drill_record.empty();
  result.rehearsal = rehearsal;
  const std::string record = drill && !rehearsal ? config.drill_record : config.dns.record;
  result.record = record;
  const auto journal_path = failover_journal_path(project, session.environment->name);
  const auto audit_path = failover_audit_path(project, session.environment->name);

  std::optional<state::Lock> lock;
  if (!options.dry_run) {
    PAVE_TRY_ASSIGN(lock, lock_state(session, options.operation == "drill" ? "failover drill" : options.operation,
                                     options.env.lock_timeout));
  }
  PAVE_TRY_ASSIGN(state::State st, read_or_new_state(session));
  PAVE_TRY_ASSIGN(const fo::History history, fo::read_history(st));
  PAVE_TRY_ASSIGN(std::optional<fo::Journal> pending, fo::read_journal(journal_path));

  fo::Journal j;
  if (pending && !options.dry_run) {
    if (!options.resume) {
      util::Error e{fmt::format("an interrupted {} of {} ({} -> {}, started {}) completed {} of 6 steps",
                                pending->operation, pending->environment, pending->from, pending->to,
                                pending->started, pending->steps.size())};
      e.detail = fmt::format("continue it with `pave {} --resume`, or remove {} to abandon it",
                             pending->operation == "failback" ? "failback"
                             : pending->operation == "drill"  ? "failover drill"
                                                              : "failover --to " + pending->to,
                             journal_path.string());
      return std::unexpected(std::move(e));
    }
    if (pending->operation != options.operation) {
      return util::fail("the interrupted run is a {}, not a {}: resume it with the same command", pending->operation,
                        options.operation);
    }
    j = *pending;
  } else if (options.resume && !options.dry_run) {
    return util::fail("nothing to resume: no interrupted failover of {} ({} does not exist)", session.environment->name,
                      journal_path.string());
  } else {
    j.id = util::uuid_v4();
    j.operation = options.operation;
    j.environment = session.environment->name;
    j.from = drill ? history.active : fo::other_site(options.to);
    j.to = drill ? fo::other_site(history.active) : options.to;
    j.forced = options.force;
    if (!drill && history.active == options.to) {
      result.from = j.from;
      result.to = j.to;
      result.nothing_to_do = true;
      return result;
    }
  }
  result.from = j.from;
  result.to = j.to;
  result.run_id = j.id;
  FailoverOptions effective = options;
  effective.force = j.forced || options.force;
  Run run{project, effective, config, session, *dns, *http, j.from, j.to, record, rehearsal};

  if (options.dry_run) {
    PAVE_TRY(dns->check_access());
    if (auto* r53 = dynamic_cast<fo::Route53Dns*>(dns.get())) {
      PAVE_TRY(r53->adopt_identifiers(record, config.primary.dns_target, config.secondary.dns_target));
    }
    result.plan = dry_run_plan(run);
    return result;
  }
  if (j.started.empty()) {
    const auto now = util::system_clock().now();
    j.started = util::rfc3339_utc(now);
    j.started_ms = epoch_ms(now);
    PAVE_TRY(fo::write_journal(journal_path, j));
    PAVE_TRY(fo::append_audit(audit_path, {{"run", j.id},
                                           {"operation", j.operation},
                                           {"event", "start"},
                                           {"from", j.from},
                                           {"to", j.to},
                                           {"record", record},
                                           {"forced", j.forced},
                                           {"environment", j.environment}}));
  } else {
    PAVE_TRY(fo::append_audit(audit_path, {{"run", j.id}, {"operation", j.operation}, {"event", "resume"},
                                           {"next_step", j.next_step()}}));
  }

  long long rto_ms = 0;
  const std::string health_word = j.operation == "failback" ? "healthy" : "unhealthy";
  const std::string confirm_site = j.operation == "failback" ? j.to : j.from;
  std::vector<fo::Step> steps = {
    {drill ? fmt::format("check {} and the DNS provider", j.from)
           : fmt::format("confirm {} is {}", confirm_site, health_word),
     [&](const fo::Journal&) { return step_confirm(run); }},
    {fmt::format("scale {} up and wait until ready", j.to), [&](const fo::Journal&) { return step_scale(run); }},
    {fmt::format("restore the latest backup to {}", j.to), [&](const fo::Journal&) { return step_restore(run); }},
    {fmt::format("switch DNS {} to {}", record, j.to), [&](const fo::Journal&) { return step_switch(run); }},
    {fmt::format("verify DNS and {} health", rehearsal ? j.from : j.to),
     [&](const fo::Journal&) { return step_verify(run); }},
    {"record the event and the RTO", [&](const fo::Journal& jj) { return step_record(run, jj, rto_ms); }},
  };
  fo::RunbookHooks hooks;
  hooks.on_start = [&](int n, int total, const std::string& name) {
    if (options.progress) {
      options.progress(fmt::format("[{}/{}] {} ...", n, total, name));
    }
  };
  hooks.on_done = [&](const fo::StepRecord& s, int total, bool resumed) {
    result.steps.push_back(s);
    result.resumed.push_back(resumed);
    if (options.progress) {
      options.progress(resumed ? fmt::format("[{}/{}] {}: {} earlier ({}), not repeated", s.number, total, s.name,
                                             s.status, seconds(s.duration_ms))
                               : fmt::format("[{}/{}] {}: {} in {}: {}", s.number, total, s.name, s.status,
                                             seconds(s.duration_ms), s.detail));
    }
  };
  fo::RunbookOptions ro;
  ro.journal_path = journal_path;
  ro.audit_path = audit_path;
  ro.stop_after = options.stop_after;
  auto ran = fo::run_steps(j, steps, ro, hooks);
  if (!ran) {
    if (j.steps.empty()) {
      // Nothing was changed: no run to resume.
      (void)fo::remove_journal(journal_path);
      (void)fo::append_audit(audit_path, {{"run", j.id}, {"operation", j.operation}, {"event", "aborted"}});
    } else {
      ran.error().detail = fmt::format("{} of 6 steps completed; fix the cause and continue with --resume",
                                       j.steps.size());
    }
    return std::unexpected(ran.error());
  }
  const fo::RunbookEnd end = *ran;
  if (end == fo::RunbookEnd::stopped) {
    result.stopped = true;
    PAVE_TRY(fo::append_audit(audit_path, {{"run", j.id}, {"operation", j.operation}, {"event", "paused"},
                                           {"after_step", j.steps.size()}}));
    return result;
  }
  if (rto_ms == 0 && !j.steps.empty()) {
    rto_ms = codec::json_integer(j.steps.back().data.value("rto_ms", nlohmann::json())).value_or(0);
  }
  result.rto_ms = rto_ms;
  PAVE_TRY(fo::append_audit(audit_path, {{"run", j.id},
                                         {"operation", j.operation},
                                         {"event", "completed"},
                                         {"from", j.from},
                                         {"to", j.to},
                                         {"rto_ms", rto_ms},
                                         {"rto_target_ms", config.rto ? nlohmann::json(config.rto->count())
                                                                      : nlohmann::json(nullptr)}}));
  PAVE_TRY(fo::remove_journal(journal_path));
  return result;
}

} // namespace pave::actions
