#include <pave/template/sprig/decimal.hpp>

#include <charconv>
#include <cmath>
#include <new>

#include <openssl/bn.h>
#include <openssl/crypto.h>

#include <pave/template/format.hpp>
#include <pave/template/sprig/common.hpp>

namespace pave::tmpl::sprig {

namespace {

struct CtxFree
{
  void operator()(BN_CTX* c) const noexcept { BN_CTX_free(c); }
};

std::unique_ptr<BN_CTX, CtxFree> new_ctx()
{
  std::unique_ptr<BN_CTX, CtxFree> c(BN_CTX_new());
  if (!c) {
    throw std::bad_alloc();
  }
  return c;
}

void check(int ok)
{
  if (ok == 0) {
    throw std::bad_alloc();
  }
}

} // namespace

void Decimal::BnFree::operator()(bignum_st* p) const noexcept
{
  BN_free(p);
}

Decimal::Bn Decimal::new_bn()
{
  Bn b(BN_new());
  if (!b) {
    throw std::bad_alloc();
  }
  return b;
}

Decimal::Bn Decimal::pow10(std::int64_t n)
{
  Bn r = new_bn();
  Bn ten = new_bn();
  Bn e = new_bn();
  check(BN_set_word(ten.get(), 10));
  check(BN_set_word(e.get(), static_cast<BN_ULONG>(n)));
  auto ctx = new_ctx();
  check(BN_exp(r.get(), ten.get(), e.get(), ctx.get()));
  return r;
}

Decimal Decimal::from_float(double f)
{
  if (std::isnan(f) || std::isinf(f)) {
    fail("Cannot create a Decimal from " + format_float(f, 'g', -1));
  }
  Bn v = new_bn();
  if (f == 0) {
    return Decimal(std::move(v), 0);
  }
  // Shortest digits "d.ddde±x" -> integer digits and exponent.
  std::string e = format_float(std::fabs(f), 'e', -1);
  std::string digits;
  std::size_t i = 0;
  for (; i < e.size() && e[i] != 'e'; ++i) {
    if (e[i] != '.') {
      digits.push_back(e[i]);
    }
  }
  int exp10 = 0;
  std::from_chars(e.data() + i + (e[i + 1] == '+' ? 2 : 1), e.data() + e.size(), exp10);
  BIGNUM* raw = v.release();
  check(BN_dec2bn(&raw, digits.c_str()));
  v.reset(raw);
  if (f < 0) {
    BN_set_negative(v.get(), 1);
  }
  // value = digits * 10^(exp10 - (nd - 1))
  return Decimal(std::move(v), exp10 - static_cast<std::int64_t>(digits.size()) + 1);
}

Decimal::Bn Decimal::scaled_to(std::int64_t exp) const
{
  Bn r = new_bn();
  check(BN_copy(r.get(), m_value.get()) != nullptr);
  if (m_exp > exp) {
    auto ctx = new_ctx();
    Bn p = pow10(m_exp - exp);
    check(BN_mul(r.get(), r.get(), p.get(), ctx.get()));
  }
  return r;
}

Decimal Decimal::add(const Decimal& o) const
{
  std::int64_t exp = std::min(m_exp, o.m_exp);
  Bn a = scaled_to(exp);
  Bn b = o.scaled_to(exp);
  Bn r = new_bn();
  check(BN_add(r.get(), a.get(), b.get()));
  return Decimal(std::move(r), exp);
}

Decimal Decimal::sub(const Decimal& o) const
{
  std::int64_t exp = std::min(m_exp, o.m_exp);
  Bn a = scaled_to(exp);
  Bn b = o.scaled_to(exp);
  Bn r = new_bn();
  check(BN_sub(r.get(), a.get(), b.get()));
  return Decimal(std::move(r), exp);
}

Decimal Decimal::mul(const Decimal& o) const
{
  std::int64_t exp = m_exp + o.m_exp;
  if (exp > INT32_MAX || exp < INT32_MIN) {
    fail("exponent " + std::to_string(exp) + " overflows an int32!");
  }
  Bn r = new_bn();
  auto ctx = new_ctx();
  check(BN_mul(r.get(), m_value.get(), o.m_value.get(), ctx.get()));
  return Decimal(std::move(r), exp);
}

Decimal Decimal::div(const Decimal& o) const
{
  constexpr std::int64_t k_precision = 16;
  if (BN_is_zero(o.m_value.get())) {
    fail("decimal division by 0");
  }
  // QuoRem: aa / bb with q scaled by 10^-precision.
  std::int64_t e = m_exp - o.m_exp + k_precision;
  auto ctx = new_ctx();
  Bn aa = new_bn();
  Bn bb = new_bn();
  if (e < 0) {
    check(BN_copy(aa.get(), m_value.get()) != nullptr);
    Bn p = pow10(-e);
    check(BN_mul(bb.get(), o.m_value.get(), p.get(), ctx.get()));
  } else {
    Bn p = pow10(e);
    check(BN_mul(aa.get(), m_value.get(), p.get(), ctx.get()));
    check(BN_copy(bb.get(), o.m_value.get()) != nullptr);
  }
  Bn q = new_bn();
  Bn r = new_bn();
  check(BN_div(q.get(), r.get(), aa.get(), bb.get(), ctx.get()));
  // Round half away from zero: compare 2|r| with |bb|.
  BN_set_negative(r.get(), 0);
  check(BN_lshift1(r.get(), r.get()));
  Bn abs_bb = new_bn();
  check(BN_copy(abs_bb.get(), bb.get()) != nullptr);
  BN_set_negative(abs_bb.get(), 0);
  if (BN_cmp(r.get(), abs_bb.get()) >= 0) {
    bool negative = BN_is_negative(m_value.get()) != BN_is_negative(o.m_value.get());
    if (negative) {
      check(BN_sub_word(q.get(), 1));
    } else {
      check(BN_add_word(q.get(), 1));
    }
  }
  return Decimal(std::move(q), -k_precision);
}

std::string Decimal::str() const
{
  char* s = BN_bn2dec(m_value.get());
  if (s == nullptr) {
    throw std::bad_alloc();
  }
  std::string out = s;
  OPENSSL_free(s);
  return out + "e" + std::to_string(m_exp);
}

double Decimal::to_float() const
{
  if (BN_is_zero(m_value.get())) {
    return 0;
  }
  std::string s = str();
  bool negative = s[0] == '-';
  std::string_view digits(s);
  if (negative) {
    digits.remove_prefix(1);
  }
  double v = 0;
  auto r = std::from_chars(digits.data(), digits.data() + digits.size(), v);
  if (r.ec == std::errc::result_out_of_range) {
    auto epos = digits.find('e');
    std::int64_t magnitude = static_cast<std::int64_t>(epos) + m_exp;
    v = magnitude > 0 ? HUGE_VAL : 0.0;
  }
  return negative ? -v : v;
}

} // namespace pave::tmpl::sprig
