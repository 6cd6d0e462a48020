#include <pave/http/clock.hpp>

#include <thread>

namespace pave::http {

void SystemClock::sleep_for(std::chrono::milliseconds d)
{
  std::this_thread::sleep_for(d);
}

Clock& system_clock()
{
  static SystemClock clock;
  return clock;
}

} // namespace pave::http
