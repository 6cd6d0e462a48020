// pave init: thin adapter over actions::init (prompts only at a terminal).
#include <iostream>

#include <CLI/CLI.hpp>

#include <pave/actions/init.hpp>
#include <pave/cli/context.hpp>
#include <pave/cli/output.hpp>
#include <pave/cli/prompt.hpp>
#include <pave/cli/run.hpp>
#include <pave/project/load.hpp>
#include <pave/util/strings.hpp>

#include "cmd/commands.hpp"

namespace pave::cmd {

namespace {

struct InitFlags
{
  actions::InitOptions options;
  std::string dir = ".";
  bool yes = false;
  bool name_given = false;
  bool template_given = false;
  bool env_given = false;
};

void prompt(InitFlags& f, cli::Context& ctx)
{
  auto& o = f.options;
  std::error_code ec;
  const auto abs = std::filesystem::absolute(f.dir, ec).lexically_normal();
  const std::string fallback_name = actions::sanitize_name(abs.filename().empty() ? abs.parent_path().filename().string()
                                                                                  : abs.filename().string());
  if (!f.name_given) {
    o.name = cli::ask(std::cin, ctx.err(), "Project name", fallback_name);
  }
  if (!f.template_given) {
    const auto names = project::builtin_templates();
    o.template_ = cli::ask(std::cin, ctx.err(), "Template (" + util::join(names, ", ") + ")", o.template_);
  }
  if (!f.env_given) {
    const std::string envs =
      cli::ask(std::cin, ctx.err(), "Environments (comma-separated)", util::join(o.environments, ","));
    o.environments.clear();
    for (const auto& e : util::split(envs, ',')) {
      if (!util::trim(e).empty()) {
        o.environments.emplace_back(util::trim(e));
      }
    }
  }
}

} // namespace

void setup_init(CLI::App& app, cli::Context& ctx)
{
  auto f = std::make_shared<InitFlags>();
  app.add_option("dir", f->dir, "Project directory (created if missing)")->capture_default_str();
  app.add_option("--name", f->options.name, "Project name (default: the directory's name)");
  app.add_option("--app", f->options.app, "Name of the first app (default: the project name)");
  app.add_option("-t,--template", f->options.template_, "Starter chart: web-service, worker or cronjob")
    ->capture_default_str();
  app.add_option("--env", f->options.environments, "Environment to create (repeatable)")
    ->capture_default_str()
    ->take_all();
  app.add_option("--target", f->options.target, "Where environments deploy: kubernetes, or directory (GitOps)")
    ->check(CLI::IsMember({"kubernetes", "directory"}))
    ->capture_default_str();
  app.add_flag("-y,--yes", f->yes, "Never prompt: use flags and defaults");
  app.add_flag("--force", f->options.force, "Overwrite existing files and list them");

  cli::on_run(app, ctx, [f, &ctx, &app] {
    f->name_given = app.count("--name") > 0;
    f->template_given = app.count("--template") > 0;
    f->env_given = app.count("--env") > 0;
    f->options.dir = f->dir;
    if (!f->yes && cli::is_terminal(0)) {
      prompt(*f, ctx);
    }
    const auto r = util::value_or_throw(actions::init(f->options));
    nlohmann::ordered_json j;
    j["dir"] = r.dir.string();
    j["name"] = r.name;
    j["app"] = r.app;
    j["template"] = r.template_;
    j["environments"] = r.environments;
    j["created"] = r.created;
    j["replaced"] = r.replaced;
    cli::emit(ctx, j, [&](std::ostream& out) {
      const auto& s = ctx.out_style();
      out << "Created project " << s.bold(r.name) << " in " << r.dir.string() << " (template " << r.template_
          << ", environments " << util::join(r.environments, ", ") << ")\n";
      for (const auto& p : r.created) {
        out << "  " << s.green("create ") << " " << p << '\n';
      }
      for (const auto& p : r.replaced) {
        out << "  " << s.yellow("replace") << " " << p << '\n';
      }
      out << "Next: cd " << r.dir.string() << " && pave validate && pave render charts/" << r.app << '\n';
    });
  });
}

} // namespace pave::cmd
