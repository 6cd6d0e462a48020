#pragma once
/// Files compiled into the binary from the repository's templates/ folder.
#include <span>
#include <string_view>

namespace pave::embedded {

/// One embedded file: its path relative to templates/ and its bytes.
struct File
{
  std::string_view path;
  std::string_view data;
};

/// Every embedded file, sorted by path. Generated at build time.
std::span<const File> files();

/// The price catalogs of cost-report (lib/cost/prices/, paths relative to
/// it, e.g. "aws.json"), sorted by path. Generated at build time.
std::span<const File> price_files();

} // namespace pave::embedded
