// Go's time.ParseDuration, Duration.String and Duration.Round.
#include <pave/template/sprig/gotime.hpp>
#include <pave/template/sprig/gotime_detail.hpp>

#include <algorithm>

#include <pave/template/strconv.hpp>

namespace pave::tmpl::sprig::gotime {

using namespace detail;

// --- Durations ---------------------------------------------------------------------

std::optional<std::int64_t> parse_duration(std::string_view s0, std::string& error)
{
  std::string_view s = s0;
  auto invalid = [&]() -> std::optional<std::int64_t> {
    error = "time: invalid duration " + go::quote(s0);
    return std::nullopt;
  };
  std::uint64_t d = 0;
  bool neg = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s == "0") {
    return 0;
  }
  if (s.empty()) {
    return invalid();
  }
  while (!s.empty()) {
    std::uint64_t v = 0;
    std::uint64_t f = 0;
    double scale = 1;
    if (!(s[0] == '.' || (s[0] >= '0' && s[0] <= '9'))) {
      return invalid();
    }
    std::size_t pl = s.size();
    bool overflow = false;
    while (!s.empty() && s[0] >= '0' && s[0] <= '9') {
      if (v > (UINT64_MAX >> 1) / 10) {
        overflow = true;
      }
      v = v * 10 + static_cast<std::uint64_t>(s[0] - '0');
      if (v > (std::uint64_t(1) << 63)) {
        overflow = true;
      }
      s.remove_prefix(1);
    }
    if (overflow) {
      return invalid();
    }
    bool pre = pl != s.size();
    bool post = false;
    if (!s.empty() && s[0] == '.') {
      s.remove_prefix(1);
      std::size_t pl2 = s.size();
      bool of = false;
      while (!s.empty() && s[0] >= '0' && s[0] <= '9') {
        if (!of) {
          if (f > (UINT64_MAX >> 1) / 10) {
            of = true;
          } else {
            f = f * 10 + static_cast<std::uint64_t>(s[0] - '0');
            scale *= 10;
          }
        }
        s.remove_prefix(1);
      }
      post = pl2 != s.size();
    }
    if (!pre && !post) {
      return invalid();
    }
    std::size_t i = 0;
    while (i < s.size() && s[i] != '.' && !(s[i] >= '0' && s[i] <= '9')) {
      ++i;
    }
    if (i == 0) {
      error = "time: missing unit in duration " + go::quote(s0);
      return std::nullopt;
    }
    std::string_view u = s.substr(0, i);
    s.remove_prefix(i);
    std::uint64_t unit = 0;
    if (u == "ns") {
      unit = 1;
    } else if (u == "us" || u == "\xc2\xb5s" || u == "\xce\xbcs") {
      unit = 1000;
    } else if (u == "ms") {
      unit = 1000000;
    } else if (u == "s") {
      unit = 1000000000;
    } else if (u == "m") {
      unit = 60ULL * 1000000000;
    } else if (u == "h") {
      unit = 3600ULL * 1000000000;
    } else {
      error = "time: unknown unit " + go::quote(u) + " in duration " + go::quote(s0);
      return std::nullopt;
    }
    if (v > (std::uint64_t(1) << 63) / unit) {
      return invalid();
    }
    v *= unit;
    if (f > 0) {
      v += static_cast<std::uint64_t>(static_cast<double>(f) * (static_cast<double>(unit) / scale));
      if (v > (std::uint64_t(1) << 63)) {
        return invalid();
      }
    }
    d += v;
    if (d > (std::uint64_t(1) << 63)) {
      return invalid();
    }
  }
  if (neg) {
    return static_cast<std::int64_t>(0 - d);
  }
  if (d > static_cast<std::uint64_t>(INT64_MAX)) {
    return invalid();
  }
  return static_cast<std::int64_t>(d);
}

std::string duration_string(std::int64_t d)
{
  char buf[32];
  int w = sizeof buf;
  auto u = static_cast<std::uint64_t>(d);
  bool neg = d < 0;
  if (neg) {
    u = 0 - u;
  }
  auto fmt_frac = [&](std::uint64_t v, int prec) {
    bool print = false;
    for (int i = 0; i < prec; ++i) {
      auto digit = v % 10;
      print = print || digit != 0;
      if (print) {
        buf[--w] = static_cast<char>('0' + digit);
      }
      v /= 10;
    }
    if (print) {
      buf[--w] = '.';
    }
    return v;
  };
  auto fmt_int = [&](std::uint64_t v) {
    if (v == 0) {
      buf[--w] = '0';
    } else {
      while (v > 0) {
        buf[--w] = static_cast<char>('0' + v % 10);
        v /= 10;
      }
    }
  };
  if (u < 1000000000) {
    int prec = 0;
    buf[--w] = 's';
    if (u == 0) {
      return "0s";
    }
    if (u < 1000) {
      prec = 0;
      buf[--w] = 'n';
    } else if (u < 1000000) {
      prec = 3;
      // U+00B5 'µ' micro sign.
      buf[--w] = static_cast<char>(0xB5);
      buf[--w] = static_cast<char>(0xC2);
    } else {
      prec = 6;
      buf[--w] = 'm';
    }
    u = fmt_frac(u, prec);
    fmt_int(u);
  } else {
    buf[--w] = 's';
    u = fmt_frac(u, 9);
    fmt_int(u % 60);
    u /= 60;
    if (u > 0) {
      buf[--w] = 'm';
      fmt_int(u % 60);
      u /= 60;
      if (u > 0) {
        buf[--w] = 'h';
        fmt_int(u);
      }
    }
  }
  if (neg) {
    buf[--w] = '-';
  }
  return std::string(buf + w, static_cast<std::size_t>(static_cast<int>(sizeof buf) - w));
}

std::int64_t duration_round(std::int64_t d, std::int64_t m)
{
  if (m <= 0) {
    return d;
  }
  std::int64_t r = d % m;
  if (d < 0) {
    r = -r;
    if (r + r < m) {
      return d + r;
    }
    std::int64_t d1 = d - m + r;
    return d1 < d ? d1 : INT64_MIN;
  }
  if (r + r < m) {
    return d - r;
  }
  std::int64_t d1 = d + m - r;
  return d1 > d ? d1 : INT64_MAX;
}

} // namespace pave::tmpl::sprig::gotime
