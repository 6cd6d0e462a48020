// `pave failover status`: health, DNS, standby readiness, backups and drills against their bounds.
#include <pave/actions/failover.hpp>

#include <fmt/format.h>

#include <pave/actions/failover_backups.hpp>
#include <pave/failover/dns_provider.hpp>
#include <pave/failover/dns_query.hpp>
#include <pave/http/curl_client.hpp>
#include <pave/util/clock.hpp>
#include <pave/util/strings.hpp>
#include <pave/util/time.hpp>

namespace pave::actions {

namespace fo = failover;

namespace {

bool answers(const std::vector<std::string>& values, const std::string& want)
{
  return values.size() == 1 && fo::fqdn(values[0]) == fo::fqdn(want);
}

long long age_ms(std::chrono::system_clock::time_point t)
{
  return std::chrono::duration_cast<std::chrono::milliseconds>(util::system_clock().now() - t).count();
}

} // namespace

util::Result<FailoverStatus> failover_status(const project::Project& project, const EnvironmentOptions& env)
{
  PAVE_TRY_ASSIGN(const fo::Config config, fo::load_config(project, env.environment));
  PAVE_TRY_ASSIGN(EnvironmentSession session, open_environment(project, env));
  PAVE_TRY_ASSIGN(state::State st, read_or_new_state(session));
  PAVE_TRY_ASSIGN(const fo::History history, fo::read_history(st));
  http::CurlOptions co;
  co.connect_timeout = std::chrono::seconds(3);
  PAVE_TRY_ASSIGN(auto http, http::CurlHttpClient::create(co));

  FailoverStatus s;
  s.record = config.dns.record;
  s.type = config.dns.type;
  s.active = history.active;
  if (config.rpo) {
    s.rpo_ms = config.rpo->count();
  }
  if (config.rto) {
    s.rto_ms_target = config.rto->count();
  }
  for (const fo::Site* site : {&config.primary, &config.secondary}) {
    SiteStatus ss;
    ss.name = site->name;
    ss.role = site->name == history.active ? "active" : "standby";
    ss.dns_target = site->dns_target;
    ss.health = fo::check_site(*http, util::system_clock(), *site);
    if (!site->deployments.empty() || site->has_asg()) {
      fo::SiteControl control(*site, config.dns);
      auto r = control.readiness();
      if (r) {
        ss.readiness = std::move(*r);
        if (ss.readiness->missing()) {
          s.out_of_bounds.push_back(fmt::format("{}: {}", site->name, ss.readiness->summary()));
        } else if (ss.role == "active" && !ss.readiness->ready_for_takeover(*site)) {
          s.out_of_bounds.push_back(fmt::format("{} (active) not at capacity: {}", site->name,
                                                ss.readiness->summary()));
        }
      } else {
        ss.readiness_error = r.error().message;
        s.out_of_bounds.push_back(ss.readiness_error);
      }
    }
    if (ss.role == "active" && !ss.health.healthy) {
      s.out_of_bounds.push_back(fmt::format("{} (active) is {}", site->name, ss.health.summary()));
    }
    if (ss.role == "standby" && !ss.health.healthy) {
      s.out_of_bounds.push_back(fmt::format("{} (standby) is {}", site->name, ss.health.summary()));
    }
    s.sites.push_back(std::move(ss));
  }
  const std::string want = config.site(history.active).dns_target;
  auto dns = fo::open_provider(config.dns);
  if (!dns) {
    s.provider_error = dns.error().message;
  } else {
    s.provider = (*dns)->describe();
    auto a = (*dns)->answer(config.dns.record);
    if (!a) {
      s.provider_error = a.error().message;
    } else {
      s.provider_answer = *a;
      if (!answers(*a, want)) {
        s.out_of_bounds.push_back(fmt::format("the DNS provider answers {} for {}, not the active site's {}",
                                              a->empty() ? "nothing" : util::join(*a, ","), config.dns.record, want));
      }
    }
  }
  if (!s.provider_error.empty()) {
    s.out_of_bounds.push_back(s.provider_error);
  }
  s.nameserver = config.dns.nameserver;
  if (!config.dns.nameserver.empty()) {
    auto q = fo::query_dns(config.dns.nameserver, config.dns.record, config.dns.type);
    if (!q) {
      s.dns_error = q.error().message;
      s.out_of_bounds.push_back(s.dns_error);
    } else {
      s.dns_answer = q->values;
      if (!answers(q->values, want)) {
        s.out_of_bounds.push_back(fmt::format("{} answers {} for {}, not the active site's {}", config.dns.nameserver,
                                              q->values.empty() ? q->rcode : util::join(q->values, ","),
                                              config.dns.record, want));
      }
    }
  }
  auto backups = open_failover_backups(project, env.environment);
  if (!backups) {
    s.backup = "error: " + backups.error().message;
    s.out_of_bounds.push_back("backups: " + backups.error().message);
  } else if (auto& catalog = *backups) {
    auto latest = catalog->latest();
    if (!latest) {
      s.backup = "error: " + latest.error().message;
      s.out_of_bounds.push_back("backups: " + latest.error().message);
    } else if (!*latest) {
      s.backup = "no backup";
      if (config.rpo) {
        s.out_of_bounds.push_back("no backup exists (RPO " + util::format_duration(*config.rpo) + ")");
      }
    } else {
      s.backup_age_ms = age_ms((*latest)->created);
      s.backup = fmt::format("{} taken {} ago", (*latest)->id,
                             util::format_duration(std::chrono::milliseconds(*s.backup_age_ms)));
      if (config.rpo && *s.backup_age_ms > config.rpo->count()) {
        s.out_of_bounds.push_back(fmt::format("the newest backup is {} old, beyond the RPO of {}",
                                              util::format_duration(std::chrono::milliseconds(*s.backup_age_ms)),
                                              util::format_duration(*config.rpo)));
      }
    }
  } else {
    s.backup = "not configured (no [backup] destination)";
  }
  if (const auto* d = history.last("drill")) {
    s.last_drill = *d;
    if (!d->within_rto()) {
      s.out_of_bounds.push_back(fmt::format("the last drill took {} ms, beyond the RTO of {}", d->rto_ms,
                                            util::format_duration(*config.rto)));
    }
    const auto when = util::parse_rfc3339(d->finished);
    if (config.drill_interval && when && age_ms(*when) > config.drill_interval->count()) {
      s.out_of_bounds.push_back(fmt::format("the last drill is older than drill_interval {}",
                                            util::format_duration(*config.drill_interval)));
    }
  } else if (config.drill_interval) {
    s.out_of_bounds.push_back("no drill was ever run (drill_interval " + util::format_duration(*config.drill_interval) +
                              ")");
  }
  for (auto it = history.events.rbegin(); it != history.events.rend(); ++it) {
    if (it->operation != "drill") {
      s.last_failover = *it;
      break;
    }
  }
  PAVE_TRY_ASSIGN(auto pending, fo::read_journal(failover_journal_path(project, session.environment->name)));
  if (pending) {
    s.interrupted = true;
    s.out_of_bounds.push_back(fmt::format("an interrupted {} ({} of 6 steps done) waits for --resume",
                                          pending->operation, pending->steps.size()));
  }
  return s;
}

} // namespace pave::actions
