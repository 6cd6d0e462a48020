#include <pave/actions/backup_common.hpp>

namespace pave::actions {

util::Result<backup::Scope> backup_scope(const BackupScopeOptions& o)
{
  backup::Scope scope;
  scope.include_namespaces = o.include_namespaces;
  scope.exclude_namespaces = o.exclude_namespaces;
  scope.include_kinds = o.include_kinds;
  scope.exclude_kinds = o.exclude_kinds;
  PAVE_TRY_ASSIGN(scope.selector, backup::parse_selector(o.selector));
  return scope;
}

util::Result<BackupSession> open_backup_session(const project::Project& project, const project::Environment* env,
                                                const BackupDestinationOptions& options)
{
  BackupSession s;
  PAVE_TRY_ASSIGN(s.config, backup::parse_backup_config(project));
  backup::DestinationOptions d;
  d.region = !s.config.region.empty() ? s.config.region : (env != nullptr ? env->region : "");
  d.profile = !s.config.aws_profile.empty() ? s.config.aws_profile : (env != nullptr ? env->aws_profile : "");
  d.endpoint_url = !s.config.endpoint_url.empty() ? s.config.endpoint_url : (env != nullptr ? env->endpoint_url : "");
  const std::string url = options.destination.empty() ? s.config.destination : options.destination;
  PAVE_TRY_ASSIGN(s.destination, backup::open_destination(url, project.dir.string(), d));
  return s;
}

util::Result<backup::KeyMaterial> backup_key(const BackupSession& session, const BackupDestinationOptions& options)
{
  return backup::load_key(backup::key_options_from_env(options.key_file.empty() ? session.config.key_file : options.key_file));
}

} // namespace pave::actions
