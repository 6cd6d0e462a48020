#pragma once
/// Shared fixtures for unit tests.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <pave/util/clock.hpp>

namespace pave::test {

/// A Clock that never sleeps: sleep_for advances time and is recorded.
class FakeClock final : public util::Clock
{
public:
  std::chrono::system_clock::time_point now() const override { return m_now; }
  void sleep_for(std::chrono::milliseconds d) override
  {
    sleeps.push_back(d);
    m_now += d;
  }
  void advance(std::chrono::milliseconds d) { m_now += d; }
  std::vector<std::chrono::milliseconds> sleeps;

private:
  std::chrono::system_clock::time_point m_now{std::chrono::seconds(1700000000)};
};

/// RAII: gives one test case its own scratch directory and makes it current.
class TestContext
{
public:
  TestContext()
  {
    static int counter = 0;
    m_origin = std::filesystem::current_path();
    m_dir = m_origin / ("case-" + std::to_string(++counter));
    std::filesystem::create_directories(m_dir);
    std::filesystem::current_path(m_dir);
  }
  ~TestContext() { std::filesystem::current_path(m_origin); }
  TestContext(const TestContext&) = delete;
  TestContext& operator=(const TestContext&) = delete;
  const std::filesystem::path& dir() const { return m_dir; }

private:
  std::filesystem::path m_origin;
  std::filesystem::path m_dir;
};

inline void write_file(const std::filesystem::path& p, std::string_view content)
{
  if (p.has_parent_path()) {
    std::filesystem::create_directories(p.parent_path());
  }
  std::ofstream(p, std::ios::binary) << content;
}

inline std::string read_file(const std::filesystem::path& p)
{
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

} // namespace pave::test
