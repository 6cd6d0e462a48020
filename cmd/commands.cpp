#include "cmd/commands.hpp"

namespace pave::cmd {

namespace {

constexpr cli::CommandSpec k_commands[] = {
  {"init", "Scaffold a project: pave.toml, a chart from a built-in template, environments",
   "Creates pave.toml, charts/APP from a built-in starter chart (web-service, worker or cronjob), "
   "values/ENV.yaml for each environment, a .gitignore for local state and a GitHub Actions workflow. "
   "At a terminal it asks for the name, template and environments; with --yes, or when standard input "
   "is not a terminal, it takes flags and defaults and never prompts. Existing files are never "
   "overwritten unless --force, which lists what it replaced.",
   "pave init\n"
   "pave init my-shop --yes --name shop --template web-service --env dev --env prod\n"
   "pave init . --yes --template cronjob --force",
   setup_init},
  {"render", "Render a Helm chart, byte-identical to `helm template`",
   "Renders CHART (a directory or .tgz) with Helm 4.2's rules and prints the manifests like `helm template`. "
   "Takes the same flags.",
   "pave render charts/web\n"
   "pave render charts/web --name web -n shop -f values/prod.yaml --set image.tag=1.2.3\n"
   "pave render charts/web --show-only templates/deployment.yaml",
   setup_render},
  {"validate", "Check pave.toml and report every problem at once",
   "Checks TOML syntax, unknown or misspelled keys (with a suggestion), value types, required keys, "
   "references between sections, settings values, and that charts and values files exist. Exits 0 when "
   "the file is valid and 1 when it has errors.",
   "pave validate\n"
   "pave validate --project other/pave.toml --output json",
   setup_validate},
  {"plan", "Show what a deploy of an environment would change",
   "Renders every app of the environment, refreshes the live objects from its target, and compares them "
   "with pave's state: objects to create, update (with the changed fields), replace (an immutable field "
   "changes) and delete (recorded by pave, no longer desired), and drift (changed outside pave). "
   "--out saves the plan for `pave deploy --plan`; such a plan is refused once the state has changed. "
   "With --detailed-exitcode the exit code is 0 without changes, 2 with changes and 1 on error.",
   "pave plan -e dev\n"
   "pave plan -e prod --out prod.plan\n"
   "pave plan -e dev --target 'k8s:apps/v1/Deployment/*' --output json\n"
   "pave plan -e prod --detailed-exitcode || [ $? -eq 2 ]",
   setup_plan},
  {"deploy", "Apply the changes to an environment, wait for rollout and record state",
   "Plans (or reads a saved --plan), asks for confirmation at a terminal unless --yes, applies the changes "
   "wave by wave (Namespaces, CRDs, then Helm's kind order; deletes last), waits for Deployments, "
   "StatefulSets, DaemonSets and Jobs to roll out, and records a new revision in the state. The state is "
   "locked throughout. With --atomic a failure rolls the environment back to the previous revision.",
   "pave deploy -e dev --yes\n"
   "pave deploy -e prod --plan prod.plan\n"
   "pave deploy -e staging --atomic --timeout 10m",
   setup_deploy},
  {"rollback", "Restore an earlier revision of an environment",
   "Re-applies the objects recorded with REVISION (default: the revision before the current one), deletes "
   "what it did not have, waits for rollout, and records the result as a new revision. See `pave history`.",
   "pave rollback -e prod\n"
   "pave rollback 3 -e prod",
   setup_rollback},
  {"failover", "Switch traffic to the standby site: a resumable, timed runbook with measured RTO",
   "Runs the runbook of [failover] in pave.toml (see docs/failover.md), each step timed and shown live: "
   "1. confirm the active site is unhealthy (its health endpoints fail their consecutive probes; --force skips "
   "this); 2. scale the standby up (Deployments, Auto Scaling group) and wait until it is ready; 3. restore the "
   "latest backup to it when restore_backup = true; 4. switch the DNS record (PowerDNS rrset PATCH, or Route 53 "
   "ChangeResourceRecordSets waited on until INSYNC); 5. verify that the provider and the authoritative server "
   "answer the new target and that the new site is healthy; 6. record the event and the measured RTO in the "
   "state and the audit log. The state lock is held throughout. A journal is written after every step: an "
   "interrupted run continues with --resume at the first step not completed. --dry-run prints the steps with "
   "the exact requests. `status` reports health, DNS answers, standby readiness, backup age against the RPO "
   "and the last drill, and exits 5 when something is out of bounds; `drill` rehearses the switch without "
   "touching the production record.",
   "pave failover status -e prod\n"
   "pave failover -e prod --to secondary --dry-run\n"
   "pave failover -e prod --to secondary\n"
   "pave failover -e prod --resume\n"
   "pave failover drill -e prod",
   setup_failover},
  {"failback", "Switch traffic back to the primary site with the failover runbook",
   "`pave failover --to primary`: the same six steps in the other direction, requiring the primary to be "
   "healthy again (or --force), with the same lock, journal, --resume, --dry-run and RTO record.",
   "pave failback -e prod --dry-run\n"
   "pave failback -e prod",
   setup_failback},
  {"config", "Show effective settings and where each came from",
   "`pave config show` prints every setting with its value and origin. Precedence: flags, then PAVE_* "
   "environment variables, then pave.toml [settings], then defaults.",
   "pave config show\n"
   "PAVE_OUTPUT=json pave config show",
   setup_config},
  {"state", "Inspect and repair an environment's recorded state",
   "The state records what pave applied to an environment: its resources, its revisions (`pave history`), "
   "a serial bumped by every write and a lineage fixed when it is created. It lives in "
   "STATE_DIR/ENV.json (setting state_dir, default .pave/state; pave.toml [state] backend, which may be "
   "s3://BUCKET/PREFIX for a state shared through S3) with a checksum, and the last 10 "
   "versions are kept as ENV.json.backup.SERIAL. `list` and `show` inspect it; `rm` forgets resources "
   "without deleting live objects; `pull` prints the state file and `push` replaces it; `unlock --force` "
   "breaks a lock whose holder is gone; `migrate` moves it between backends. Commands that change the state take its lock and, when it is "
   "held, wait up to --lock-timeout, then exit 4 naming the holder. See docs/state.md.",
   "pave state list -e prod\n"
   "pave state show k8s:apps/v1/Deployment/shop/web\n"
   "pave state rm k8s:v1/ConfigMap/shop/legacy\n"
   "pave state pull > s.json && pave state push s.json\n"
   "pave state unlock --force 0b8e2a8c-2f0d-4c55-9a57-4d0c8f5e7a11\n"
   "pave state migrate -e prod --to s3://acme-pave/shop",
   setup_state},
  {"history", "List the revisions of an environment: deploys, rollbacks, state surgery",
   "Prints each revision recorded in the environment's state, oldest first: its number, time (UTC), "
   "operation, status (deployed, superseded, failed, rolled-back) and a one-line description.",
   "pave history\n"
   "pave history -e prod --output json",
   setup_history},
  {"backup", "Back up an environment's objects and state, encrypted, and restore them",
   "`create` snapshots what pave manages in an environment (or a scope: --include-namespaces, --exclude-kinds, "
   "--selector, --all-resources), its state and optional files into one archive: tar, zstd-compressed and "
   "encrypted with AES-256-GCM in authenticated chunks, streamed to the destination ([backup] destination: "
   "s3://BUCKET/PREFIX or a directory) and listed only once complete. The key comes from --key-file, "
   "[backup] key_file, PAVE_BACKUP_KEY (64 hex digits) or PAVE_BACKUP_PASSPHRASE (stretched with scrypt). "
   "`list` shows backups and the RPO status ([backup] rpo; exit 5 when the newest backup is too old); "
   "`verify` checks every hash and tag without restoring; `restore` verifies the whole archive, then plans "
   "and applies it (Namespaces, CRDs, then the rest; existing objects skipped unless "
   "--existing-resource-policy update; --namespace-mapping old:new; --dry-run prints the plan); `prune` "
   "applies retention (--keep-last/daily/weekly/monthly, --ttl); `schedule` prints a CronJob or CI workflow. "
   "See docs/backup.md.",
   "pave backup create -e prod\n"
   "pave backup list -e prod\n"
   "pave backup verify prod-20261121T020000Z -e prod\n"
   "pave backup restore prod-20261121T020000Z -e prod --dry-run\n"
   "pave backup restore prod-20261121T020000Z -e staging --namespace-mapping shop:shop-copy\n"
   "pave backup prune -e prod --keep-daily 7 --keep-weekly 4 --keep-monthly 12\n"
   "pave backup schedule -e prod > cronjob.yaml",
   setup_backup},
  {"cost-report", "Estimate monthly cost, show a plan's cost change, compare with actual spend, check budgets",
   "Prices an environment (with -e; otherwise every environment) from the price catalog compiled into pave "
   "(AWS on-demand list prices; --refresh-prices updates a local copy from the AWS Price List API): Kubernetes "
   "workloads from their resource requests times their replicas (HPA min-max as a range), PVCs from their size "
   "and storage class, LoadBalancer Services and ALB Ingresses, and the cloud resources of [cloud] with usage "
   "assumptions from a usage file. By default it prices the desired state (the rendered apps and [cloud]); "
   "--state prices what is recorded, and --plan FILE shows a saved plan's monthly change line by line. "
   "--actual adds spend from AWS Cost Explorer. Budgets (--budget, or [cost.budgets] in pave.toml) make it "
   "exit 3 naming the overshoot. Formats: table, json, csv, markdown (a pull-request comment), html (one "
   "self-contained page with charts). See docs/cost.md.",
   "pave cost-report -e prod\n"
   "pave cost-report --group-by namespace --format csv\n"
   "pave plan -e prod --out prod.plan && pave cost-report --plan prod.plan --format markdown\n"
   "pave cost-report -e prod --budget 2000 --actual --actual-group-by tag:team --format html --out cost.html\n"
   "pave cost-report --refresh-prices",
   setup_cost_report},
  {"demo", "Run pave's main job on an embedded example, with no cloud account",
   "Scaffolds a project in a temporary directory from the built-in web-service template, renders it "
   "for its dev environment, and prints what happened. Use --keep to keep the directory.",
   "pave demo\n"
   "pave demo --keep --output json",
   setup_demo},
  {"completion", "Print a shell completion script (bash, zsh or fish)",
   "Prints the completion script for SHELL on stdout. Install it, for example, with "
   "`pave completion bash > /etc/bash_completion.d/pave` or "
   "`pave completion fish > ~/.config/fish/completions/pave.fish`.",
   "source <(pave completion bash)\n"
   "pave completion zsh > \"${fpath[1]}/_pave\"",
   setup_completion},
  {"version", "Print the version, git commit and linked library versions", "",
   "pave version\n"
   "pave version --output json",
   setup_version},
  {"__docs", "Write man pages and completion scripts (for packaging)", "", "pave __docs man completions docs", setup_docs,
   true},
  {"__kube", "Diagnostics: talk to the Kubernetes API with pave's client (like kubectl get --raw)",
   "Runs one operation of pave's Kubernetes client against the cluster of the kubeconfig context: discover "
   "(the kinds the server serves), version, get, list (paginated), apply (server-side apply of manifest files "
   "with --parallel requests), delete, or raw (any METHOD and PATH). For diagnosing connectivity, auth and "
   "discovery; -vv logs every request with credentials redacted.",
   "pave __kube discover\n"
   "pave __kube get apps/v1 Deployment web -n shop\n"
   "pave __kube apply -f manifests.yaml --parallel 16 --stats\n"
   "pave __kube raw GET /version",
   setup_kube, true},
  {"__aws", "Diagnostics: pave's AWS client (SigV4 signing, credentials, S3 transfers)",
   "Runs one operation of pave's AWS client layer: sign (SigV4 signatures of JSON-line request specs on stdin, "
   "compared with botocore by the tests), whoami (STS GetCallerIdentity with the resolved credentials), or s3 "
   "(cp with parallel multipart transfers and bounded memory, ls, rm, mb, rb). -vv logs every request with "
   "credentials and signatures redacted.",
   "pave __aws whoami\n"
   "pave __aws s3 cp big.bin s3://bucket/big.bin --endpoint-url http://127.0.0.1:5000\n"
   "pave __aws sign < specs.jsonl",
   setup_aws, true},
};

} // namespace

std::span<const cli::CommandSpec> commands()
{
  return k_commands;
}

} // namespace pave::cmd
