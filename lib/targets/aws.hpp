#pragma once
/// The AWS target: cloud objects (lib/cloud/desired.hpp, group
/// aws.pave.dev) refreshed from and applied to the AWS APIs.
///
/// refresh() reads each object back into the same JSON shape the desired
/// objects have (all the fields pave can manage; the planner compares only
/// those the desired object sets), with metadata.annotations
/// "pave.dev/environment" taken from the resource's pave.dev/environment
/// tag (buckets, zones, health checks) so that the planner's ownership rule
/// for deletes holds. apply() creates or updates idempotently: buckets with
/// CreateBucket (BucketAlreadyOwnedByYou is success) and one PUT per
/// configuration; record sets with UPSERT, waited on until INSYNC; zones and
/// health checks with stable caller references. remove() refuses a bucket
/// that still holds objects (or versions) unless `force_delete`, and a zone
/// with records besides its NS and SOA; an Auto Scaling group's capacity is
/// only forgotten.
#include <memory>
#include <string>

#include <pave/cloud/aws/client.hpp>
#include <pave/targets/target.hpp>

namespace pave::targets {

struct AwsTargetOptions
{
  std::string environment;   ///< pave.toml environment (the ownership tag's value)
  bool force_delete = false; ///< `pave deploy --force`: empty non-empty buckets before deleting them
  std::chrono::milliseconds change_timeout{std::chrono::minutes(5)}; ///< Route 53 INSYNC wait
  int concurrency = 4;
};

/// A target over `client` (not owned; it must outlive the target).
std::unique_ptr<Target> make_aws_target(cloud::aws::Client& client, AwsTargetOptions options);

/// Opens a session for `env` (region, aws_profile and endpoint_url from
/// pave.toml; the SDK chain otherwise) and a target that owns it.
util::Result<std::unique_ptr<Target>> open_aws(const project::Environment& env, AwsTargetOptions options);

} // namespace pave::targets
