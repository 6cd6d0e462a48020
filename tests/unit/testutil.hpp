#pragma once
/// Shared fixtures for unit tests.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

namespace pave::test {

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
