#pragma once
/// `pave version`: pave's version, git commit and the linked libraries.
#include <string>
#include <utility>
#include <vector>

namespace pave::actions {

struct VersionInfo
{
  std::string version;
  std::string commit;
  std::string build_type;
  std::vector<std::pair<std::string, std::string>> libraries; ///< name -> version, in display order
};

/// Collects the version information (library versions as linked at run time where the library reports it).
VersionInfo version_info();

} // namespace pave::actions
