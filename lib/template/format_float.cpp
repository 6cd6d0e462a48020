// strconv.FormatFloat, ported from Go 1.19 src/strconv/ftoa.go. Digits come
// from std::to_chars (shortest round-trip, or correctly rounded to a precision);
// the layout rules ('e', 'f', 'g' exponent thresholds) are Go's.
#include <pave/template/format.hpp>
#include <pave/template/format_printer.hpp>

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>

namespace pave::tmpl {

namespace detail {

namespace {

/// Decimal digits of |v|: value = 0.d[0]d[1]... * 10^dp. Zero has nd = 0.
struct Digits
{
  char d[800];
  int nd = 0;
  int dp = 0;
};

/// Parses std::to_chars scientific output "D[.DDD]e±XX" into digits.
void parse_scientific(const char* first, const char* last, Digits& digs)
{
  digs.nd = 0;
  const char* p = first;
  for (; p != last && *p != 'e'; ++p) {
    if (*p != '.') {
      digs.d[digs.nd++] = *p;
    }
  }
  int exp = 0;
  if (p != last) {
    ++p; // 'e'
    bool neg = *p == '-';
    ++p;
    std::from_chars(p, last, exp);
    if (neg) {
      exp = -exp;
    }
  }
  digs.dp = exp + 1;
  while (digs.nd > 0 && digs.d[digs.nd - 1] == '0') {
    --digs.nd;
  }
  if (digs.nd == 0) {
    digs.dp = 0;
  }
}

/// Shortest digits that round-trip (Go's ryuFtoaShortest).
void shortest_digits(double a, Digits& digs)
{
  if (a == 0) {
    digs.nd = 0;
    digs.dp = 0;
    return;
  }
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, a, std::chars_format::scientific);
  parse_scientific(buf, r.ptr, digs);
}

/// `n` significant digits, correctly rounded (half to even on exact ties), trailing zeros trimmed.
void fixed_digits(double a, int n, Digits& digs)
{
  if (a == 0) {
    digs.nd = 0;
    digs.dp = 0;
    return;
  }
  n = std::clamp(n, 1, 760);
  char buf[800];
  auto r = std::to_chars(buf, buf + sizeof buf, a, std::chars_format::scientific, n - 1);
  parse_scientific(buf, r.ptr, digs);
}

void fmt_e(std::string& out, bool neg, const Digits& d, int prec, char fmt)
{
  if (neg) {
    out.push_back('-');
  }
  out.push_back(d.nd != 0 ? d.d[0] : '0');
  if (prec > 0) {
    out.push_back('.');
    int i = 1;
    int m = std::min(d.nd, prec + 1);
    if (i < m) {
      out.append(d.d + i, static_cast<std::size_t>(m - i));
      i = m;
    }
    for (; i <= prec; ++i) {
      out.push_back('0');
    }
  }
  out.push_back(fmt);
  int exp = d.nd == 0 ? 0 : d.dp - 1;
  if (exp < 0) {
    out.push_back('-');
    exp = -exp;
  } else {
    out.push_back('+');
  }
  if (exp < 100) {
    out.push_back(static_cast<char>('0' + exp / 10));
    out.push_back(static_cast<char>('0' + exp % 10));
  } else {
    out.push_back(static_cast<char>('0' + exp / 100));
    out.push_back(static_cast<char>('0' + (exp / 10) % 10));
    out.push_back(static_cast<char>('0' + exp % 10));
  }
}

void fmt_f(std::string& out, bool neg, const Digits& d, int prec)
{
  if (neg) {
    out.push_back('-');
  }
  if (d.dp > 0) {
    int m = std::min(d.nd, d.dp);
    out.append(d.d, static_cast<std::size_t>(m));
    for (; m < d.dp; ++m) {
      out.push_back('0');
    }
  } else {
    out.push_back('0');
  }
  if (prec > 0) {
    out.push_back('.');
    for (int i = 0; i < prec; ++i) {
      int j = d.dp + i;
      out.push_back(j >= 0 && j < d.nd ? d.d[j] : '0');
    }
  }
}

void fmt_b(std::string& out, bool neg, std::uint64_t mant, int exp)
{
  if (neg) {
    out.push_back('-');
  }
  out += std::to_string(mant);
  out.push_back('p');
  exp -= 52;
  if (exp >= 0) {
    out.push_back('+');
  }
  out += std::to_string(exp);
}

void fmt_x(std::string& out, int prec, char fmt, bool neg, std::uint64_t mant, int exp)
{
  if (mant == 0) {
    exp = 0;
  }
  mant <<= 60 - 52;
  while (mant != 0 && (mant & (std::uint64_t(1) << 60)) == 0) {
    mant <<= 1;
    --exp;
  }
  if (prec >= 0 && prec < 15) {
    auto shift = static_cast<unsigned>(prec * 4);
    std::uint64_t extra = (mant << shift) & ((std::uint64_t(1) << 60) - 1);
    mant >>= 60 - shift;
    if ((extra | (mant & 1)) > (std::uint64_t(1) << 59)) {
      ++mant;
    }
    mant <<= 60 - shift;
    if ((mant & (std::uint64_t(1) << 61)) != 0) {
      mant >>= 1;
      ++exp;
    }
  }
  const char* hex = fmt == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
  if (neg) {
    out.push_back('-');
  }
  out.push_back('0');
  out.push_back(fmt);
  out.push_back(static_cast<char>('0' + ((mant >> 60) & 1)));
  mant <<= 4;
  if (prec < 0 && mant != 0) {
    out.push_back('.');
    while (mant != 0) {
      out.push_back(hex[(mant >> 60) & 15]);
      mant <<= 4;
    }
  } else if (prec > 0) {
    out.push_back('.');
    for (int i = 0; i < prec; ++i) {
      out.push_back(hex[(mant >> 60) & 15]);
      mant <<= 4;
    }
  }
  out.push_back(fmt == 'X' ? 'P' : 'p');
  if (exp < 0) {
    out.push_back('-');
    exp = -exp;
  } else {
    out.push_back('+');
  }
  if (exp < 100) {
    out.push_back(static_cast<char>('0' + exp / 10));
    out.push_back(static_cast<char>('0' + exp % 10));
  } else if (exp < 1000) {
    out.push_back(static_cast<char>('0' + exp / 100));
    out.push_back(static_cast<char>('0' + (exp / 10) % 10));
    out.push_back(static_cast<char>('0' + exp % 10));
  } else {
    out.push_back(static_cast<char>('0' + exp / 1000));
    out.push_back(static_cast<char>('0' + (exp / 100) % 10));
    out.push_back(static_cast<char>('0' + (exp / 10) % 10));
    out.push_back(static_cast<char>('0' + exp % 10));
  }
}

} // namespace

void append_float(std::string& out, double v, char fmt, int prec)
{
  if (std::isnan(v)) {
    out += "NaN";
    return;
  }
  if (std::isinf(v)) {
    out += v < 0 ? "-Inf" : "+Inf";
    return;
  }
  bool neg = std::signbit(v);
  if (fmt == 'b' || fmt == 'x' || fmt == 'X') {
    auto bits = std::bit_cast<std::uint64_t>(v);
    int exp = static_cast<int>((bits >> 52) & 0x7FF);
    std::uint64_t mant = bits & ((std::uint64_t(1) << 52) - 1);
    if (exp == 0) {
      ++exp;
    } else {
      mant |= std::uint64_t(1) << 52;
    }
    exp -= 1023;
    if (fmt == 'b') {
      fmt_b(out, neg, mant, exp);
    } else {
      fmt_x(out, prec, fmt, neg, mant, exp);
    }
    return;
  }
  double a = std::fabs(v);
  if (fmt == 'f' && prec >= 0) {
    if (neg) {
      out.push_back('-');
    }
    char buf[400];
    auto r = std::to_chars(buf, buf + sizeof buf, a, std::chars_format::fixed, prec);
    if (r.ec == std::errc{}) {
      out.append(buf, r.ptr);
    } else {
      std::string big(static_cast<std::size_t>(prec) + 330, '\0');
      auto r2 = std::to_chars(big.data(), big.data() + big.size(), a, std::chars_format::fixed, prec);
      out.append(big.data(), r2.ptr);
    }
    return;
  }
  Digits digs;
  bool shortest = prec < 0;
  if (shortest) {
    shortest_digits(a, digs);
    switch (fmt) {
    case 'e':
    case 'E': prec = std::max(digs.nd - 1, 0); break;
    case 'f': prec = std::max(digs.nd - digs.dp, 0); break;
    default: prec = digs.nd; break;
    }
  } else {
    int n = prec;
    if (fmt == 'e' || fmt == 'E') {
      n = prec + 1;
    } else {
      if (prec == 0) {
        prec = 1;
      }
      n = prec;
    }
    fixed_digits(a, n, digs);
  }
  switch (fmt) {
  case 'e':
  case 'E': fmt_e(out, neg, digs, prec, fmt); return;
  case 'f': fmt_f(out, neg, digs, prec); return;
  case 'g':
  case 'G': {
    int eprec = prec;
    if (eprec > digs.nd && digs.nd >= digs.dp) {
      eprec = digs.nd;
    }
    if (shortest) {
      eprec = 6;
    }
    int exp = digs.dp - 1;
    if (exp < -4 || exp >= eprec) {
      if (prec > digs.nd) {
        prec = digs.nd;
      }
      fmt_e(out, neg, digs, prec - 1, static_cast<char>(fmt + 'e' - 'g'));
      return;
    }
    if (prec > digs.dp) {
      prec = digs.nd;
    }
    fmt_f(out, neg, digs, std::max(prec - digs.dp, 0));
    return;
  }
  default:
    out.push_back('%');
    out.push_back(fmt);
  }
}


} // namespace detail

std::string format_float(double f, char fmt, int prec)
{
  std::string out;
  detail::append_float(out, f, fmt, prec);
  return out;
}

} // namespace pave::tmpl
