#include <pave/actions/init.hpp>

#include <algorithm>
#include <sys/stat.h>

#include <pave/scaffold/project_files.hpp>
#include <pave/util/fs.hpp>
#include <pave/util/strings.hpp>

namespace pave::actions {

namespace fs = std::filesystem;

std::string sanitize_name(std::string_view dir_name)
{
  std::string out;
  for (char c : dir_name) {
    const char l = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const bool ok = (l >= 'a' && l <= 'z') || (l >= '0' && l <= '9');
    if (ok) {
      out += l;
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  if (out.size() > 63) {
    out.resize(63);
  }
  while (!out.empty() && out.back() == '-') {
    out.pop_back();
  }
  return out.empty() ? "app" : out;
}

util::Result<InitResult> init(const InitOptions& options)
{
  InitResult r;
  r.dir = options.dir;
  std::error_code ec;
  const fs::path abs = fs::absolute(options.dir, ec);
  r.name = options.name.empty() ? sanitize_name(abs.lexically_normal().filename().string()) : options.name;
  if (r.name.empty() || r.name == ".") {
    r.name = sanitize_name(abs.parent_path().filename().string());
  }
  r.app = options.app.empty() ? r.name : options.app;
  r.template_ = options.template_;
  r.environments = options.environments;

  if (!util::is_dns_label(r.name)) {
    return util::fail_with(util::ExitCode::usage, "invalid project name \"{}\": use lowercase letters, digits and '-' (at most 63)", r.name);
  }
  if (!util::is_dns_label(r.app)) {
    return util::fail_with(util::ExitCode::usage, "invalid app name \"{}\": use lowercase letters, digits and '-' (at most 63)", r.app);
  }
  if (r.environments.empty()) {
    return util::fail_with(util::ExitCode::usage, "at least one environment is needed");
  }
  for (std::size_t i = 0; i < r.environments.size(); ++i) {
    const auto& e = r.environments[i];
    if (!util::is_dns_label(e)) {
      return util::fail_with(util::ExitCode::usage, "invalid environment name \"{}\": use lowercase letters, digits and '-'", e);
    }
    if (std::find(r.environments.begin(), r.environments.begin() + static_cast<long>(i), e) != r.environments.begin() + static_cast<long>(i)) {
      return util::fail_with(util::ExitCode::usage, "environment \"{}\" given twice", e);
    }
  }

  if (options.target != "kubernetes" && options.target != "directory") {
    return util::fail_with(util::ExitCode::usage, "invalid target \"{}\": use kubernetes or directory", options.target);
  }
  auto files = scaffold::project_files({r.name, r.app, r.template_, r.environments, options.target});
  if (!files) {
    auto e = files.error();
    e.code = util::ExitCode::usage;
    return std::unexpected(e);
  }

  std::vector<std::string> existing;
  for (const auto& [path, content] : *files) {
    if (util::exists(options.dir / path)) {
      existing.push_back(path);
    }
  }
  if (!existing.empty() && !options.force) {
    return util::fail("refusing to overwrite {} existing file(s) in {}: {} (use --force)", existing.size(),
                      options.dir.string(), util::join(existing, ", "));
  }
  for (const auto& [path, content] : *files) {
    PAVE_TRY(util::write_file_atomic(options.dir / path, content));
    const bool was = std::find(existing.begin(), existing.end(), path) != existing.end();
    (was ? r.replaced : r.created).push_back(path);
  }
  return r;
}

} // namespace pave::actions
