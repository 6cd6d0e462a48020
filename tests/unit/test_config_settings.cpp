#include <doctest/doctest.h>

#include <set>

#include <pave/config/settings.hpp>

using namespace pave;

namespace {

config::Sources no_sources()
{
  config::Sources s;
  s.env = [](std::string_view) -> std::optional<std::string> { return std::nullopt; };
  return s;
}

} // namespace

TEST_CASE("config::key_table")
{
  SUBCASE("keys, environment variables and flags are unique and consistent")
  {
    std::set<std::string_view> keys, envs, flags;
    for (const auto& k : config::key_table()) {
      CHECK(keys.insert(k.key).second);
      CHECK(envs.insert(k.env).second);
      CHECK(flags.insert(k.flag).second);
      std::string upper;
      for (char c : k.key) {
        upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      }
      // PAVE_<KEY>, except project_file (PAVE_PROJECT) and environment (PAVE_ENV)
      if (k.key != "project_file" && k.key != "environment") {
        CHECK(k.env == "PAVE_" + upper);
      }
      CHECK(!k.description.empty());
    }
  }

  SUBCASE("default values")
  {
    util::Diagnostics d;
    const auto s = config::Settings::resolve(no_sources(), d);
    CHECK(d.empty());
    CHECK(s.get("project_file") == "pave.toml");
    CHECK(s.get("environment") == "dev");
    CHECK(s.get("output") == "table");
    CHECK(s.get("color") == "auto");
    CHECK(s.get("log_format") == "text");
    CHECK(s.get("log_level") == "warn");
    CHECK(s.get("state_dir") == ".pave/state");
    CHECK(s.get("lock_timeout") == "0s");
    CHECK(s.get("kubeconfig") == "");
    CHECK(s.get("kube_context") == "");
    CHECK(s.all().size() == config::key_table().size());
    CHECK(s.setting("output").origin == config::Origin::default_value);
  }
}

TEST_CASE("config::Settings::resolve")
{
  auto sources = no_sources();
  sources.file["output"] = {"yaml", "pave.toml:4"};
  sources.file["lock_timeout"] = {"10s", "pave.toml:5"};
  sources.file["project_file"] = {"other.toml", "pave.toml:6"}; // not settable from the file
  std::map<std::string, std::string> env = {{"PAVE_OUTPUT", "json"}, {"PAVE_COLOR", "never"}};
  sources.env = [&](std::string_view name) -> std::optional<std::string> {
    auto it = env.find(std::string(name));
    return it == env.end() ? std::nullopt : std::optional<std::string>(it->second);
  };

  SUBCASE("flags > env > file > default")
  {
    sources.flags["color"] = {"always", "--color"};
    util::Diagnostics d;
    const auto s = config::Settings::resolve(sources, d);
    CHECK(d.empty());
    CHECK(s.setting("output").value == "json");
    CHECK(s.setting("output").source == "PAVE_OUTPUT");
    CHECK(s.setting("output").origin == config::Origin::env);
    CHECK(s.setting("color").value == "always");
    CHECK(s.setting("color").origin == config::Origin::flag);
    CHECK(s.setting("lock_timeout").value == "10s");
    CHECK(s.setting("lock_timeout").source == "pave.toml:5");
    CHECK(s.setting("project_file").value == "pave.toml");
  }

  SUBCASE("an invalid value is reported with its source and the next source down wins")
  {
    env["PAVE_OUTPUT"] = "xml";
    util::Diagnostics d;
    const auto s = config::Settings::resolve(sources, d);
    REQUIRE(d.items().size() == 1);
    CHECK(d.items()[0].location == "PAVE_OUTPUT");
    CHECK(d.items()[0].summary == "invalid value \"xml\" for output");
    CHECK(d.items()[0].detail == "expected one of: table, json, yaml");
    CHECK(s.get("output") == "yaml");
  }
}
