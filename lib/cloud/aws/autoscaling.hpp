#pragma once
/// Auto Scaling (query protocol, version 2011-01-01): the capacity of an
/// existing group.
#include <optional>
#include <string>

#include <pave/cloud/aws/client.hpp>

namespace pave::cloud::aws::autoscaling {

struct Capacity
{
  long min = 0;
  long max = 0;
  long desired = 0;
};

/// The group's capacity, or nullopt when no group has that name.
AwsResult<std::optional<Capacity>> describe_capacity(Client& client, const std::string& group);

/// A group's capacity and its instances.
struct GroupStatus
{
  Capacity capacity;
  long instances = 0;  ///< members listed
  long in_service = 0; ///< of them, LifecycleState InService and HealthStatus Healthy
};

/// DescribeAutoScalingGroups of one group, or nullopt when it does not exist.
AwsResult<std::optional<GroupStatus>> describe_group(Client& client, const std::string& group);

/// UpdateAutoScalingGroup with MinSize, MaxSize and DesiredCapacity (idempotent).
AwsResult<void> update_capacity(Client& client, const std::string& group, const Capacity& capacity);

/// SetDesiredCapacity (HonorCooldown false).
AwsResult<void> set_desired_capacity(Client& client, const std::string& group, long desired);

} // namespace pave::cloud::aws::autoscaling
