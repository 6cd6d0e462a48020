#include <pave/cli/run.hpp>

#include <iostream>

#include <spdlog/spdlog.h>

#include <pave/cli/app.hpp>
#include <pave/cli/context.hpp>

namespace pave::cli {

void on_run(CLI::App& app, Context& ctx, std::function<void()> action)
{
  app.callback([&ctx, action = std::move(action)] {
    ctx.resolve_settings();
    action();
  });
}

int run(int argc, char** argv, std::span<const CommandSpec> commands)
{
  Context ctx(std::cout, std::cerr);
  try {
    auto app = build_app(ctx, commands, selected_command(argc, argv, commands));
    try {
      app->parse(argc, argv);
    } catch (const CLI::Success& e) { // --help, --help-all, --version (App::exit tells them apart)
      return app->exit(e, std::cout, std::cerr);
    } catch (const CLI::ParseError& e) {
      ctx.print_error(util::Error{e.what(), "run `pave --help` (or `pave COMMAND --help`) for usage"});
      return static_cast<int>(util::ExitCode::usage);
    }
    std::cout.flush();
    return ctx.exit_code;
  } catch (const util::Fatal& f) {
    std::cout.flush();
    ctx.print_error(f.error());
    return static_cast<int>(f.error().code);
  } catch (const std::exception& e) {
    std::cout.flush();
    ctx.print_error(util::Error{std::string("internal error: ") + e.what()});
    return static_cast<int>(util::ExitCode::error);
  }
}

} // namespace pave::cli
