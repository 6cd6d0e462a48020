#pragma once
/// The manifest of a backup written entry by entry, for a writer that does
/// not hold the entries: each is kept as its line of JSON (~200 bytes), in
/// memory up to k_manifest_memory and then in an unlinked temporary file,
/// so memory stays bounded whatever the number of entries. The text it
/// writes at the end is a manifest parse_manifest() reads (the same
/// document as to_json(Manifest), laid out one entry a line).
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include <pave/backup/manifest.hpp>
#include <pave/util/fs.hpp>

namespace pave::backup {

/// Entry lines kept in memory before they go to a temporary file.
inline constexpr std::size_t k_manifest_memory = 1u << 20;

class ManifestWriter
{
public:
  /// Appends an entry. Error: the temporary file cannot be written.
  util::Result<void> add(const ManifestEntry& entry);
  std::size_t entries() const { return m_entries; }

  /// The size in bytes of the manifest with `header`.
  std::uint64_t size(const BackupHeader& header) const;
  /// Hands the manifest with `header` to `out` in blocks of at most 256 KiB
  /// (exactly size(header) bytes). Error: the temporary file cannot be read, or `out` fails.
  util::Result<void> write(const BackupHeader& header, const std::function<util::Result<void>(std::string_view)>& out);

private:
  util::Result<void> spill();

  std::string m_lines;         ///< entry lines not yet spilled
  util::FilePtr m_file; ///< spilled entry lines (unlinked temporary file)
  std::uint64_t m_spilled = 0; ///< bytes in m_file
  std::size_t m_entries = 0;
};

} // namespace pave::backup
