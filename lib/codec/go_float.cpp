#include <pave/codec/go_float.hpp>

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace pave::codec {

namespace {

/// Shortest decimal digits of |f| and the decimal point position: f = 0.DIGITS * 10^dp.
struct Digits
{
  char d[32];
  int nd = 0;
  int dp = 0;
};

Digits shortest(double f, int bits)
{
  Digits r;
  char buf[64];
  std::to_chars_result res{};
  if (bits == 32) {
    res = std::to_chars(buf, buf + sizeof buf, std::fabs(static_cast<float>(f)), std::chars_format::scientific);
  } else {
    res = std::to_chars(buf, buf + sizeof buf, std::fabs(f), std::chars_format::scientific);
  }
  const char* p = buf;
  const char* end = res.ptr;
  for (; p < end && *p != 'e'; ++p) {
    if (*p != '.') {
      r.d[r.nd++] = *p;
    }
  }
  const int exp = std::atoi(std::string(p + 1, end).c_str());
  if (r.nd == 1 && r.d[0] == '0') {
    r.nd = 0; // zero: Go has no digits
    r.dp = 0;
  } else {
    r.dp = exp + 1;
  }
  return r;
}

void fmt_e(std::string& out, const Digits& d)
{
  out += d.nd == 0 ? '0' : d.d[0];
  if (d.nd > 1) {
    out += '.';
    out.append(d.d + 1, static_cast<std::size_t>(d.nd - 1));
  }
  out += 'e';
  int exp = d.nd == 0 ? 0 : d.dp - 1;
  out += exp < 0 ? '-' : '+';
  exp = std::abs(exp);
  if (exp < 10) {
    out += '0';
    out += static_cast<char>('0' + exp);
  } else if (exp < 100) {
    out += static_cast<char>('0' + exp / 10);
    out += static_cast<char>('0' + exp % 10);
  } else {
    out += static_cast<char>('0' + exp / 100);
    out += static_cast<char>('0' + exp / 10 % 10);
    out += static_cast<char>('0' + exp % 10);
  }
}

void fmt_f(std::string& out, const Digits& d)
{
  if (d.dp > 0) {
    const int m = d.dp < d.nd ? d.dp : d.nd;
    out.append(d.d, static_cast<std::size_t>(m));
    for (int i = m; i < d.dp; ++i) {
      out += '0';
    }
  } else {
    out += '0';
  }
  const int prec = d.nd - d.dp > 0 ? d.nd - d.dp : 0;
  if (prec > 0) {
    out += '.';
    for (int i = 1; i <= prec; ++i) {
      const int j = d.dp + i - 1;
      out += (j >= 0 && j < d.nd) ? d.d[j] : '0';
    }
  }
}

} // namespace

void append_go_float(std::string& out, double f, char fmt, int bits)
{
  if (bits == 32) {
    f = static_cast<double>(static_cast<float>(f));
  }
  if (std::isnan(f)) {
    out += "NaN";
    return;
  }
  if (std::isinf(f)) {
    out += f > 0 ? "+Inf" : "-Inf";
    return;
  }
  if (std::signbit(f)) {
    out += '-';
  }
  const Digits d = shortest(f, bits);
  if (fmt == 'e') {
    fmt_e(out, d);
  } else if (fmt == 'f') {
    fmt_f(out, d);
  } else {
    const int exp = (d.nd == 0 ? 1 : d.dp) - 1;
    // Shortest 'g' decides with precision 6 (strconv's eprec).
    if (exp < -4 || exp >= 6) {
      fmt_e(out, d);
    } else {
      fmt_f(out, d);
    }
  }
}

std::string go_float(double f, char fmt, int bits)
{
  std::string out;
  append_go_float(out, f, fmt, bits);
  return out;
}

void append_json_float(std::string& out, double f)
{
  const double a = std::fabs(f);
  if (a != 0 && (a < 1e-6 || a >= 1e21)) {
    const std::size_t start = out.size();
    append_go_float(out, f, 'e', 64);
    // Clean up e-09 to e-9.
    const std::size_t n = out.size() - start;
    if (n >= 4 && out[out.size() - 4] == 'e' && out[out.size() - 3] == '-' && out[out.size() - 2] == '0') {
      out.erase(out.size() - 2, 1);
    }
    return;
  }
  append_go_float(out, f, 'f', 64);
}

} // namespace pave::codec
