#pragma once
/// Internals shared by format.cpp, format_verbs.cpp and format_float.cpp: a
/// port of Go's fmt printer (pp + fmt in src/fmt/print.go and format.go).
/// Not part of the public interface; use format.hpp.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include <pave/template/value.hpp>

namespace pave::tmpl::detail {

/// strconv.AppendFloat(out, v, fmt, prec, 64).
void append_float(std::string& out, double v, char fmt, int prec);

inline constexpr const char* k_ldigits = "0123456789abcdefx";
inline constexpr const char* k_udigits = "0123456789ABCDEFX";

struct Flags
{
  bool wid_present = false;
  bool prec_present = false;
  bool minus = false;
  bool plus = false;
  bool sharp = false;
  bool space = false;
  bool zero = false;
  bool plus_v = false;
  bool sharp_v = false;
};

/// Go's pp + fmt: prints into `m_buf` with the current flags.
class Printer
{
public:
  explicit Printer(std::string& buf) : m_buf(buf) {}

  void do_print(std::span<const Value> args);
  void do_println(std::span<const Value> args);
  void do_printf(std::string_view format, std::span<const Value> args);
  void print_arg(const Value& arg, char32_t verb);

private:
  // --- fmt (format.go) ---
  void write_padding(int n);
  void pad(std::string_view s);
  void fmt_boolean(bool v) { pad(v ? "true" : "false"); }
  void fmt_unicode(std::uint64_t u);
  void fmt_integer(std::uint64_t u, int base, bool is_signed, char32_t verb, const char* digits);
  std::string_view truncate(std::string_view s) const;
  void fmt_s(std::string_view s) { pad(truncate(s)); }
  void fmt_sbx(std::string_view s, const char* digits);
  void fmt_q(std::string_view s);
  void fmt_c(std::uint64_t c);
  void fmt_qc(std::uint64_t c);
  void fmt_float(double v, char verb, int prec);

  // --- pp (print.go) ---
  void bad_verb(char32_t verb, const Value* arg);
  void fmt_bool(bool v, char32_t verb, const Value& arg);
  void fmt_0x64(std::uint64_t v, bool leading0x);
  void fmt_int(std::uint64_t v, bool is_signed, char32_t verb, const Value& arg);
  void fmt_float_verb(double v, char32_t verb, const Value& arg);
  void fmt_string(std::string_view v, char32_t verb, const Value& arg);
  void fmt_bytes(std::string_view v, char32_t verb, const char* type_string, const Value& arg);
  void fmt_pointer(const Value& v, char32_t verb);
  void print_value(const Value& v, char32_t verb, int depth);
  void print_object(const Value& v, char32_t verb);
  void write_rune(char32_t r);

  std::string& m_buf;
  Flags m_f;
  int m_wid = 0;
  int m_prec = 0;
  bool m_erroring = false;
  bool m_reordered = false;
  bool m_good_arg_num = true;
};

} // namespace pave::tmpl::detail
