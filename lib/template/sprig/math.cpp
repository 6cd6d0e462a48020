// Sprig's arithmetic (numeric.go and the math entries of genericMap):
// int64 functions convert with cast.ToInt64 and wrap like Go; the *f
// functions use shopspring/decimal; floor/ceil/round work on float64.
#include <cmath>
#include <limits>

#include <pave/template/sprig/cast.hpp>
#include <pave/template/sprig/common.hpp>
#include <pave/template/sprig/decimal.hpp>

namespace pave::tmpl::sprig {

namespace {

std::int64_t wrap_add(std::int64_t a, std::int64_t b)
{
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(a) + static_cast<std::uint64_t>(b));
}

std::int64_t wrap_sub(std::int64_t a, std::int64_t b)
{
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(a) - static_cast<std::uint64_t>(b));
}

std::int64_t wrap_mul(std::int64_t a, std::int64_t b)
{
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(a) * static_cast<std::uint64_t>(b));
}

std::int64_t go_div(std::int64_t a, std::int64_t b)
{
  if (b == 0) {
    fail("runtime error: integer divide by zero");
  }
  if (b == -1) {
    return wrap_sub(0, a);
  }
  return a / b;
}

std::int64_t go_mod(std::int64_t a, std::int64_t b)
{
  if (b == 0) {
    fail("runtime error: integer divide by zero");
  }
  if (b == -1) {
    return 0;
  }
  return a % b;
}

/// math.Max and math.Min with Go's NaN/±0/±Inf rules.
double go_max(double x, double y)
{
  if (std::isinf(x) && x > 0) {
    return x;
  }
  if (std::isinf(y) && y > 0) {
    return y;
  }
  if (std::isnan(x) || std::isnan(y)) {
    return std::numeric_limits<double>::quiet_NaN();
  }
  if (x == 0 && x == y) {
    return std::signbit(x) ? y : x;
  }
  return x > y ? x : y;
}

double go_min(double x, double y)
{
  if (std::isinf(x) && x < 0) {
    return x;
  }
  if (std::isinf(y) && y < 0) {
    return y;
  }
  if (std::isnan(x) || std::isnan(y)) {
    return std::numeric_limits<double>::quiet_NaN();
  }
  if (x == 0 && x == y) {
    return std::signbit(x) ? x : y;
  }
  return x < y ? x : y;
}

/// math.Pow(10, n) for an integer n, by Go's repeated squaring.
double go_pow10(std::int64_t n)
{
  double a1 = 1;
  int ae = 0;
  int xe = 0;
  double x1 = std::frexp(10.0, &xe);
  for (std::int64_t i = n < 0 ? -n : n; i != 0; i >>= 1) {
    if (xe < -(1 << 12) || (1 << 12) < xe) {
      // Overflow of the exponent: Go returns 0 or +Inf here.
      ae += xe;
      break;
    }
    if ((i & 1) == 1) {
      a1 *= x1;
      ae += xe;
    }
    x1 *= x1;
    xe <<= 1;
    if (x1 < .5) {
      x1 += x1;
      --xe;
    }
  }
  if (n < 0) {
    a1 = 1 / a1;
    ae = -ae;
  }
  return std::ldexp(a1, ae);
}

/// Sprig's round(a, p, roundOn = .5).
double round_half(double val, std::int64_t places, double round_on)
{
  double pow = go_pow10(places);
  double digit = pow * val;
  double ipart = 0;
  double div = std::modf(digit, &ipart);
  double r = div >= round_on ? std::ceil(digit) : std::floor(digit);
  return r / pow;
}

enum class DecOp { add, sub, mul, div };

/// Sprig's execDecimalOp.
Value decimal_op(const Value& a, Args rest, DecOp op)
{
  Decimal acc = Decimal::from_float(cast_to_float64(a));
  for (const auto& x : rest) {
    Decimal d = Decimal::from_float(cast_to_float64(x));
    switch (op) {
    case DecOp::add: acc = acc.add(d); break;
    case DecOp::sub: acc = acc.sub(d); break;
    case DecOp::mul: acc = acc.mul(d); break;
    case DecOp::div: acc = acc.div(d); break;
    }
  }
  return Value(acc.to_float());
}

} // namespace

void add_math_functions(FunctionTable& t)
{
  def(t, "add1", {{P::any}}, [](CallContext&, Args a) { return int64_value(wrap_add(cast_to_int64(a[0]), 1)); });
  def(t, "add", {{P::any}, true}, [](CallContext&, Args a) {
    std::int64_t sum = 0;
    for (const auto& v : a) {
      sum = wrap_add(sum, cast_to_int64(v));
    }
    return int64_value(sum);
  });
  def(t, "sub", {{P::any, P::any}},
      [](CallContext&, Args a) { return int64_value(wrap_sub(cast_to_int64(a[0]), cast_to_int64(a[1]))); });
  def(t, "div", {{P::any, P::any}},
      [](CallContext&, Args a) { return int64_value(go_div(cast_to_int64(a[0]), cast_to_int64(a[1]))); });
  def(t, "mod", {{P::any, P::any}},
      [](CallContext&, Args a) { return int64_value(go_mod(cast_to_int64(a[0]), cast_to_int64(a[1]))); });
  def(t, "mul", {{P::any, P::any}, true}, [](CallContext&, Args a) {
    std::int64_t v = cast_to_int64(a[0]);
    for (const auto& b : a.subspan(1)) {
      v = wrap_mul(v, cast_to_int64(b));
    }
    return int64_value(v);
  });
  for (const char* name : {"biggest", "max"}) {
    def(t, name, {{P::any, P::any}, true}, [](CallContext&, Args a) {
      std::int64_t v = cast_to_int64(a[0]);
      for (const auto& b : a.subspan(1)) {
        v = std::max(v, cast_to_int64(b));
      }
      return int64_value(v);
    });
  }
  def(t, "min", {{P::any, P::any}, true}, [](CallContext&, Args a) {
    std::int64_t v = cast_to_int64(a[0]);
    for (const auto& b : a.subspan(1)) {
      v = std::min(v, cast_to_int64(b));
    }
    return int64_value(v);
  });
  def(t, "maxf", {{P::any, P::any}, true}, [](CallContext&, Args a) {
    double v = cast_to_float64(a[0]);
    for (const auto& b : a.subspan(1)) {
      v = go_max(v, cast_to_float64(b));
    }
    return Value(v);
  });
  def(t, "minf", {{P::any, P::any}, true}, [](CallContext&, Args a) {
    double v = cast_to_float64(a[0]);
    for (const auto& b : a.subspan(1)) {
      v = go_min(v, cast_to_float64(b));
    }
    return Value(v);
  });
  def(t, "add1f", {{P::any}}, [](CallContext&, Args a) {
    Value one[] = {Value(1)};
    return decimal_op(a[0], one, DecOp::add);
  });
  def(t, "addf", {{P::any}, true}, [](CallContext&, Args a) { return decimal_op(Value(0.0), a, DecOp::add); });
  def(t, "subf", {{P::any, P::any}, true},
      [](CallContext&, Args a) { return decimal_op(a[0], a.subspan(1), DecOp::sub); });
  def(t, "mulf", {{P::any, P::any}, true},
      [](CallContext&, Args a) { return decimal_op(a[0], a.subspan(1), DecOp::mul); });
  def(t, "divf", {{P::any, P::any}, true},
      [](CallContext&, Args a) { return decimal_op(a[0], a.subspan(1), DecOp::div); });
  def(t, "floor", {{P::any}}, [](CallContext&, Args a) { return Value(std::floor(cast_to_float64(a[0]))); });
  def(t, "ceil", {{P::any}}, [](CallContext&, Args a) { return Value(std::ceil(cast_to_float64(a[0]))); });
  def(t, "round", {{P::any, P::int_, P::float64}, true}, [](CallContext&, Args a) {
    double round_on = a.size() > 2 ? arg_float(a[2]) : .5;
    return Value(round_half(cast_to_float64(a[0]), arg_int(a[1]), round_on));
  });
}

} // namespace pave::tmpl::sprig
