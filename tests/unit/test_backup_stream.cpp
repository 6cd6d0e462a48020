#include <doctest/doctest.h>

#include <atomic>
#include <thread>

#include <pave/backup/stream.hpp>

using namespace pave;

namespace {

/// Records what it is given; fails the write that takes it past `fail_after` bytes.
class RecordingSink : public backup::Sink
{
public:
  explicit RecordingSink(std::size_t fail_after = SIZE_MAX) : m_fail_after(fail_after) {}
  util::Result<void> write(std::string_view data) override
  {
    if (data.size() > m_fail_after - data_size()) {
      return util::fail("sink full");
    }
    m_data.append(data);
    m_thread = std::this_thread::get_id();
    return {};
  }
  util::Result<void> finish() override
  {
    finished = true;
    return {};
  }
  std::size_t data_size() const { return m_data.size(); }
  const std::string& data() const { return m_data; }
  std::thread::id thread() const { return m_thread; }
  std::atomic<bool> finished{false};

private:
  std::size_t m_fail_after;
  std::string m_data;
  std::thread::id m_thread;
};

} // namespace

TEST_CASE("backup::ThreadedSink")
{
  SUBCASE("everything arrives in order, on another thread, then finish()")
  {
    RecordingSink next;
    std::string want;
    {
      backup::ThreadedSink t(next, 1000, 2);
      for (int i = 0; i < 5000; ++i) {
        const std::string piece = std::to_string(i) + ",";
        want += piece;
        REQUIRE(t.write(piece));
      }
      REQUIRE(t.finish());
    }
    CHECK(next.data() == want);
    CHECK(next.finished);
    CHECK(next.thread() != std::this_thread::get_id());
  }
  SUBCASE("an error of the next stage is returned by a later write or by finish()")
  {
    RecordingSink next(4500);
    backup::ThreadedSink t(next, 1000, 2);
    util::Result<void> r;
    for (int i = 0; i < 100 && r; ++i) {
      r = t.write(std::string(100, 'x'));
    }
    if (r) {
      r = t.finish();
    }
    REQUIRE_FALSE(r);
    CHECK(r.error().message == "sink full");
    CHECK_FALSE(next.finished);
  }
  SUBCASE("destroyed unfinished: the next stage is not finished")
  {
    RecordingSink next;
    {
      backup::ThreadedSink t(next, 1000, 2);
      REQUIRE(t.write(std::string(5000, 'x')));
    }
    CHECK_FALSE(next.finished);
  }
}
