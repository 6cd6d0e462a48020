#include <pave/plan/plan_file.hpp>

#include <pave/util/sha256.hpp>
#include <pave/util/fs.hpp>

namespace pave::plan {

util::Result<void> save_plan(const Plan& p, const std::filesystem::path& path)
{
  nlohmann::ordered_json j = to_json(p, true);
  j["checksum"] = util::sha256_tagged(j.dump());
  return util::write_file_atomic(path, j.dump(1) + "\n", 0600);
}

util::Result<Plan> parse_plan(std::string_view bytes, std::string_view name)
{
  nlohmann::ordered_json j = nlohmann::ordered_json::parse(bytes, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    return util::fail("{} is not a pave plan file: not a JSON object (truncated?)", name);
  }
  const auto sum = j.find("checksum");
  if (sum == j.end() || !sum->is_string()) {
    return util::fail("{} is not a pave plan file: it has no checksum", name);
  }
  const std::string expected = *sum;
  j.erase("checksum");
  if (util::sha256_tagged(j.dump()) != expected) {
    return util::fail("{} was altered after it was saved (checksum mismatch); run pave plan again", name);
  }
  auto p = plan_from_json(nlohmann::json(j));
  if (!p) {
    return util::fail("{}: {}", name, p.error().message);
  }
  return p;
}

util::Result<Plan> load_plan(const std::filesystem::path& path)
{
  PAVE_TRY_ASSIGN(std::string bytes, util::read_file(path));
  return parse_plan(bytes, path.string());
}

util::Result<void> check_fresh(const Plan& p, std::string_view name, std::string_view environment,
                               std::string_view lineage, std::uint64_t serial)
{
  if (p.environment != environment) {
    return util::fail("plan {} is for environment {}, not {}", name, p.environment, environment);
  }
  if (p.lineage != lineage) {
    return util::fail("plan {} is stale: it was made against state lineage \"{}\", the state's lineage is \"{}\"; "
                      "run pave plan again",
                      name, p.lineage, lineage);
  }
  if (p.serial != serial) {
    return util::fail("plan {} is stale: it was made against state serial {}, the state is now at serial {}; "
                      "run pave plan again",
                      name, p.serial, serial);
  }
  return {};
}

} // namespace pave::plan
