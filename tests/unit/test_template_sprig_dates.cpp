// Sprig date functions; expected values from the oracle (Local is UTC on the
// oracle's machine and in these tests' environment: /etc/localtime or TZ unset).
#include <doctest/doctest.h>

#include "sprig_test.hpp"

using pave::tmpl::Value;
using pave::test::sprig_call;
using pave::test::sprig_err;
using pave::test::sprig_tv;

TEST_CASE("sprig::dates")
{
  CHECK(sprig_tv("toDate", {Value("2006-01-02"), Value("2024-03-05")}) == "time.Time|2024-03-05 00:00:00 +0000 UTC");
  CHECK(sprig_tv("toDate", {Value("2006-01-02"), Value("bad")}) == "time.Time|0001-01-01 00:00:00 +0000 UTC");
  CHECK(sprig_err("mustToDate", {Value("2006-01-02"), Value("2024-13-05")}) == "parsing time \"2024-13-05\": month out of range");
  CHECK(sprig_err("mustToDate", {Value("2006-01-02 15:04"), Value("2024-03-05")}) == "parsing time \"2024-03-05\" as \"2006-01-02 15:04\": cannot parse \"\" as \"15\"");
  CHECK(sprig_tv("toDate", {Value("Jan 2 2006 3:04:05PM -0700"), Value("Mar 5 2024 2:07:09AM +0130")}) == "time.Time|2024-03-05 02:07:09 +0130 +0130");
  CHECK(sprig_tv("toDate", {Value("02/01/06"), Value("31/12/99")}) == "time.Time|1999-12-31 00:00:00 +0000 UTC");
  CHECK(sprig_tv("toDate", {Value("2006-01-02T15:04:05Z07:00"), Value("2024-03-05T10:00:00Z")}) == "time.Time|2024-03-05 10:00:00 +0000 UTC");
  CHECK(sprig_tv("toDate", {Value("2006-01-02T15:04:05Z07:00"), Value("2024-03-05T10:00:00+02:00")}) == "time.Time|2024-03-05 10:00:00 +0200 +0200");
  CHECK(sprig_tv("toDate", {Value("2006-01-02 15:04:05.999"), Value("2024-03-05 14:07:09.123")}) == "time.Time|2024-03-05 14:07:09.123 +0000 UTC");
  CHECK(sprig_tv("toDate", {Value("2006-01-02 15:04:05"), Value("2024-03-05 14:07:09.5")}) == "time.Time|2024-03-05 14:07:09.5 +0000 UTC");
  CHECK(sprig_tv("toDate", {Value("Monday, 02-Jan-06 15:04:05 MST"), Value("Tuesday, 05-Mar-24 14:07:09 PST")}) == "time.Time|2024-03-05 14:07:09 +0000 PST");
  CHECK(sprig_tv("toDate", {Value("3:04PM"), Value("12:30AM")}) == "time.Time|0000-01-01 00:30:00 +0000 UTC");
  CHECK(sprig_tv("toDate", {Value("2006-01-02"), Value("2024-02-30")}) == "time.Time|0001-01-01 00:00:00 +0000 UTC");
  CHECK(sprig_err("mustToDate", {Value("2006-01-02"), Value("2024-02-30")}) == "parsing time \"2024-02-30\": day out of range");
  CHECK(sprig_err("mustToDate", {Value("2006-01-02"), Value("2024-03-05x")}) == "parsing time \"2024-03-05x\": extra text: \"x\"");
  CHECK(sprig_err("mustToDate", {Value("Jan 2006"), Value("Foo 2024")}) == "parsing time \"Foo 2024\" as \"Jan 2006\": cannot parse \"Foo 2024\" as \"Jan\"");
  CHECK(sprig_tv("toDate", {Value("January _2 2006"), Value("March  5 2024")}) == "time.Time|2024-03-05 00:00:00 +0000 UTC");
  CHECK(sprig_tv("toDate", {Value("2006.002"), Value("2024.065")}) == "time.Time|2024-03-05 00:00:00 +0000 UTC");
  CHECK(sprig_tv("toDate", {Value("15:04:05"), Value("25:00:00")}) == "time.Time|0001-01-01 00:00:00 +0000 UTC");
  CHECK(sprig_tv("date", {Value("2006-01-02T15:04:05Z07:00 Mon Jan _2 3PM .000 MST"), sprig_call("toDate", {Value("2006-01-02 15:04:05.999"), Value("2024-03-05 14:07:09.123")})}) == "string|2024-03-05T14:07:09Z Tue Mar  5 2PM .123 UTC");
  CHECK(sprig_tv("date", {Value("Monday January 2 06 03:04:05.999999 pm -07:00:00 Z0700 __2 002 ,000"), sprig_call("toDate", {Value("2006-01-02"), Value("2024-03-05")})}) == "string|Tuesday March 5 24 12:00:00 am +00:00:00 Z  65 065 ,000");
  CHECK(sprig_tv("dateInZone", {Value("2006-01-02 15:04 MST -07:00"), sprig_call("toDate", {Value("2006-01-02 15:04"), Value("2024-07-05 14:07")}), Value("Europe/Berlin")}) == "string|2024-07-05 16:07 CEST +02:00");
  CHECK(sprig_tv("dateInZone", {Value("15:04 MST"), Value(0), Value("Nope/Zone")}) == "string|00:00 UTC");
  CHECK(sprig_tv("dateInZone", {Value("2006-01-02 15:04 MST"), Value(std::int64_t{1700000000}), Value("America/New_York")}) == "string|2023-11-14 17:13 EST");
  CHECK(sprig_tv("date_in_zone", {Value("15:04 MST"), Value(std::int64_t{1720000000}), Value("Asia/Kolkata")}) == "string|15:16 IST");
  CHECK(sprig_tv("dateInZone", {Value("15:04 Z07:00"), Value(std::int64_t{1720000000}), Value("UTC")}) == "string|09:46 Z");
  CHECK(sprig_tv("htmlDate", {Value(86400)}) == "string|1970-01-02");
  CHECK(sprig_tv("htmlDateInZone", {Value(std::int64_t{86400}), Value("Asia/Tokyo")}) == "string|1970-01-02");
  CHECK(sprig_tv("dateModify", {Value("1h30m"), sprig_call("toDate", {Value("2006-01-02"), Value("2024-03-05")})}) == "time.Time|2024-03-05 01:30:00 +0000 UTC");
  CHECK(sprig_tv("date_modify", {Value("bad"), sprig_call("toDate", {Value("2006-01-02"), Value("2024-03-05")})}) == "time.Time|2024-03-05 00:00:00 +0000 UTC");
  CHECK(sprig_tv("mustDateModify", {Value("-2h"), sprig_call("toDate", {Value("2006-01-02"), Value("2024-03-05")})}) == "time.Time|2024-03-04 22:00:00 +0000 UTC");
  CHECK(sprig_err("must_date_modify", {Value("bad"), sprig_call("toDate", {Value("2006-01-02"), Value("2024-03-05")})}) == "time: invalid duration \"bad\"");
  CHECK(sprig_tv("mustDateModify", {Value("1.5h"), sprig_call("toDate", {Value("2006-01-02"), Value("2024-03-05")})}) == "time.Time|2024-03-05 01:30:00 +0000 UTC");
  CHECK(sprig_err("mustDateModify", {Value("1x"), sprig_call("toDate", {Value("2006-01-02"), Value("2024-03-05")})}) == "time: unknown unit \"x\" in duration \"1x\"");
  CHECK(sprig_err("mustDateModify", {Value("5"), sprig_call("toDate", {Value("2006-01-02"), Value("2024-03-05")})}) == "time: missing unit in duration \"5\"");
  CHECK(sprig_tv("duration", {Value(95)}) == "string|0s");
  CHECK(sprig_tv("duration", {Value("3700")}) == "string|1h1m40s");
  CHECK(sprig_tv("duration", {Value(std::int64_t{86400})}) == "string|24h0m0s");
  CHECK(sprig_tv("duration", {Value(1.5)}) == "string|0s");
  CHECK(sprig_tv("duration", {Value("x")}) == "string|0s");
  CHECK(sprig_tv("duration", {Value("0")}) == "string|0s");
  CHECK(sprig_tv("duration", {Value("-61")}) == "string|-1m1s");
  CHECK(sprig_tv("durationRound", {Value("2h10m")}) == "string|2h");
  CHECK(sprig_tv("durationRound", {Value(std::int64_t{3600000000000})}) == "string|60m");
  CHECK(sprig_tv("durationRound", {Value("400h")}) == "string|16d");
  CHECK(sprig_tv("durationRound", {Value("9000h")}) == "string|1y");
  CHECK(sprig_tv("durationRound", {Value("-3m5s")}) == "string|3m");
  CHECK(sprig_tv("durationRound", {Value("1s")}) == "string|0s");
  CHECK(sprig_tv("durationRound", {Value(5)}) == "string|0s");
  CHECK(sprig_tv("durationRound", {Value("1.5s")}) == "string|1s");
  CHECK(sprig_tv("durationRound", {Value("bad")}) == "string|0s");
  CHECK(sprig_tv("durationRound", {Value("721h")}) == "string|1mo");
  CHECK(sprig_tv("unixEpoch", {sprig_call("toDate", {Value("2006-01-02"), Value("2024-03-05")})}) == "string|1709596800");
}

TEST_CASE("sprig::dates now")
{
  Value now = sprig_call("now", {});
  CHECK(now.type_name() == "time.Time");
  CHECK(now.kind_name() == "struct");
  // {{ now }} prints Go's Time.String with the monotonic clock reading.
  std::string s = pave::tmpl::sprint_value(now);
  CHECK(s.find(" m=+") != std::string::npos);
  CHECK(sprig_call("date", {Value("2006"), Value("x")}).as_string().size() == 4);
  CHECK(sprig_tv("ago", {now}) == "string|0s");
  CHECK(sprig_tv("durationRound", {now}) == "string|0s");
  Value d = sprig_call("toDate", {Value("2006-01-02"), Value("2024-03-05")});
  const auto& obj = d.as_object();
  CHECK(pave::tmpl::sprint_value(*obj.member("Unix", {})) == "1709596800");
  CHECK(pave::tmpl::sprint_value(*obj.member("Year", {})) == "2024");
  CHECK(pave::tmpl::sprint_value(*obj.member("Month", {})) == "March");
  CHECK(pave::tmpl::sprint_value(*obj.member("Weekday", {})) == "Tuesday");
  CHECK(pave::tmpl::sprint_value(*obj.member("YearDay", {})) == "65");
  std::vector<Value> layout{Value("Jan 2")};
  CHECK(pave::tmpl::sprint_value(*obj.member("Format", layout)) == "Mar 5");
  CHECK(sprig_err("unixEpoch", {Value("x")}) == "wrong type for value; expected time.Time; got string");
}
