#include <pave/cost/estimate.hpp>

#include <cmath>

namespace pave::cost {

void total(LineItem& item)
{
  item.monthly = 0;
  item.monthly_max = 0;
  for (const auto& c : item.components) {
    item.monthly += c.monthly;
    item.monthly_max += c.monthly_max;
  }
}

void total(Estimate& e)
{
  e.monthly = 0;
  e.monthly_max = 0;
  for (const auto& i : e.items) {
    e.monthly += i.monthly;
    e.monthly_max += i.monthly_max;
  }
}

double round_cents(double amount)
{
  return std::round(amount * 100) / 100;
}

} // namespace pave::cost
