#include <pave/targets/directory.hpp>

#include <cctype>
#include <system_error>

#include <fmt/format.h>

#include <pave/codec/yaml_json.hpp>
#include <pave/util/fs.hpp>
#include <pave/util/parallel.hpp>

namespace pave::targets {

namespace fs = std::filesystem;

namespace {

std::string lower(std::string s)
{
  for (char& c : s) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return s;
}

/// Top-level keys in the order people write them: apiVersion, kind, metadata, then the rest sorted.
nlohmann::ordered_json ordered(const nlohmann::json& object)
{
  nlohmann::ordered_json out;
  for (const char* key : {"apiVersion", "kind", "metadata"}) {
    if (object.contains(key)) {
      out[key] = object[key];
    }
  }
  for (auto it = object.begin(); it != object.end(); ++it) {
    if (it.key() != "apiVersion" && it.key() != "kind" && it.key() != "metadata") {
      out[it.key()] = *it;
    }
  }
  return out;
}

} // namespace

std::string DirectoryTarget::describe() const
{
  return "directory " + m_dir.string();
}

plan::ScopeFn DirectoryTarget::scope()
{
  return plan::builtin_scope;
}

fs::path DirectoryTarget::file_of(const plan::ObjectRef& ref)
{
  const std::string group = ref.group();
  std::string kind = lower(ref.kind);
  if (!group.empty()) {
    kind += "." + group;
  }
  return fs::path(ref.namespace_.empty() ? "_cluster" : ref.namespace_) / (kind + "-" + ref.name + ".yaml");
}

util::Result<std::map<std::string, nlohmann::json>> DirectoryTarget::refresh(const std::vector<plan::ObjectRef>& refs)
{
  // Files are read and parsed on up to 4 threads: an environment has thousands.
  std::vector<util::Result<nlohmann::json>> read(refs.size());
  const int threads = refs.size() < 64 ? 1 : util::worker_threads(4);
  util::parallel_for(refs.size(), threads, [&](std::size_t i) {
    const fs::path file = m_dir / file_of(refs[i]);
    if (!util::exists(file)) {
      return; // null: no object
    }
    auto text = util::read_file(file);
    read[i] = text ? codec::yaml_to_json(*text, file.string()) : std::unexpected(text.error());
  });
  std::map<std::string, nlohmann::json> live;
  for (std::size_t i = 0; i < refs.size(); ++i) {
    PAVE_TRY_ASSIGN(nlohmann::json object, std::move(read[i]));
    if (object.is_object()) {
      live[refs[i].address()] = std::move(object);
    }
  }
  return live;
}

util::Result<nlohmann::json> DirectoryTarget::apply(const nlohmann::json& object, const ApplyOptions& options)
{
  PAVE_TRY_ASSIGN(plan::ObjectRef ref, plan::object_ref(object, "object"));
  if (!options.dry_run) {
    PAVE_TRY(util::write_file_atomic(m_dir / file_of(ref), codec::json_to_yaml(ordered(object))));
  }
  return object;
}

util::Result<void> DirectoryTarget::remove(const plan::ObjectRef& ref)
{
  const fs::path file = m_dir / file_of(ref);
  std::error_code ec;
  fs::remove(file, ec);
  if (ec) {
    return util::fail("cannot delete {}: {}", file.string(), ec.message());
  }
  // Drop the namespace directory once it is empty (never the target directory itself).
  fs::remove(file.parent_path(), ec);
  return {};
}

util::Result<Rollout> DirectoryTarget::rollout(const plan::ObjectRef& /*ref*/)
{
  return Rollout{true, false, "written"};
}

} // namespace pave::targets
