// pave __aws OP ... (hidden): diagnostics over the AWS client layer.
// Thin adapter over actions::aws_debug.
#include <iostream>

#include <CLI/CLI.hpp>

#include <pave/actions/aws_debug.hpp>
#include <pave/cli/context.hpp>
#include <pave/cli/output.hpp>
#include <pave/cli/run.hpp>

#include "cmd/commands.hpp"

namespace pave::cmd {

void setup_aws(CLI::App& app, cli::Context& ctx)
{
  auto o = std::make_shared<actions::AwsDebugOptions>();
  auto stats = std::make_shared<bool>(false);
  app.add_option("op", o->op, "sign, whoami or s3")->required()->check(CLI::IsMember({"sign", "whoami", "s3"}));
  app.add_option("args", o->args, "s3: cp SRC DST | ls s3://B[/P] | rm s3://B/K | mb s3://B | rb s3://B");
  app.add_option("--region", o->region, "AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile's)");
  app.add_option("--profile", o->profile, "AWS profile (default: AWS_PROFILE, then default)");
  app.add_option("--endpoint-url", o->endpoint_url, "Endpoint of every service (default: AWS_ENDPOINT_URL_<SERVICE>, "
                                                    "AWS_ENDPOINT_URL, then AWS)");
  app.add_option("--part-size", o->part_size_mib, "Multipart part size in MiB (s3 cp)")->capture_default_str();
  app.add_option("--concurrency", o->concurrency, "Parts in flight (s3 cp)")->capture_default_str();
  app.add_option("--timeout", o->timeout, "Per-request timeout, e.g. 10s (default 5m)");
  app.add_flag("--stats", *stats, "Print wall time and requests on stderr");
  cli::on_run(app, ctx, [o, stats, &ctx] {
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
