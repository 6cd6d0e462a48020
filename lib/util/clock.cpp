#include <pave/util/clock.hpp>

#include <thread>

#include <fmt/chrono.h>

namespace pave::util {

namespace {

class SystemClock final : public Clock
{
public:
  time_point now() const override { return std::chrono::system_clock::now(); }
  void sleep_for(std::chrono::milliseconds d) override { std::this_thread::sleep_for(d); }
};

} // namespace

Clock& system_clock()
{
  static SystemClock clock;
  return clock;
}

std::string rfc3339(Clock::time_point t)
{
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", std::chrono::floor<std::chrono::seconds>(t));
}

} // namespace pave::util
