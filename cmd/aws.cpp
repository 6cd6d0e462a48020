// pave __aws OP ... (hidden): diagnostics over the AWS client layer.
// Thin adapter over actions::aws_debug.
#include <iostream>

#include <CLI/CLI.hpp>

#include <pave/actions/aws_cloud.hpp>
#include <pave/actions/aws_debug.hpp>
#include <pave/plan/view.hpp>
#include <pave/cli/context.hpp>
#include <pave/cli/output.hpp>
#include <pave/cli/run.hpp>

#include "cmd/commands.hpp"

namespace pave::cmd {

void setup_aws(CLI::App& app, cli::Context& ctx)
{
  auto o = std::make_shared<actions::AwsDebugOptions>();
  auto stats = std::make_shared<bool>(false);
  auto cloud = std::make_shared<actions::CloudRunOptions>();
  app.add_option("op", o->op, "sign, whoami, s3, plan or deploy")
      ->required()
      ->check(CLI::IsMember({"sign", "whoami", "s3", "plan", "deploy"}));
  app.add_flag("--force", cloud->force_delete, "deploy: delete buckets that still hold objects");
  app.add_option("--record", cloud->record_file, "plan, deploy: record file (default .pave/cloud-ENV.json)");
  app.add_option("args", o->args, "s3: cp SRC DST | ls s3://B[/P] | rm s3://B/K | mb s3://B | rb s3://B");
  app.add_option("--region", o->region, "AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile's)");
  app.add_option("--profile", o->profile, "AWS profile (default: AWS_PROFILE, then default)");
  app.add_option("--endpoint-url", o->endpoint_url, "Endpoint of every service (default: AWS_ENDPOINT_URL_<SERVICE>, "
                                                    "AWS_ENDPOINT_URL, then AWS)");
  app.add_option("--part-size", o->part_size_mib, "Multipart part size in MiB (s3 cp)")->capture_default_str();
  app.add_option("--concurrency", o->concurrency, "Parts in flight (s3 cp)")->capture_default_str();
  app.add_option("--timeout", o->timeout, "Per-request timeout, e.g. 10s (default 5m)");
  app.add_flag("--stats", *stats, "Print wall time and requests on stderr");
  cli::on_run(app, ctx, [o, stats, cloud, &ctx] {
    if (o->op == "plan" || o->op == "deploy") {
      const auto* project = util::value_or_throw(ctx.project());
      const auto& env_name = ctx.setting("environment");
      const auto env = project->environments.find(env_name);
      if (env == project->environments.end()) {
        throw util::Fatal(util::Error{fmt::format("no environment {} in pave.toml", env_name)});
      }
      cloud->apply = o->op == "deploy";
      auto r = util::value_or_throw(actions::cloud_run(*project, env->second, *cloud));
      plan::print_plan(ctx.out(), r.plan, ctx.out_style());
      if (cloud->apply) {
        for (const auto& out : r.report.outcomes) {
          ctx.out() << fmt::format("{}: {} {}\n", out.address, plan::to_string(out.action),
                                   out.done ? "done" : "FAILED: " + out.error);
        }
        if (r.report.failed) {
          throw util::Fatal(util::Error{r.report.failure});
        }
      }
      return;
    }
    o->input = &std::cin;
    auto r = util::value_or_throw(actions::aws_debug(*o));
    if (*stats) {
      std::cerr << fmt::format("pave: stats: {} ms, {} requests\n", r.elapsed.count(), r.requests);
    }
    if (o->op == "sign") { // JSON lines in, JSON lines out, whatever the output format
      for (const auto& line : r.lines) {
        std::cout << line << "\n";
      }
      return;
    }
    cli::emit(ctx, r.data, [&](std::ostream& out) {
      for (const auto& line : r.lines) {
        out << line << "\n";
      }
    });
  });
}

} // namespace pave::cmd
