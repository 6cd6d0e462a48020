// util::widen_pipe: a pipe grows to hold a large output; nothing else changes.
#include <doctest/doctest.h>

#include <cstdio>

#include <fcntl.h>
#include <unistd.h>

#include <pave/util/pipe.hpp>

TEST_CASE("util::widen_pipe")
{
  int fds[2];
  REQUIRE(pipe(fds) == 0);
  const int before = fcntl(fds[1], F_GETPIPE_SZ);
  REQUIRE(before > 0);

  CHECK(pave::util::widen_pipe(fds[1], 1000)); // already holds that much: not shrunk
  CHECK(fcntl(fds[1], F_GETPIPE_SZ) == before);

  CHECK(pave::util::widen_pipe(fds[1], 300000));
  CHECK(fcntl(fds[1], F_GETPIPE_SZ) >= 300000);
  CHECK(pave::util::widen_pipe(fds[1], std::size_t(1) << 30)); // capped at 1 MiB
  CHECK(fcntl(fds[1], F_GETPIPE_SZ) >= (1 << 20));
  close(fds[0]);
  close(fds[1]);

  std::FILE* file = std::tmpfile();
  REQUIRE(file != nullptr);
  CHECK_FALSE(pave::util::widen_pipe(fileno(file), 300000)); // not a pipe
  std::fclose(file);
  CHECK_FALSE(pave::util::widen_pipe(-1, 300000));
}
