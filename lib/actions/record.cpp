#include <pave/actions/record.hpp>

#include <algorithm>
#include <map>

#include <fmt/format.h>


namespace pave::actions {

namespace {

using plan::Action;

state::ResourceRecord make_record(const plan::Change& c, int revision)
{
  state::ResourceRecord r;
  r.address = c.address;
  r.app = c.app;
  r.api_version = c.ref.api_version;
  r.kind = c.ref.kind;
  r.namespace_ = c.ref.namespace_;
  r.name = c.ref.name;
  r.applied = state::redact_secret(c.desired);
  r.digest = state::object_digest(c.desired);
  r.revision = revision;
  return r;
}

} // namespace

std::string describe_report(const deploy::Report& report)
{
  int created = 0, updated = 0, replaced = 0, deleted = 0;
  for (const auto& o : report.outcomes) {
    if (!o.done) {
      continue;
    }
    switch (o.action) {
    case Action::create: ++created; break;
    case Action::update: ++updated; break;
    case Action::replace: ++replaced; break;
    case Action::remove: ++deleted; break;
    case Action::noop: break;
    }
  }
  std::string s = fmt::format("{} created, {} updated, ", created, updated);
  if (replaced > 0) {
    s += fmt::format("{} replaced, ", replaced);
  }
  s += fmt::format("{} deleted", deleted);
  return s;
}

int record_deploy(state::State& st, const plan::Plan& p, const deploy::Report& report, const RecordInputs& in)
{
  const int number = st.last_revision() + 1;
  std::map<std::string, state::ResourceRecord> records;
  for (auto& r : st.resources) {
    records[r.address] = std::move(r);
  }
  std::map<std::string, const deploy::Outcome*> outcomes;
  for (const auto& o : report.outcomes) {
    outcomes[o.address] = &o;
  }
  for (const auto& c : p.changes) {
    const auto o = outcomes.find(c.address);
    const bool done = o != outcomes.end() && o->second->done;
    switch (c.action) {
    case Action::noop: {
      // Already as desired: make sure the record matches (adopted objects, field-equal changes).
      const auto digest = state::object_digest(c.desired);
      const auto it = records.find(c.address);
      if (it == records.end() || it->second.digest != digest) {
        records[c.address] = make_record(c, it == records.end() ? number : it->second.revision);
      }
      break;
    }
    case Action::create:
    case Action::update:
    case Action::replace:
      if (done) {
        records[c.address] = make_record(c, number);
      }
      break;
    case Action::remove:
      if (done || c.forget_only) {
        records.erase(c.address);
      }
      break;
    }
  }
  st.resources.clear();
  for (auto& [address, r] : records) {
    st.resources.push_back(std::move(r));
  }

  state::Revision rev;
  rev.time = in.time;
  rev.operation = in.operation;
  rev.status = report.failed ? "failed" : "deployed";
  rev.description = in.description_prefix + describe_report(report);
  if (report.failed) {
    rev.description += "; failed: " + report.failure;
  }
  rev.apps = in.apps;
  for (const auto& r : st.resources) {
    rev.objects[r.address] = r.applied;
  }
  return state::add_revision(st, std::move(rev));
}

} // namespace pave::actions
