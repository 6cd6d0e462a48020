#include <pave/cloud/aws/config_files.hpp>

#include <algorithm>
#include <cstdlib>

#include <fmt/format.h>

#include <pave/util/fs.hpp>

namespace pave::cloud::aws {

namespace {

std::string_view trim(std::string_view s)
{
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

std::string lower(std::string_view s)
{
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

} // namespace

util::Result<IniFile> parse_ini(std::string_view text, std::string_view file)
{
  IniFile ini;
  IniSection* section = nullptr;
  std::string parent; // key whose indented sub-keys follow
  int line_no = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    auto end = text.find('\n', pos);
    if (end == std::string_view::npos) {
      end = text.size();
    }
    const std::string_view raw = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    const std::string_view line = trim(raw);
    if (line.empty() || line.front() == '#' || line.front() == ';') {
      if (end == text.size()) {
        break;
      }
      continue;
    }
    const bool indented = raw.front() == ' ' || raw.front() == '\t';
    if (line.front() == '[') {
      if (line.back() != ']') {
        return util::fail("{}:{}: unterminated section header", file, line_no);
      }
      const std::string name(trim(line.substr(1, line.size() - 2)));
      section = &ini[name];
      parent.clear();
    } else {
      const auto sep = line.find_first_of("=:");
      if (section == nullptr || sep == std::string_view::npos || sep == 0) {
        return util::fail("{}:{}: expected '[section]' or 'key = value'", file, line_no);
      }
      const std::string key = lower(trim(line.substr(0, sep)));
      const std::string value(trim(line.substr(sep + 1)));
      if (indented && !parent.empty()) {
        (*section)[parent + "." + key] = value;
      } else {
        (*section)[key] = value;
        parent = value.empty() ? key : std::string();
      }
    }
    if (end == text.size()) {
      break;
    }
  }
  return ini;
}

std::optional<std::string> AwsEnv::get(const std::string& name) const
{
  auto v = getenv ? getenv(name) : std::nullopt;
  if (v && v->empty()) {
    return std::nullopt;
  }
  return v;
}

AwsEnv system_env()
{
  AwsEnv env;
  env.getenv = [](const std::string& name) -> std::optional<std::string> {
    const char* v = std::getenv(name.c_str());
    return v == nullptr ? std::nullopt : std::optional<std::string>(v);
  };
  const char* home = std::getenv("HOME");
  env.home = home != nullptr ? home : "/";
  return env;
}

std::optional<std::string> Profile::get(const std::string& key) const
{
  const auto it = values.find(key);
  if (it == values.end() || it->second.empty()) {
    return std::nullopt;
  }
  return it->second;
}

util::Result<SharedConfig> SharedConfig::load(const AwsEnv& env)
{
  SharedConfig c;
  const auto read = [&](const std::string& var, const char* def, IniFile& into) -> util::Result<void> {
    const std::filesystem::path path = env.get(var).value_or((env.home / def).string());
    if (!util::exists(path)) {
      return {};
    }
    PAVE_TRY_ASSIGN(const std::string text, util::read_file(path));
    PAVE_TRY_ASSIGN(into, parse_ini(text, path.string()));
    return {};
  };
  PAVE_TRY(read("AWS_CONFIG_FILE", ".aws/config", c.config));
  PAVE_TRY(read("AWS_SHARED_CREDENTIALS_FILE", ".aws/credentials", c.credentials));
  return c;
}

Profile SharedConfig::profile(const std::string& name) const
{
  Profile p;
  p.name = name;
  const auto merge = [&](const IniFile& f, const std::string& section) {
    if (const auto it = f.find(section); it != f.end()) {
      p.found = true;
      for (const auto& [k, v] : it->second) {
        p.values[k] = v;
      }
    }
  };
  if (name == "default") {
    merge(config, "default");
  }
  merge(config, "profile " + name);
  merge(credentials, name);
  return p;
}

std::string profile_name(const AwsEnv& env, const std::string& explicit_profile)
{
  if (!explicit_profile.empty()) {
    return explicit_profile;
  }
  return env.get("AWS_PROFILE").value_or(env.get("AWS_DEFAULT_PROFILE").value_or("default"));
}

} // namespace pave::cloud::aws
