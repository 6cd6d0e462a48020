#include <pave/actions/state_migrate.hpp>

#include <fmt/format.h>

#include <pave/state/state_file.hpp>

namespace pave::actions {

util::Result<StateMigration> state_migrate(const StateOptions& o, const StateMigrateOptions& m)
{
  if (m.to.empty()) {
    return util::fail_with(util::ExitCode::usage, "state migrate needs --to LOCATION (a directory or s3://BUCKET/PREFIX)");
  }
  const std::string from = m.from.empty() ? o.state_dir : m.from;
  PAVE_TRY_ASSIGN(auto src, open_state_at(from, o.project_dir, o.environment, o.aws));
  PAVE_TRY_ASSIGN(auto dst, open_state_at(m.to, o.project_dir, o.environment, o.aws));
  StateMigration r;
  r.from = src->describe();
  r.to = dst->describe();
  if (r.from == r.to) {
    return util::fail_with(util::ExitCode::usage, "state migrate: {} is both the source and the destination", r.from);
  }
  PAVE_TRY_ASSIGN(auto src_lock, lock_state(*src, o, "state migrate"));
  PAVE_TRY_ASSIGN(auto dst_lock, lock_state(*dst, o, "state migrate"));
  PAVE_TRY_ASSIGN(const auto bytes, src->read_bytes());
  if (!bytes) {
    return util::fail("there is no state for environment {} in {}; nothing to migrate", o.environment, r.from);
  }
  PAVE_TRY_ASSIGN(const auto header, state::parse_state_header(*bytes, r.from));
  PAVE_TRY(state::parse_state(*bytes, r.from)); // fully readable, not only its header
  r.serial = header.serial;
  r.lineage = header.lineage;
  r.bytes = bytes->size();

  PAVE_TRY_ASSIGN(const auto existing, dst->read_bytes());
  r.copied = !existing || *existing != *bytes;
  if (existing && r.copied && !m.force) {
    const auto there = state::parse_state_header(*existing, r.to);
    if (!there) {
      return util::fail("{} holds an unreadable state ({}); use --force to replace it (it is kept aside)", r.to,
                        there.error().message);
    }
    if (there->lineage != header.lineage) {
      return util::fail("{} already holds a state of another lineage ({}, serial {}; migrating {}); use --force to "
                        "replace it (it is kept as a backup)",
                        r.to, there->lineage, there->serial, header.lineage);
    }
    if (there->serial > header.serial) {
      return util::fail("{} already holds a newer version of this state (serial {} > {}); use --force to replace it",
                        r.to, there->serial, header.serial);
    }
  }
  if (r.copied) {
    PAVE_TRY(dst->write_bytes(*bytes));
  }
  PAVE_TRY_ASSIGN(const auto back, dst->read_bytes());
  if (!back || *back != *bytes) {
    return util::fail("verifying {} failed: the state read back differs from the one written; the source {} was kept",
                      r.to, r.from);
  }
  PAVE_TRY(dst->read());
  if (!m.keep_source) {
    PAVE_TRY(src->remove_state());
    r.source_removed = true;
  }
  return r;
}

} // namespace pave::actions
