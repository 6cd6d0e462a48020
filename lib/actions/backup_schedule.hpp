#pragma once
/// `pave backup schedule`: prints a ready-to-apply Kubernetes CronJob (with
/// its ServiceAccount-free, Secret-based configuration) or a GitHub Actions
/// workflow that runs `pave backup create`, then `prune` and `list` (the
/// RPO check) on a cron schedule.
#include <string>

#include <pave/project/project.hpp>
#include <pave/util/expected.hpp>

namespace pave::actions {

struct BackupScheduleOptions
{
  std::string environment;      ///< required
  std::string format = "cronjob"; ///< "cronjob" or "github"
  std::string schedule;         ///< cron expression; default [backup] schedule ("0 2 * * *")
  std::string image;            ///< container image; default ghcr.io/pave-dev/pave:VERSION
  std::string namespace_ = "pave-system";
};

/// The manifest or workflow text. Errors: unknown environment or format, a
/// schedule that is not five cron fields.
util::Result<std::string> backup_schedule(const project::Project& project, const BackupScheduleOptions& options);

} // namespace pave::actions
