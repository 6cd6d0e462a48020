#include <pave/util/clock.hpp>

#include <thread>


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

} // namespace pave::util
