#include <pave/actions/backup_verify.hpp>

#include <chrono>

#include <pave/backup/archive.hpp>

namespace pave::actions {

util::Result<BackupVerifyResult> backup_verify(const project::Project& project, const BackupVerifyOptions& o)
{
  const auto start = std::chrono::steady_clock::now();
  const project::Environment* env = nullptr;
  if (const auto it = project.environments.find(o.environment); it != project.environments.end()) {
    env = &it->second;
  } else if (!project.environments.empty()) {
    env = &project.environments.begin()->second;
  }
  PAVE_TRY_ASSIGN(BackupSession b, open_backup_session(project, env, o.dest));
  BackupVerifyResult r;
  PAVE_TRY_ASSIGN(r.info, backup::find_backup(*b.destination, o.id));
  PAVE_TRY_ASSIGN(const backup::KeyMaterial key, backup_key(b, o.dest));
  auto contents = backup::read_backup(*b.destination, r.info, key, {}, backup::ReadMode::verify_only);
  if (!contents) {
    return util::fail("backup {} failed verification: {}", o.id, contents.error().message);
  }
  r.entries = contents->manifest.entries.size();
  r.plaintext_bytes = contents->plaintext_bytes;
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return r;
}

} // namespace pave::actions
