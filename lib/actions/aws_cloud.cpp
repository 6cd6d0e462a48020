#include <pave/actions/aws_cloud.hpp>

#include <fmt/format.h>

#include <pave/cloud/desired.hpp>
#include <pave/plan/planner.hpp>
#include <pave/targets/aws.hpp>
#include <pave/util/fs.hpp>

namespace pave::actions {

util::Result<CloudRunResult> cloud_run(const project::Project& project, const project::Environment& env,
                                       const CloudRunOptions& options)
{
  const std::filesystem::path record_file =
      options.record_file.empty() ? project.dir / ".pave" / fmt::format("cloud-{}.json", env.name)
                                  : std::filesystem::path(options.record_file);
  nlohmann::json record = nlohmann::json::object();
  if (util::exists(record_file)) {
    PAVE_TRY_ASSIGN(const std::string text, util::read_file(record_file));
    record = nlohmann::json::parse(text, nullptr, false);
    if (!record.is_object()) {
      return util::fail("{}: not a JSON object", record_file.string());
    }
  }
  PAVE_TRY_ASSIGN(auto objects, cloud::desired_objects(project, env));
  plan::DesiredState desired;
  desired.objects = std::move(objects);
  targets::AwsTargetOptions to;
  to.environment = env.name;
  to.force_delete = options.force_delete;
  PAVE_TRY_ASSIGN(auto target, targets::open_aws(env, to));

  plan::PlanInputs in;
  in.environment = env.name;
  in.desired = &desired;
  std::vector<plan::ObjectRef> refs;
  for (const auto& d : desired.objects) {
    refs.push_back(d.ref);
  }
  for (const auto& [address, rec] : record.items()) {
    in.recorded[address] = plan::RecordedObject{"", rec.at("applied"), rec.value("digest", "")};
    if (auto ref = plan::parse_address(address); ref && std::find(refs.begin(), refs.end(), *ref) == refs.end()) {
      refs.push_back(*ref);
    }
  }
  PAVE_TRY_ASSIGN(in.live, target->refresh(refs));
  CloudRunResult r;
  r.plan = plan::make_plan(in);
  r.plan.target = target->describe();
  if (!options.apply) {
    return r;
  }
  deploy::Options dopts;
  r.report = deploy::apply(*target, r.plan, dopts, util::system_clock(), {});
  for (const auto& o : r.report.outcomes) {
    if (!o.done) {
      continue;
    }
    if (o.action == plan::Action::remove) {
      record.erase(o.address);
    } else {
      for (const auto& d : desired.objects) {
        if (d.address == o.address) {
          record[o.address] = {{"applied", d.object}, {"digest", d.digest}};
        }
      }
    }
  }
  for (const auto& c : r.plan.changes) { // forgotten deletes leave the record too
    if (c.action == plan::Action::remove && c.forget_only) {
      record.erase(c.address);
    }
  }
  PAVE_TRY(util::write_file_atomic(record_file, record.dump(2) + "\n"));
  return r;
}

} // namespace pave::actions
