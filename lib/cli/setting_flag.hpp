#pragma once
/// Command flags that set a key of the settings table (config/settings.hpp),
/// such as --state-dir or --lock-timeout: the flag's name and help come from
/// the table, and its value takes part in the usual precedence.
#include <string_view>

namespace CLI {
class App;
}

namespace pave::cli {

class Context;

/// Adds the flag of settings key `key` to `app`.
void add_setting_flag(CLI::App& app, Context& ctx, std::string_view key);

} // namespace pave::cli
