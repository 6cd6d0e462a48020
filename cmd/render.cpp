// pave render: thin adapter over actions::render, with helm template's flags.
#include <cstdio>
#include <iostream>

#include <CLI/CLI.hpp>

#include <pave/actions/render.hpp>
#include <pave/cli/context.hpp>
#include <pave/cli/run.hpp>
#include <pave/util/heap.hpp>

#include "cmd/commands.hpp"

namespace pave::cmd {

void setup_render(CLI::App& app, cli::Context& ctx)
{
  auto o = std::make_shared<actions::RenderOptions>();
  auto args = std::make_shared<std::vector<std::string>>();
  app.add_option("args", *args, "[NAME] CHART: release name (optional) and chart directory or .tgz")
    ->required()
    ->expected(1, 2);
  app.add_option("--name", o->release_name, "Release name")
    ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast)->capture_default_str();
  app.add_option("-n,--namespace", o->namespace_, "Release namespace")
    ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast)->capture_default_str();
  app.add_option("-f,--values", o->values_files, "Values file, merged in order (repeatable; - for stdin)");
  app.add_option("--set", o->set, "Set values: a.b=c,d[0]=e (repeatable)");
  app.add_option("--set-string", o->set_string, "Set string values: a.b=c (repeatable)");
  app.add_option("--set-file", o->set_file, "Set a value from a file's content: key=path (repeatable)");
  app.add_option("--set-json", o->set_json, "Set JSON values: key=JSON (repeatable)");
  app.add_option("--kube-version", o->kube_version, "Kubernetes version for .Capabilities (default v1.20.0)")
    ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  app.add_option("-a,--api-versions", o->api_versions, "Extra API version for .Capabilities (repeatable)");
  app.add_option("-s,--show-only", o->show_only, "Only print manifests of these templates (repeatable)");
  app.add_flag("--include-crds", o->include_crds, "Include the chart's crds/ in the output");
  app.add_flag("--skip-tests", o->skip_tests, "Leave out test hooks");
  app.add_flag("--is-upgrade", o->is_upgrade, "Set .Release.IsUpgrade instead of .Release.IsInstall");
  app.add_flag("--release-name", o->use_release_name, "Use the release name in the --output-dir path");
  app.add_option("--output-dir", o->output_dir, "Write each template to a file under this directory")
    ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);

  cli::on_run(app, ctx, [o, args, &ctx] {
    if (args->size() == 2) {
      o->release_name = (*args)[0];
      o->chart = (*args)[1];
    } else {
      o->chart = (*args)[0];
    }
    util::use_compact_heap(2); // the main thread's arena and one for the parsing and schema threads
    o->leave_garbage_to_exit = true; // pave exits right after printing
    const auto result = util::value_or_throw(actions::render(*o));
    ctx.out().flush();
    if (!result.write(stdout) || std::fflush(stdout) != 0) {
      throw util::Fatal(util::Error{"cannot write the rendered manifests to standard output"});
    }
  });
}

} // namespace pave::cmd
