#include <pave/actions/demo.hpp>

#include <fmt/format.h>

#include <pave/actions/deploy.hpp>
#include <pave/actions/init.hpp>
#include <pave/actions/plan.hpp>
#include <pave/actions/record.hpp>
#include <pave/project/load.hpp>
#include <pave/actions/render.hpp>
#include <pave/util/fs.hpp>

namespace pave::actions {

util::Result<DemoResult> demo(const DemoOptions& options)
{
  DemoResult r;
  r.project = "demo";
  r.environment = "dev";
  r.app = "demo";
  r.kept = options.keep || !options.dir.empty();
  if (options.dir.empty()) {
    PAVE_TRY_ASSIGN(r.dir, util::make_temp_dir("pave-demo"));
  } else {
    r.dir = options.dir;
  }
  auto run = [&]() -> util::Result<void> {
    InitOptions io;
    io.dir = r.dir;
    io.name = r.project;
    io.environments = {r.environment};
    io.target = "directory";
    PAVE_TRY_ASSIGN(auto init_result, init(io));
    r.files = init_result.created.size() + init_result.replaced.size();
    r.steps.push_back({"init", fmt::format("scaffolded project {} with {} files (template web-service, GitOps target deploy/{})",
                                             r.project, r.files, r.environment)});

    RenderOptions ro;
    ro.chart = (r.dir / "charts" / r.app).string();
    ro.release_name = r.app;
    ro.namespace_ = r.project + "-" + r.environment;
    ro.values_files = {(r.dir / "values" / (r.environment + ".yaml")).string()};
    PAVE_TRY_ASSIGN(auto rendered, render(ro));
    for (const auto& d : rendered.documents) {
      if (!d.hook) {
        ++r.resources;
        ++r.kinds[d.kind];
      }
    }
    std::string kinds;
    for (const auto& [k, n] : r.kinds) {
      kinds += fmt::format("{}{} {}", kinds.empty() ? "" : ", ", n, k);
    }
    r.steps.push_back({"render", fmt::format("rendered app {} for {}: {} resources ({})", r.app, r.environment,
                                             r.resources, kinds)});

    util::Diagnostics diags;
    PAVE_TRY_ASSIGN(project::Project project, project::load(r.dir / "pave.toml", diags));
    EnvironmentOptions env;
    env.environment = r.environment;
    PlanOptions po;
    po.env = env;
    PAVE_TRY_ASSIGN(plan::Plan p, plan_environment(project, po));
    r.steps.push_back({"plan", plan::summary_line(p.summary())});

    {
      DeployOptions dopt;
      dopt.env = env;
      PAVE_TRY_ASSIGN(Deployment d, Deployment::prepare(project, dopt)); // holds the state lock until the block ends
      PAVE_TRY_ASSIGN(DeployResult deployed, d.run({}));
      if (deployed.report.failed) {
        return util::fail("deploy failed: {}", deployed.report.failure);
      }
      r.revision = deployed.revision;
      r.steps.push_back({"deploy", fmt::format("revision {}: {} ({} files under {})", deployed.revision,
                                               describe_report(deployed.report), deployed.report.outcomes.size(),
                                               (r.dir / "deploy" / r.environment).string())});
    }

    PAVE_TRY_ASSIGN(plan::Plan again, plan_environment(project, po));
    r.steps.push_back({"plan", again.summary().has_changes() ? "unexpected changes after the deploy"
                                                              : "no changes: the deploy is recorded in the state"});
    return {};
  };
  auto result = run();
  if (!r.kept) {
    (void)util::remove_all(r.dir);
  }
  PAVE_TRY(result);
  return r;
}

} // namespace pave::actions
