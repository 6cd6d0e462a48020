#pragma once
/// Semantic versions and version constraints as Masterminds/semver v3 (which
/// Helm uses for dependency versions and kubeVersion) parses and checks them.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <pave/util/expected.hpp>

namespace pave::chart {

struct Version
{
  std::uint64_t major = 0, minor = 0, patch = 0;
  std::string prerelease; ///< without the leading '-'
  std::string metadata;   ///< without the leading '+'

  /// semver.NewVersion: lenient, accepts a leading 'v' and missing minor/patch
  /// ("1", "v1.2"). Error "Invalid Semantic Version" like Masterminds.
  static util::Result<Version> parse(std::string_view s);
  /// Version.String(): "1.2.3-pre+meta" without a leading 'v'.
  std::string str() const;
};

/// Version.Compare: -1, 0 or 1, ignoring metadata; prereleases sort before releases.
int compare(const Version& a, const Version& b);

/// A parsed constraint string such as ">= 1.2, < 2 || ^3.1".
class Constraints
{
public:
  /// semver.NewConstraint. Error "improper constraint: TEXT".
  static util::Result<Constraints> parse(std::string_view s);
  /// Constraints.Check: true when v satisfies every constraint of some || group.
  bool check(const Version& v) const;

  struct Item
  {
    std::string op;
    Version con;
    bool dirty = false, minor_dirty = false, patch_dirty = false;
  };

private:
  std::vector<std::vector<Item>> m_groups;
};

/// Helm's IsCompatibleRange(constraint, version): false when either does not parse.
/// An empty constraint accepts every version.
bool is_compatible_range(std::string_view constraint, std::string_view version);

} // namespace pave::chart
