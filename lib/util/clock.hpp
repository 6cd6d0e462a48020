#pragma once
/// Time as a side effect behind an interface: the system clock for real
/// runs, a manual clock in tests (no test sleeps).
#include <chrono>

namespace pave::util {

class Clock
{
public:
  using time_point = std::chrono::system_clock::time_point;
  virtual ~Clock() = default;
  virtual time_point now() const = 0;
  virtual void sleep_for(std::chrono::milliseconds d) = 0;
};

/// The real clock.
Clock& system_clock();

} // namespace pave::util
