#include <pave/failover/journal.hpp>

#include <fmt/format.h>

#include <pave/codec/json_integer.hpp>
#include <pave/util/fs.hpp>

namespace pave::failover {

using nlohmann::json;

std::string serialize_journal(const Journal& j)
{
  json steps = json::array();
  for (const auto& s : j.steps) {
    steps.push_back({{"number", s.number},
                     {"name", s.name},
                     {"status", s.status},
                     {"started", s.started},
                     {"duration_ms", s.duration_ms},
                     {"detail", s.detail},
                     {"data", s.data}});
  }
  const json doc = {{"format_version", Journal::k_format},
                    {"id", j.id},
                    {"operation", j.operation},
                    {"environment", j.environment},
                    {"from", j.from},
                    {"to", j.to},
                    {"forced", j.forced},
                    {"started", j.started},
                    {"started_ms", j.started_ms},
                    {"steps", steps}};
  return doc.dump(2) + "\n";
}

util::Result<Journal> parse_journal(std::string_view text, const std::string& source)
{
  auto corrupt = [&](const std::string& what) {
    return util::fail("failover journal {} is corrupt: {} (remove it to start over)", source, what);
  };
  json doc;
  try {
    doc = json::parse(text);
  } catch (const json::parse_error& e) {
    return corrupt(fmt::format("not JSON (syntax error at byte {})", e.byte));
  } catch (const json::exception& e) { // a number out of range (out_of_range.406)
    return corrupt(fmt::format("not JSON ({})", e.what()));
  }
  if (!doc.is_object()) {
    return corrupt("not a JSON object");
  }
  const auto fv = doc.find("format_version");
  const auto format = fv == doc.end() ? std::nullopt : codec::json_integer(*fv);
  if (!format) {
    return corrupt("no integer format_version");
  }
  if (*format != Journal::k_format) {
    return util::fail("failover journal {} has format {}; this pave reads format {}", source, fv->dump(),
                      Journal::k_format);
  }
  try {
    Journal j;
    j.id = doc.at("id").get<std::string>();
    j.operation = doc.at("operation").get<std::string>();
    j.environment = doc.at("environment").get<std::string>();
    j.from = doc.at("from").get<std::string>();
    j.to = doc.at("to").get<std::string>();
    j.forced = doc.at("forced").get<bool>();
    j.started = doc.at("started").get<std::string>();
    j.started_ms = codec::json_integer_at(doc, "started_ms");
    int expected = 1;
    for (const auto& s : doc.at("steps")) {
      StepRecord r;
      r.number = static_cast<int>(codec::json_integer_at(s, "number", 1, 1000000));
      r.name = s.at("name").get<std::string>();
      r.status = s.at("status").get<std::string>();
      r.started = s.at("started").get<std::string>();
      r.duration_ms = codec::json_integer_at(s, "duration_ms");
      r.detail = s.at("detail").get<std::string>();
      r.data = s.at("data");
      if (r.number != expected++) {
        return corrupt(fmt::format("step {} recorded out of order", r.number));
      }
      j.steps.push_back(std::move(r));
    }
    return j;
  } catch (const json::exception& e) {
    return corrupt(e.what());
  }
}

util::Result<std::optional<Journal>> read_journal(const std::filesystem::path& path)
{
  if (!util::exists(path)) {
    return std::optional<Journal>();
  }
  PAVE_TRY_ASSIGN(const std::string text, util::read_file(path));
  PAVE_TRY_ASSIGN(Journal j, parse_journal(text, path.string()));
  return std::optional<Journal>(std::move(j));
}

util::Result<void> write_journal(const std::filesystem::path& path, const Journal& j)
{
  PAVE_TRY(util::create_directories(path.parent_path()));
  return util::write_file_atomic(path, serialize_journal(j), 0600);
}

util::Result<void> remove_journal(const std::filesystem::path& path)
{
  std::error_code ec;
  std::filesystem::remove(path, ec);
  if (ec) {
    return util::fail("cannot remove {}: {}", path.string(), ec.message());
  }
  return {};
}

} // namespace pave::failover
