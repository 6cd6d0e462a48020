// Go's fmt formatting primitives (src/fmt/format.go): padding, integers,
// strings, quoting, characters and floats under the current flags.
#include <pave/template/format_printer.hpp>

#include <algorithm>

#include <pave/template/strconv.hpp>

namespace pave::tmpl::detail {

void Printer::write_rune(char32_t r)
{
  go::append_rune(m_buf, r);
}

void Printer::write_padding(int n)
{
  if (n <= 0) {
    return;
  }
  m_buf.append(static_cast<std::size_t>(n), m_f.zero ? '0' : ' ');
}

void Printer::pad(std::string_view s)
{
  if (!m_f.wid_present || m_wid == 0) {
    m_buf.append(s);
    return;
  }
  int width = m_wid - static_cast<int>(go::rune_count(s));
  if (!m_f.minus) {
    write_padding(width);
    m_buf.append(s);
  } else {
    m_buf.append(s);
    write_padding(width);
  }
}

void Printer::fmt_unicode(std::uint64_t u)
{
  int prec = 4;
  if (m_f.prec_present && m_prec > 4) {
    prec = m_prec;
  }
  std::string rev; // built right to left
  if (m_f.sharp && u <= go::k_max_rune && go::is_print(static_cast<char32_t>(u))) {
    std::string q = "'";
    go::append_rune(q, static_cast<char32_t>(u));
    q += "'";
    rev.assign(q.rbegin(), q.rend());
    rev.push_back(' ');
  }
  while (u >= 16) {
    rev.push_back(k_udigits[u & 0xF]);
    --prec;
    u >>= 4;
  }
  rev.push_back(k_udigits[u]);
  --prec;
  for (; prec > 0; --prec) {
    rev.push_back('0');
  }
  rev += "+U";
  std::reverse(rev.begin(), rev.end());
  bool old_zero = m_f.zero;
  m_f.zero = false;
  pad(rev);
  m_f.zero = old_zero;
}

void Printer::fmt_integer(std::uint64_t u, int base, bool is_signed, char32_t verb, const char* digits)
{
  bool negative = is_signed && static_cast<std::int64_t>(u) < 0;
  if (negative) {
    u = -u;
  }
  int prec = 0;
  if (m_f.prec_present) {
    prec = m_prec;
    if (prec == 0 && u == 0) {
      bool old_zero = m_f.zero;
      m_f.zero = false;
      write_padding(m_wid);
      m_f.zero = old_zero;
      return;
    }
  } else if (m_f.zero && m_f.wid_present) {
    prec = m_wid;
    if (negative || m_f.plus || m_f.space) {
      --prec;
    }
  }
  char local[96];
  std::string heap;
  std::size_t cap = sizeof local;
  char* buf = local;
  if (m_f.wid_present || m_f.prec_present) {
    std::size_t need = 3 + static_cast<std::size_t>(m_wid) + static_cast<std::size_t>(m_prec) + 70;
    if (need > cap) {
      heap.resize(need);
      buf = heap.data();
      cap = need;
    }
  }
  std::size_t i = cap;
  switch (base) {
  case 10:
    while (u >= 10) {
      buf[--i] = static_cast<char>('0' + u % 10);
      u /= 10;
    }
    break;
  case 16:
    while (u >= 16) {
      buf[--i] = digits[u & 0xF];
      u >>= 4;
    }
    break;
  case 8:
    while (u >= 8) {
      buf[--i] = static_cast<char>('0' + (u & 7));
      u >>= 3;
    }
    break;
  default:
    while (u >= 2) {
      buf[--i] = static_cast<char>('0' + (u & 1));
      u >>= 1;
    }
    break;
  }
  buf[--i] = digits[u];
  while (i > 0 && prec > static_cast<int>(cap - i)) {
    buf[--i] = '0';
  }
  if (m_f.sharp) {
    switch (base) {
    case 2:
      buf[--i] = 'b';
      buf[--i] = '0';
      break;
    case 8:
      if (buf[i] != '0') {
        buf[--i] = '0';
      }
      break;
    case 16:
      buf[--i] = digits[16];
      buf[--i] = '0';
      break;
    default: break;
    }
  }
  if (verb == 'O') {
    buf[--i] = 'o';
    buf[--i] = '0';
  }
  if (negative) {
    buf[--i] = '-';
  } else if (m_f.plus) {
    buf[--i] = '+';
  } else if (m_f.space) {
    buf[--i] = ' ';
  }
  bool old_zero = m_f.zero;
  m_f.zero = false;
  pad(std::string_view(buf + i, cap - i));
  m_f.zero = old_zero;
}

std::string_view Printer::truncate(std::string_view s) const
{
  if (m_f.prec_present) {
    int n = m_prec;
    std::size_t i = 0;
    while (i < s.size()) {
      if (--n < 0) {
        return s.substr(0, i);
      }
      auto c = static_cast<unsigned char>(s[i]);
      i += c < 0x80 ? 1 : static_cast<std::size_t>(go::decode_rune(s.substr(i)).width);
    }
  }
  return s;
}

void Printer::fmt_sbx(std::string_view s, const char* digits)
{
  int length = static_cast<int>(s.size());
  if (m_f.prec_present && m_prec < length) {
    length = m_prec;
  }
  int width = 2 * length;
  if (width > 0) {
    if (m_f.space) {
      if (m_f.sharp) {
        width *= 2;
      }
      width += length - 1;
    } else if (m_f.sharp) {
      width += 2;
    }
  } else {
    if (m_f.wid_present) {
      write_padding(m_wid);
    }
    return;
  }
  if (m_f.wid_present && m_wid > width && !m_f.minus) {
    write_padding(m_wid - width);
  }
  if (m_f.sharp) {
    m_buf.push_back('0');
    m_buf.push_back(digits[16]);
  }
  for (int i = 0; i < length; ++i) {
    if (m_f.space && i > 0) {
      m_buf.push_back(' ');
      if (m_f.sharp) {
        m_buf.push_back('0');
        m_buf.push_back(digits[16]);
      }
    }
    auto c = static_cast<unsigned char>(s[static_cast<std::size_t>(i)]);
    m_buf.push_back(digits[c >> 4]);
    m_buf.push_back(digits[c & 0xF]);
  }
  if (m_f.wid_present && m_wid > width && m_f.minus) {
    write_padding(m_wid - width);
  }
}

void Printer::fmt_q(std::string_view s)
{
  s = truncate(s);
  if (m_f.sharp && go::can_backquote(s)) {
    std::string q;
    q.reserve(s.size() + 2);
    q.push_back('`');
    q.append(s);
    q.push_back('`');
    pad(q);
    return;
  }
  pad(go::quote(s, m_f.plus));
}

void Printer::fmt_c(std::uint64_t c)
{
  char32_t r = c > go::k_max_rune ? go::k_rune_error : static_cast<char32_t>(c);
  std::string s;
  go::append_rune(s, r);
  pad(s);
}

void Printer::fmt_qc(std::uint64_t c)
{
  char32_t r = c > go::k_max_rune ? go::k_rune_error : static_cast<char32_t>(c);
  pad(go::quote_rune(r, m_f.plus));
}

void Printer::fmt_float(double v, char verb, int prec)
{
  if (m_f.prec_present) {
    prec = m_prec;
  }
  std::string num = "+";
  append_float(num, v, verb, prec);
  if (num[1] == '-' || num[1] == '+') {
    num.erase(0, 1);
  }
  if (m_f.space && num[0] == '+' && !m_f.plus) {
    num[0] = ' ';
  }
  if (num[1] == 'I' || num[1] == 'N') {
    bool old_zero = m_f.zero;
    m_f.zero = false;
    if (num[1] == 'N' && !m_f.space && !m_f.plus) {
      num.erase(0, 1);
    }
    pad(num);
    m_f.zero = old_zero;
    return;
  }
  if (m_f.sharp && verb != 'b') {
    int digits = 0;
    if (verb == 'v' || verb == 'g' || verb == 'G' || verb == 'x') {
      digits = prec == -1 ? 6 : prec;
    }
    std::string tail;
    bool has_decimal_point = false;
    bool saw_nonzero_digit = false;
    for (std::size_t i = 1; i < num.size(); ++i) {
      char c = num[i];
      if (c == '.') {
        has_decimal_point = true;
        continue;
      }
      if (c == 'p' || c == 'P' || ((c == 'e' || c == 'E') && verb != 'x' && verb != 'X')) {
        tail = num.substr(i);
        num.resize(i);
        break;
      }
      if (c != '0') {
        saw_nonzero_digit = true;
      }
      if (saw_nonzero_digit) {
        --digits;
      }
    }
    if (!has_decimal_point) {
      if (num.size() == 2 && num[1] == '0') {
        --digits;
      }
      num.push_back('.');
    }
    for (; digits > 0; --digits) {
      num.push_back('0');
    }
    num += tail;
  }
  if (m_f.plus || num[0] != '+') {
    if (m_f.zero && m_f.wid_present && m_wid > static_cast<int>(num.size())) {
      m_buf.push_back(num[0]);
      write_padding(m_wid - static_cast<int>(num.size()));
      m_buf.append(num, 1);
      return;
    }
    pad(num);
    return;
  }
  pad(std::string_view(num).substr(1));
}

} // namespace pave::tmpl::detail
