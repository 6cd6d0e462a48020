#pragma once
/// Cloud resources declared in pave.toml's [cloud] table (schema in
/// docs/cloud.md), as desired objects the plan engine handles like
/// Kubernetes objects: {"apiVersion": "aws.pave.dev/v1", "kind": KIND,
/// "metadata": {"name": NAME, "annotations": {"pave.dev/environment": ENV}},
/// "spec": {...}} with the address ObjectRef{"aws.pave.dev/v1", KIND, "", NAME}.address().
///
/// Kinds: S3Bucket, Route53HostedZone, Route53RecordSet (named
/// "www.example.com.-A" or "www.example.com.-A-SETID"), Route53HealthCheck,
/// AutoScalingGroupCapacity. Only the fields written in pave.toml appear in
/// a spec, so the fields pave does not manage never show as changes.
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include <pave/plan/desired.hpp>
#include <pave/project/project.hpp>
#include <pave/util/diagnostics.hpp>

namespace pave::cloud {

inline constexpr std::string_view k_aws_api_version = "aws.pave.dev/v1";
inline constexpr std::string_view k_aws_group = "aws.pave.dev";

/// True for the API groups of cloud objects ("*.pave.dev").
bool is_cloud_group(std::string_view group);

/// The desired cloud objects of `env`, sorted by address. "{env}" in any
/// string value is replaced by the environment's name. Error: the first
/// problem check() reports ("cloud.records.www: failover must be PRIMARY or SECONDARY").
util::Result<std::vector<plan::DesiredObject>> desired_objects(const project::Project& project,
                                                               const project::Environment& env);

/// Checks the [cloud] table (`cloud`, as kept raw in Project::reserved) and
/// reports every problem: unknown sections and keys (with a suggestion),
/// value types, missing required keys, references (health_check names),
/// routing rules (set_id for weighted and failover records, weight and
/// failover exclusive, never two PRIMARY or two SECONDARY records for one
/// name and type), and that cloud resources have an environment region.
void check(const nlohmann::json& cloud, const project::Project& project, util::Diagnostics& diags);

} // namespace pave::cloud
