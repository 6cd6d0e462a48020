#include <pave/cli/setting_flag.hpp>

#include <CLI/CLI.hpp>

#include <pave/cli/context.hpp>
#include <pave/config/settings.hpp>

namespace pave::cli {

void add_setting_flag(CLI::App& app, Context& ctx, std::string_view key)
{
  const config::KeySpec* spec = config::find_key(key);
  if (spec == nullptr || !spec->flag.starts_with("--")) {
    throw std::logic_error("add_setting_flag: no flag for settings key " + std::string(key));
  }
  const std::string flag(spec->flag);
  std::string help(spec->description);
  if (!help.empty()) {
    help[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(help[0])));
  }
  help += " (setting " + std::string(key) + ", " + std::string(spec->env) + ")";
  app.add_option_function<std::string>(
       flag, [&ctx, key = std::string(key), flag](const std::string& v) { ctx.setting_flags[key] = {v, flag}; },
       help)
    ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
}

} // namespace pave::cli
