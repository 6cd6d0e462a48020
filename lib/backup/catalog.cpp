#include <pave/backup/catalog.hpp>

#include <algorithm>

#include <pave/util/time.hpp>

namespace pave::backup {

BackupHeader BackupInfo::header() const
{
  BackupHeader h;
  h.id = id;
  h.environment = environment;
  h.created = created_text;
  h.cluster = cluster;
  h.pave_version = pave_version;
  h.scope = scope;
  h.counts = counts;
  return h;
}

std::string format_age(std::chrono::milliseconds d)
{
  const long long s = std::max<long long>(0, d.count() / 1000);
  const long long days = s / 86400, hours = s % 86400 / 3600, minutes = s % 3600 / 60, seconds = s % 60;
  if (days > 0) {
    return hours > 0 ? fmt::format("{}d{}h", days, hours) : fmt::format("{}d", days);
  }
  if (hours > 0) {
    return minutes > 0 ? fmt::format("{}h{}m", hours, minutes) : fmt::format("{}h", hours);
  }
  if (minutes > 0) {
    return seconds > 0 ? fmt::format("{}m{}s", minutes, seconds) : fmt::format("{}m", minutes);
  }
  return fmt::format("{}s", seconds);
}

std::string object_key(const std::string& id, std::string_view object) { return id + "/" + std::string(object); }

nlohmann::ordered_json to_json(const BackupInfo& info)
{
  nlohmann::ordered_json j;
  write_header(j, info.header());
  j["archive"] = {{"name", k_archive_object}, {"size", info.size}, {"sha256", info.sha256}, {"key", info.key_kind}};
  return j;
}

util::Result<BackupInfo> parse_record(std::string_view text)
{
  const auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded()) {
    return util::fail("backup record: not valid JSON");
  }
  PAVE_TRY_ASSIGN(const BackupHeader h, parse_header(j, "backup record"));
  BackupInfo i;
  i.id = h.id;
  i.environment = h.environment;
  i.created_text = h.created;
  const auto t = util::parse_rfc3339(h.created);
  if (!t) {
    return util::fail("backup record: created {:?} is not an RFC 3339 time", h.created);
  }
  i.created = *t;
  i.cluster = h.cluster;
  i.pave_version = h.pave_version;
  i.scope = h.scope;
  i.counts = h.counts;
  const auto a = j.find("archive");
  if (a == j.end() || !a->is_object()) {
    return util::fail("backup record: missing archive");
  }
  const auto size = a->find("size");
  const auto sha = a->find("sha256");
  const auto key = a->find("key");
  if (size == a->end() || !size->is_number_unsigned()) {
    return util::fail("backup record: archive.size is not a size");
  }
  if (sha == a->end() || !sha->is_string() || !is_sha256_hex(sha->get<std::string>())) {
    return util::fail("backup record: archive.sha256 is not 64 hex digits");
  }
  if (key == a->end() || !key->is_string() || (*key != "key" && *key != "passphrase")) {
    return util::fail("backup record: archive.key is not \"key\" or \"passphrase\"");
  }
  i.size = size->get<std::uint64_t>();
  i.sha256 = sha->get<std::string>();
  i.key_kind = key->get<std::string>();
  return i;
}

util::Result<std::vector<BackupInfo>> list_backups(Destination& dest, const std::string& environment,
                                                   std::vector<std::string>* warnings)
{
  PAVE_TRY_ASSIGN(const auto entries, dest.list(""));
  std::vector<BackupInfo> out;
  for (const auto& e : entries) {
    const auto slash = e.key.find('/');
    if (slash == std::string::npos || e.key.substr(slash + 1) != k_record_object) {
      continue;
    }
    PAVE_TRY_ASSIGN(const auto text, dest.get(e.key));
    if (!text) {
      continue; // removed meanwhile
    }
    auto info = parse_record(*text);
    if (!info || info->id != e.key.substr(0, slash)) {
      if (warnings != nullptr) {
        warnings->push_back(fmt::format("{}/{}: skipped: {}", dest.describe(), e.key,
                                        info ? "its id does not match its folder" : info.error().message));
      }
      continue;
    }
    if (environment.empty() || info->environment == environment) {
      out.push_back(std::move(*info));
    }
  }
  std::sort(out.begin(), out.end(), [](const BackupInfo& a, const BackupInfo& b) {
    return a.created != b.created ? a.created < b.created : a.id < b.id;
  });
  return out;
}

util::Result<BackupInfo> find_backup(Destination& dest, const std::string& id)
{
  if (id.empty() || id.find('/') != std::string::npos || id == "." || id == "..") {
    return util::fail("{:?} is not a backup id", id);
  }
  PAVE_TRY_ASSIGN(const auto text, dest.get(object_key(id, k_record_object)));
  if (!text) {
    util::Error e{fmt::format("no backup {} in {}", id, dest.describe())};
    e.detail = "`pave backup list` shows the backups there";
    return std::unexpected(e);
  }
  auto info = parse_record(*text);
  if (!info) {
    return util::fail("{}/{}: {}", dest.describe(), object_key(id, k_record_object), info.error().message);
  }
  return info;
}

util::Result<void> delete_backup(Destination& dest, const std::string& id)
{
  PAVE_TRY(dest.remove(object_key(id, k_record_object)));
  return dest.remove(object_key(id, k_archive_object));
}

} // namespace pave::backup
