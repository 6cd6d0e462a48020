#pragma once
/// Arbitrary-precision decimals as github.com/shopspring/decimal 1.2.0 does
/// them, for Sprig's addf/subf/mulf/divf: value * 10^exp with a big integer
/// value (OpenSSL BIGNUM). NewFromFloat keeps the shortest decimal digits of
/// the float, so addf 0.1 0.2 is exactly 0.3.
#include <cstdint>
#include <memory>
#include <string>

struct bignum_st;

namespace pave::tmpl::sprig {

class Decimal
{
public:
  /// decimal.NewFromFloat. Throws FunctionError "Cannot create a Decimal from NaN" (or ±Inf).
  static Decimal from_float(double f);
  Decimal add(const Decimal& o) const;
  Decimal sub(const Decimal& o) const;
  Decimal mul(const Decimal& o) const;
  /// Div with DivisionPrecision 16 (half away from zero). Throws "decimal division by 0".
  Decimal div(const Decimal& o) const;
  /// The nearest float64 (big.Rat.Float64).
  double to_float() const;
  /// "digits" "e" exp, for debugging and tests.
  std::string str() const;

private:
  struct BnFree
  {
    void operator()(bignum_st* p) const noexcept;
  };
  using Bn = std::unique_ptr<bignum_st, BnFree>;

  Decimal(Bn value, std::int64_t exp) : m_value(std::move(value)), m_exp(exp) {}
  static Bn new_bn();
  static Bn pow10(std::int64_t n);
  Bn scaled_to(std::int64_t exp) const;

  Bn m_value;
  std::int64_t m_exp = 0;
};

} // namespace pave::tmpl::sprig
