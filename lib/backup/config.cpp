#include <pave/backup/config.hpp>

#include <pave/util/strings.hpp>
#include <pave/util/time.hpp>

namespace pave::backup {

namespace {

constexpr std::string_view k_keys[] = {"destination", "rpo", "key_file", "keep_last", "keep_daily", "keep_weekly",
                                       "keep_monthly", "ttl", "schedule", "region", "aws_profile", "endpoint_url",
                                       "compression_level"};

std::size_t distance(std::string_view a, std::string_view b)
{
  std::vector<std::size_t> d(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) {
    d[j] = j;
  }
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t prev = d[0];
    d[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cur = d[j];
      d[j] = std::min({d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] == b[j - 1] ? 0 : 1)});
      prev = cur;
    }
  }
  return d[b.size()];
}

} // namespace

util::Result<BackupConfig> parse_backup_config(const project::Project& project)
{
  BackupConfig c;
  const auto it = project.reserved.find("backup");
  if (it == project.reserved.end()) {
    return c;
  }
  const std::string file = project.file.filename().string().empty() ? "pave.toml" : project.file.string();
  const auto& t = it->second;
  if (!t.is_object()) {
    return util::fail("{}: [backup] must be a table", file);
  }
  for (const auto& [key, value] : t.items()) {
    const bool known = std::find(std::begin(k_keys), std::end(k_keys), key) != std::end(k_keys);
    if (!known) {
      std::string hint;
      for (const auto k : k_keys) {
        if (distance(key, k) <= 2) {
          hint = fmt::format(" (did you mean {}?)", k);
          break;
        }
      }
      return util::fail("{}: [backup] unknown key \"{}\"{}", file, key, hint);
    }
    auto want_string = [&](std::string& out) -> util::Result<void> {
      if (!value.is_string()) {
        return util::fail("{}: [backup] {}: expected a string", file, key);
      }
      out = value.get<std::string>();
      return {};
    };
    auto want_count = [&](int& out) -> util::Result<void> {
      if (!value.is_number_integer() || value.get<std::int64_t>() < 0 || value.get<std::int64_t>() > 100000) {
        return util::fail("{}: [backup] {}: expected a whole number from 0 to 100000", file, key);
      }
      out = value.get<int>();
      return {};
    };
    auto want_duration = [&](std::optional<std::chrono::milliseconds>& out) -> util::Result<void> {
      std::string s;
      PAVE_TRY(want_string(s));
      auto d = util::parse_duration(s);
      if (!d || d->count() <= 0) {
        return util::fail("{}: [backup] {}: {:?} is not a positive duration (e.g. \"24h\", \"90m\")", file, key, s);
      }
      out = *d;
      return {};
    };
    if (key == "destination") {
      PAVE_TRY(want_string(c.destination));
    } else if (key == "rpo") {
      PAVE_TRY(want_duration(c.rpo));
    } else if (key == "key_file") {
      PAVE_TRY(want_string(c.key_file));
      c.key_file = (project.dir / c.key_file).string();
    } else if (key == "keep_last") {
      PAVE_TRY(want_count(c.retention.keep_last));
    } else if (key == "keep_daily") {
      PAVE_TRY(want_count(c.retention.keep_daily));
    } else if (key == "keep_weekly") {
      PAVE_TRY(want_count(c.retention.keep_weekly));
    } else if (key == "keep_monthly") {
      PAVE_TRY(want_count(c.retention.keep_monthly));
    } else if (key == "ttl") {
      PAVE_TRY(want_duration(c.retention.ttl));
    } else if (key == "schedule") {
      PAVE_TRY(want_string(c.schedule));
    } else if (key == "region") {
      PAVE_TRY(want_string(c.region));
    } else if (key == "aws_profile") {
      PAVE_TRY(want_string(c.aws_profile));
    } else if (key == "endpoint_url") {
      PAVE_TRY(want_string(c.endpoint_url));
    } else if (key == "compression_level") {
      if (!value.is_number_integer() || value.get<std::int64_t>() < 1 || value.get<std::int64_t>() > 19) {
        return util::fail("{}: [backup] compression_level: expected 1 to 19", file);
      }
      c.compression_level = value.get<int>();
    }
  }
  return c;
}

} // namespace pave::backup
