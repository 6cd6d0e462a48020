#include <pave/backup/manifest_writer.hpp>

#include <cerrno>
#include <cstring>


namespace pave::backup {

namespace {

constexpr std::size_t k_block = 256 * 1024;

/// The manifest's text before and after its entry lines.
std::pair<std::string, std::string> frame(const BackupHeader& header)
{
  nlohmann::ordered_json j;
  write_header(j, header);
  std::string head = j.dump(2); // "{\n  ...\n}"
  head.resize(head.size() - 2);
  head += ",\n  \"entries\": [";
  return {std::move(head), "\n  ]\n}\n"};
}

} // namespace

util::Result<void> ManifestWriter::add(const ManifestEntry& entry)
{
  m_lines += m_entries == 0 ? "\n    " : ",\n    ";
  m_lines += to_json(entry).dump();
  ++m_entries;
  if (m_lines.size() >= k_manifest_memory) {
    PAVE_TRY(spill());
  }
  return {};
}

util::Result<void> ManifestWriter::spill()
{
  if (m_file == nullptr) {
    PAVE_TRY_ASSIGN(m_file, util::open_temp_file("pave-manifest"));
  }
  if (std::fwrite(m_lines.data(), 1, m_lines.size(), m_file.get()) != m_lines.size()) {
    return util::fail("cannot write the backup manifest to a temporary file: {}", std::strerror(errno));
  }
  m_spilled += m_lines.size();
  m_lines.clear();
  return {};
}

std::uint64_t ManifestWriter::size(const BackupHeader& header) const
{
  const auto [head, tail] = frame(header);
  return head.size() + m_spilled + m_lines.size() + tail.size();
}

util::Result<void> ManifestWriter::write(const BackupHeader& header,
                                         const std::function<util::Result<void>(std::string_view)>& out)
{
  const auto [head, tail] = frame(header);
  PAVE_TRY(out(head));
  if (m_file != nullptr) {
    if (std::fflush(m_file.get()) != 0 || std::fseek(m_file.get(), 0, SEEK_SET) != 0) {
      return util::fail("cannot read the backup manifest back: {}", std::strerror(errno));
    }
    std::string buf(k_block, '\0');
    std::uint64_t left = m_spilled;
    while (left > 0) {
      const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(buf.size(), left));
      if (std::fread(buf.data(), 1, want, m_file.get()) != want) {
        return util::fail("cannot read the backup manifest back: {}", std::strerror(errno));
      }
      PAVE_TRY(out(std::string_view(buf.data(), want)));
      left -= want;
    }
  }
  for (std::size_t at = 0; at < m_lines.size(); at += k_block) {
    PAVE_TRY(out(std::string_view(m_lines).substr(at, k_block)));
  }
  return out(tail);
}

} // namespace pave::backup
