// Custom doctest main: every run works in testdir/<pid>, removed on success
// and kept (with its path printed) on failure.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <unistd.h>

int main(int argc, char** argv)
{
  namespace fs = std::filesystem;
  const fs::path origin = fs::current_path();
  const fs::path dir = origin / "testdir" / std::to_string(::getpid());
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::current_path(dir);

  doctest::Context context;
  context.applyCommandLine(argc, argv);
  const int result = context.run();

  fs::current_path(origin);
  if (result == 0) {
    fs::remove_all(dir);
  } else {
    std::fprintf(stderr, "unittest: test data left in %s\n", dir.c_str());
  }
  return result;
}
