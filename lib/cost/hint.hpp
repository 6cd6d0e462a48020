#pragma once
/// " (did you mean \"X\"?)" for the messages of the cost module's readers.
#include <span>
#include <string>
#include <string_view>

#include <pave/util/strings.hpp>

namespace pave::cost {

/// The suggestion for a misspelled `word`, or "" when no candidate is close.
inline std::string did_you_mean_hint(std::string_view word, std::span<const std::string_view> candidates)
{
  const std::string best = util::did_you_mean(word, candidates);
  return best.empty() ? std::string() : " (did you mean \"" + best + "\"?)";
}

} // namespace pave::cost
