#include <pave/backup/retention.hpp>

#include <algorithm>

#include <fmt/format.h>


namespace pave::backup {

namespace {

using namespace std::chrono;

std::string day_key(system_clock::time_point t)
{
  const year_month_day d{floor<days>(t)};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                     static_cast<unsigned>(d.day()));
}

std::string week_key(system_clock::time_point t)
{
  // The Monday that starts the week (1970-01-01 was a Thursday, so days + 3 counts from a Monday).
  const auto day = floor<days>(t).time_since_epoch().count();
  const auto monday_index = day + 3 >= 0 ? (day + 3) / 7 : (day + 3 - 6) / 7;
  return day_key(system_clock::time_point(days(monday_index * 7 - 3)));
}

std::string month_key(system_clock::time_point t)
{
  const year_month_day d{floor<days>(t)};
  return fmt::format("{:04}-{:02}", static_cast<int>(d.year()), static_cast<unsigned>(d.month()));
}

void bucket_rule(std::vector<RetentionDecision>& out, const std::vector<BackupInfo>& b, int n, const char* name,
                 std::string (*key)(system_clock::time_point))
{
  std::string last;
  int kept = 0;
  for (std::size_t i = 0; i < b.size() && kept < n; ++i) {
    const std::string k = key(b[i].created);
    if (k != last) {
      last = k;
      ++kept;
      out[i].keep = true;
      out[i].reasons.push_back(fmt::format("{} {}", name, k));
    }
  }
}

} // namespace

std::vector<RetentionDecision> apply_retention(std::vector<BackupInfo> backups, const RetentionPolicy& p,
                                               system_clock::time_point now)
{
  std::sort(backups.begin(), backups.end(), [](const BackupInfo& a, const BackupInfo& b) {
    return a.created != b.created ? a.created > b.created : a.id > b.id;
  });
  std::vector<RetentionDecision> out;
  for (const auto& b : backups) {
    out.push_back({b.id, false, {}});
  }
  const bool rules = p.keep_last + p.keep_daily + p.keep_weekly + p.keep_monthly > 0;
  for (int i = 0; i < p.keep_last && i < static_cast<int>(out.size()); ++i) {
    out[static_cast<std::size_t>(i)].keep = true;
    out[static_cast<std::size_t>(i)].reasons.push_back(fmt::format("last {}", i + 1));
  }
  bucket_rule(out, backups, p.keep_daily, "daily", day_key);
  bucket_rule(out, backups, p.keep_weekly, "weekly", week_key);
  bucket_rule(out, backups, p.keep_monthly, "monthly", month_key);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const bool expired = p.ttl && now - backups[i].created > *p.ttl;
    if (expired) {
      out[i].keep = false;
      out[i].reasons.push_back(fmt::format("expired (TTL {})", format_age(*p.ttl)));
    } else if (!rules && p.ttl) {
      out[i].keep = true;
      out[i].reasons.push_back(fmt::format("within TTL {}", format_age(*p.ttl)));
    }
  }
  return out;
}

} // namespace pave::backup
