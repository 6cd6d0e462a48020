// pave __kube OP ... (hidden): diagnostics over the Kubernetes client, like
// `kubectl get --raw`. Thin adapter over actions::kube_debug.
#include <iostream>

#include <CLI/CLI.hpp>

#include <pave/actions/kube_debug.hpp>
#include <pave/cli/context.hpp>
#include <pave/cli/output.hpp>
#include <pave/cli/run.hpp>

#include "cmd/commands.hpp"

namespace pave::cmd {

void setup_kube(CLI::App& app, cli::Context& ctx)
{
  auto o = std::make_shared<actions::KubeDebugOptions>();
  auto stats = std::make_shared<bool>(false);
  app.add_option("op", o->op, "discover, version, get, list, apply, delete or raw")
      ->required()
      ->check(CLI::IsMember({"discover", "version", "get", "list", "apply", "delete", "raw"}));
  app.add_option("args", o->args, "APIVERSION KIND [NAME] (get, list, delete); METHOD PATH (raw)");
  app.add_option("--kubeconfig", o->kubeconfig, "kubeconfig file (default: KUBECONFIG, then ~/.kube/config)");
  app.add_option("--context", o->context, "kubeconfig context (default: current-context)");
  app.add_option("-n,--namespace", o->namespace_, "Namespace (default: the context's)");
  app.add_option("-l,--selector", o->label_selector, "Label selector (list)");
  app.add_option("-f,--filename", o->files, "Manifest file (apply; repeatable)");
  app.add_option("--parallel", o->parallel, "Concurrent requests (apply)")->capture_default_str();
  app.add_flag("--force-conflicts", o->force_conflicts, "Take ownership of conflicting fields (apply)");
  app.add_flag("--dry-run", o->dry_run, "Server-side dry run (apply, delete)");
  app.add_option("--cascade", o->cascade, "background, foreground or orphan (delete)")->capture_default_str();
  app.add_option("--data", o->data, "Request body (raw)");
  app.add_flag("!--no-discovery-cache", o->discovery_cache, "Do not read or write the discovery cache");
  app.add_flag("--stats", *stats, "Print wall time, requests and connections on stderr");
  cli::on_run(app, ctx, [o, stats, &ctx] {
    auto r = util::value_or_throw(actions::kube_debug(*o));
    if (*stats) {
      std::cerr << fmt::format("pave: stats: {} ms, {} requests, {} connections\n", r.elapsed.count(), r.requests,
                               r.connections);
    }
    cli::emit(ctx, r.data, [&](std::ostream& out) {
      for (const auto& line : r.lines) {
        out << line << "\n";
      }
    });
    if (r.failures > 0) {
      throw util::Fatal(util::Error{fmt::format("{} of the requests failed", r.failures)});
    }
  });
}

} // namespace pave::cmd
