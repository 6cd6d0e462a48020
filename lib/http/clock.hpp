#pragma once
/// Time as a side effect: retries and caches ask a Clock, so unit tests can
/// use a fake one and never sleep.
#include <chrono>

namespace pave::http {

class Clock
{
public:
  virtual ~Clock() = default;
  /// Wall-clock time (for HTTP dates and expiry timestamps).
  virtual std::chrono::system_clock::time_point now() const = 0;
  /// Blocks the calling thread for `d`.
  virtual void sleep_for(std::chrono::milliseconds d) = 0;
};

/// The real clock.
class SystemClock final : public Clock
{
public:
  std::chrono::system_clock::time_point now() const override { return std::chrono::system_clock::now(); }
  void sleep_for(std::chrono::milliseconds d) override;
};

/// The process-wide SystemClock.
Clock& system_clock();

} // namespace pave::http
