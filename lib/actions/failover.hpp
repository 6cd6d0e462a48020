#pragma once
/// `pave failover`, `pave failback`, `pave failover drill` and
/// `pave failover status`: the actions over lib/failover. See docs/failover.md.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <pave/actions/environment.hpp>
#include <pave/failover/config.hpp>
#include <pave/failover/health.hpp>
#include <pave/failover/history.hpp>
#include <pave/failover/journal.hpp>
#include <pave/failover/standby.hpp>

namespace pave::actions {

struct FailoverOptions
{
  EnvironmentOptions env;
  std::string operation = "failover"; ///< "failover", "failback" or "drill"
  std::string to = "secondary";       ///< the site that takes over (drill: the standby)
  bool force = false;                 ///< skip the "primary is unhealthy" confirmation
  bool dry_run = false;               ///< print the steps and requests, change nothing
  bool resume = false;                ///< continue the interrupted run of the journal
  int stop_after = 0;                 ///< pause after this step (journal kept for --resume)
  /// Live progress, one line at a time (stderr).
  std::function<void(const std::string&)> progress;
};

/// One step as --dry-run prints it.
struct PlannedStep
{
  int number = 0;
  std::string name;
  std::vector<std::string> requests; ///< "PATCH URL\nBODY"
  std::string note;
};

struct FailoverResult
{
  std::string operation, from, to, record, provider;
  bool dry_run = false;
  bool nothing_to_do = false; ///< `to` was already active
  bool stopped = false;       ///< --stop-after: journal kept
  bool rehearsal = false;     ///< drill without a drill record: read-only
  std::vector<failover::StepRecord> steps;
  std::vector<bool> resumed;  ///< per step: completed by an earlier run
  std::vector<PlannedStep> plan;
  long long rto_ms = 0;
  std::optional<long long> rto_target_ms;
  std::string run_id;
};

util::Result<FailoverResult> run_failover(const project::Project& project, const FailoverOptions& options);

struct SiteStatus
{
  std::string name, role; ///< role: "active" or "standby"
  std::string dns_target;
  failover::SiteHealth health;
  std::optional<failover::Readiness> readiness;
  std::string readiness_error;
};

struct FailoverStatus
{
  std::string record, type, provider;
  std::string active;
  std::vector<SiteStatus> sites;
  std::vector<std::string> provider_answer;
  std::string provider_error;
  std::string nameserver;
  std::vector<std::string> dns_answer; ///< from the real query
  std::string dns_error;
  std::string backup; ///< "newest 2h ago (RPO 1h)" / "not available"
  std::optional<long long> backup_age_ms;
  std::optional<long long> rpo_ms, rto_ms_target;
  std::optional<failover::Event> last_drill, last_failover;
  bool interrupted = false; ///< a journal is waiting for --resume
  std::vector<std::string> out_of_bounds; ///< empty: everything within bounds
};

util::Result<FailoverStatus> failover_status(const project::Project& project, const EnvironmentOptions& env);

/// Where the journal and the audit log of `environment` live (<project>/.pave/failover/).
std::filesystem::path failover_journal_path(const project::Project& project, const std::string& environment);
std::filesystem::path failover_audit_path(const project::Project& project, const std::string& environment);

} // namespace pave::actions
