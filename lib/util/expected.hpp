#pragma once
/// Results for expected failures: std::expected<T, Error> plus TRY macros.
/// Exceptions (pave::util::Fatal) are only for aborting the whole run.
#include <expected>
#include <string>
#include <utility>

#include <fmt/format.h>

namespace pave::util {

/// Exit codes, documented in man/pave.1 (EXIT STATUS).
enum class ExitCode : int {
  ok = 0,
  error = 1,             ///< any failure not listed below
  usage = 2,             ///< bad flags or arguments; also "plan has changes" with --detailed-exitcode
  budget_exceeded = 3,   ///< cost-report: an estimate or plan exceeds a budget
  lock_held = 4,         ///< the state lock is held by another operation
  out_of_bounds = 5,     ///< RPO or health out of bounds (backup list, failover status)
};

/// An expected failure: a one-line summary, an optional actionable detail,
/// and the exit code the run ends with if nobody handles it.
struct Error
{
  std::string message;
  std::string detail{};
  ExitCode code = ExitCode::error;
};

template <typename T> using Result = std::expected<T, Error>;

/// Makes an unexpected Error from a fmt format string.
template <typename... Args>
std::unexpected<Error> fail(fmt::format_string<Args...> f, Args&&... args)
{
  return std::unexpected(Error{fmt::format(f, std::forward<Args>(args)...)});
}

/// Makes an unexpected Error with a specific exit code.
template <typename... Args>
std::unexpected<Error> fail_with(ExitCode code, fmt::format_string<Args...> f, Args&&... args)
{
  return std::unexpected(Error{fmt::format(f, std::forward<Args>(args)...), {}, code});
}

/// Thrown to abort the run; pave::run() catches it and maps it to an exit code.
class Fatal : public std::exception
{
public:
  explicit Fatal(Error e) : m_error(std::move(e)) {}
  const char* what() const noexcept override { return m_error.message.c_str(); }
  const Error& error() const noexcept { return m_error; }

private:
  Error m_error;
};

/// Returns the value of r, or throws Fatal with prefix prepended to the message.
template <typename T> T value_or_throw(Result<T>&& r, std::string_view prefix = {})
{
  if (!r) {
    Error e = std::move(r.error());
    e.message.insert(0, prefix);
    throw Fatal(std::move(e));
  }
  if constexpr (!std::is_void_v<T>) {
    return std::move(*r);
  }
}

} // namespace pave::util

/// Evaluates expr (a Result); on failure returns its error from the enclosing function.
#define PAVE_TRY(expr)                                                                             \
  do {                                                                                             \
    auto&& pave_try_r_ = (expr);                                                                   \
    if (!pave_try_r_) {                                                                            \
      return std::unexpected(std::move(pave_try_r_.error()));                                      \
    }                                                                                              \
  } while (false)

#define PAVE_CONCAT_INNER_(a, b) a##b
#define PAVE_CONCAT_(a, b) PAVE_CONCAT_INNER_(a, b)

/// Declares `var` from the value of expr (a Result), or returns its error.
#define PAVE_TRY_ASSIGN(var, expr)                                                                 \
  auto&& PAVE_CONCAT_(pave_try_a_, __LINE__) = (expr);                                            \
  if (!PAVE_CONCAT_(pave_try_a_, __LINE__)) {                                                      \
    return std::unexpected(std::move(PAVE_CONCAT_(pave_try_a_, __LINE__).error()));               \
  }                                                                                                \
  var = std::move(*PAVE_CONCAT_(pave_try_a_, __LINE__))
