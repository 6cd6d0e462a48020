#include <pave/actions/demo.hpp>

#include <fmt/format.h>

#include <pave/actions/init.hpp>
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
    PAVE_TRY_ASSIGN(auto init_result, init(io));
    r.files = init_result.created.size() + init_result.replaced.size();
    r.steps.push_back({"init", fmt::format("scaffolded project {} with {} files (template web-service)", r.project, r.files)});

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
