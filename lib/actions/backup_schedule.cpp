#include <pave/actions/backup_schedule.hpp>

#include <sstream>

#include <fmt/format.h>

#include <pave/backup/config.hpp>
#include <pave_build_info.hpp>

namespace pave::actions {

namespace {

bool valid_cron(const std::string& s)
{
  std::istringstream in(s);
  std::string field;
  int n = 0;
  while (in >> field) {
    ++n;
    for (const char c : field) {
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '*' || c == '/' || c == ',' || c == '-' || c == '?')) {
        return false;
      }
    }
  }
  return n == 5 || (n == 1 && s.starts_with('@'));
}

std::string commands(const std::string& env, bool prune, bool rpo, const std::string& project_flag)
{
  std::string c = fmt::format("pave backup create -e {}{}", env, project_flag);
  if (prune) {
    c += fmt::format(" && pave backup prune -e {}{}", env, project_flag);
  }
  if (rpo) {
    c += fmt::format(" && pave backup list -e {}{}", env, project_flag);
  }
  return c;
}

} // namespace

util::Result<std::string> backup_schedule(const project::Project& project, const BackupScheduleOptions& o)
{
  if (!project.environments.contains(o.environment)) {
    return util::fail("environment {} is not declared in pave.toml", o.environment);
  }
  PAVE_TRY_ASSIGN(const auto config, backup::parse_backup_config(project));
  const std::string schedule = o.schedule.empty() ? config.schedule : o.schedule;
  if (!valid_cron(schedule)) {
    return util::fail_with(util::ExitCode::usage, "--schedule \"{}\": expected five cron fields (\"0 2 * * *\")", schedule);
  }
  const std::string image = o.image.empty() ? std::string("ghcr.io/pave-dev/pave:") + PAVE_VERSION : o.image;
  const bool prune = !config.retention.empty();
  const bool rpo = config.rpo.has_value();
  const std::string& env = o.environment;
  if (o.format == "github") {
    return fmt::format(R"YAML(# .github/workflows/pave-backup-{env}.yml: `pave backup` on a schedule.
# Secrets: PAVE_BACKUP_KEY (64 hex digits: openssl rand -hex 32), KUBECONFIG_{ENV} (the
# kubeconfig of the cluster) and AWS credentials for the destination when it is on S3.
name: pave backup {env}
on:
  schedule:
    - cron: "{schedule}"
  workflow_dispatch: {{}}
concurrency:
  group: pave-backup-{env}
  cancel-in-progress: false
jobs:
  backup:
    runs-on: ubuntu-latest
    timeout-minutes: 60
    steps:
      - uses: actions/checkout@v4
      - name: Install pave
        run: |
          docker create --name pave {image}
          docker cp pave:/usr/local/bin/pave /usr/local/bin/pave
      - name: Back up
        env:
          PAVE_BACKUP_KEY: ${{{{ secrets.PAVE_BACKUP_KEY }}}}
          AWS_ACCESS_KEY_ID: ${{{{ secrets.AWS_ACCESS_KEY_ID }}}}
          AWS_SECRET_ACCESS_KEY: ${{{{ secrets.AWS_SECRET_ACCESS_KEY }}}}
          KUBECONFIG_DATA: ${{{{ secrets.KUBECONFIG_{ENV} }}}}
        run: |
          printf '%s' "$KUBECONFIG_DATA" > "$RUNNER_TEMP/kubeconfig"
          export KUBECONFIG="$RUNNER_TEMP/kubeconfig"
          {cmds}
)YAML",
                       fmt::arg("env", env), fmt::arg("ENV", [&] {
                         std::string u = env;
                         for (auto& ch : u) {
                           ch = ch == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
                         }
                         return u;
                       }()),
                       fmt::arg("schedule", schedule), fmt::arg("image", image),
                       fmt::arg("cmds", commands(env, prune, rpo, "")));
  }
  if (o.format != "cronjob") {
    return util::fail_with(util::ExitCode::usage, "--format {}: expected cronjob or github", o.format);
  }
  return fmt::format(R"YAML(# pave backup of environment {env} on a schedule. Before applying:
#   kubectl create namespace {ns}
#   kubectl -n {ns} create configmap pave-project --from-file=pave.toml   (plus charts/ and values/ if needed)
#   kubectl -n {ns} create secret generic pave-backup --from-literal=key="$(openssl rand -hex 32)" \
#     --from-file=kubeconfig=KUBECONFIG_FILE [--from-literal=aws_access_key_id=... --from-literal=aws_secret_access_key=...]
# Keep a copy of the key outside the cluster: without it no backup can be restored.
apiVersion: batch/v1
kind: CronJob
metadata:
  name: pave-backup-{env}
  namespace: {ns}
  labels:
    app.kubernetes.io/name: pave-backup
    app.kubernetes.io/instance: {env}
spec:
  schedule: "{schedule}"
  concurrencyPolicy: Forbid
  startingDeadlineSeconds: 3600
  successfulJobsHistoryLimit: 3
  failedJobsHistoryLimit: 3
  jobTemplate:
    spec:
      backoffLimit: 2
      activeDeadlineSeconds: 3600
      template:
        metadata:
          labels:
            app.kubernetes.io/name: pave-backup
            app.kubernetes.io/instance: {env}
        spec:
          restartPolicy: Never
          securityContext:
            runAsNonRoot: true
            runAsUser: 65532
          containers:
            - name: pave
              image: {image}
              command: ["/bin/sh", "-c"]
              args:
                - {cmds}
              env:
                - name: KUBECONFIG
                  value: /etc/pave/kubeconfig
                - name: PAVE_BACKUP_KEY
                  valueFrom:
                    secretKeyRef: {{name: pave-backup, key: key}}
                - name: AWS_ACCESS_KEY_ID
                  valueFrom:
                    secretKeyRef: {{name: pave-backup, key: aws_access_key_id, optional: true}}
                - name: AWS_SECRET_ACCESS_KEY
                  valueFrom:
                    secretKeyRef: {{name: pave-backup, key: aws_secret_access_key, optional: true}}
              resources:
                requests: {{cpu: 100m, memory: 128Mi}}
                limits: {{memory: 512Mi}}
              volumeMounts:
                - {{name: project, mountPath: /project, readOnly: true}}
                - {{name: secret, mountPath: /etc/pave, readOnly: true}}
          volumes:
            - name: project
              configMap: {{name: pave-project}}
            - name: secret
              secret:
                secretName: pave-backup
                items: [{{key: kubeconfig, path: kubeconfig}}]
)YAML",
                     fmt::arg("env", env), fmt::arg("ns", o.namespace_), fmt::arg("schedule", schedule),
                     fmt::arg("image", image), fmt::arg("cmds", commands(env, prune, rpo, " --project /project/pave.toml")));
}

} // namespace pave::actions
