#include <pave/cli/output.hpp>

#include <pave/codec/yaml_json.hpp>

namespace pave::cli {

std::string to_yaml_text(const nlohmann::ordered_json& data)
{
  return codec::json_to_yaml(data);
}

void emit(Context& ctx, const nlohmann::ordered_json& data, const std::function<void(std::ostream&)>& human)
{
  const std::string& format = ctx.setting("output");
  if (format == "json") {
    ctx.out() << data.dump(2) << '\n';
  } else if (format == "yaml") {
    ctx.out() << to_yaml_text(data);
  } else {
    human(ctx.out());
  }
}

} // namespace pave::cli
