#include <pave/cloud/aws/autoscaling.hpp>

#include <pave/cloud/aws/query.hpp>
#include <pave/cloud/aws/xml.hpp>

namespace pave::cloud::aws::autoscaling {

namespace {
constexpr const char* k_version = "2011-01-01";
}

AwsResult<std::optional<Capacity>> describe_capacity(Client& client, const std::string& group)
{
  pugi::xml_document doc;
  PAVE_TRY(call_query(client, k_autoscaling, "DescribeAutoScalingGroups", k_version,
                      {{"AutoScalingGroupNames.member.1", group}}, doc));
  const auto g = doc.select_node("//AutoScalingGroups/member").node();
  if (!g) {
    return std::optional<Capacity>();
  }
  return std::optional<Capacity>(Capacity{g.child("MinSize").text().as_llong(), g.child("MaxSize").text().as_llong(),
                                          g.child("DesiredCapacity").text().as_llong()});
}

AwsResult<std::optional<GroupStatus>> describe_group(Client& client, const std::string& group)
{
  pugi::xml_document doc;
  PAVE_TRY(call_query(client, k_autoscaling, "DescribeAutoScalingGroups", k_version,
                      {{"AutoScalingGroupNames.member.1", group}}, doc));
  const auto g = doc.select_node("//AutoScalingGroups/member").node();
  if (!g) {
    return std::optional<GroupStatus>();
  }
  GroupStatus s;
  s.capacity = Capacity{g.child("MinSize").text().as_llong(), g.child("MaxSize").text().as_llong(),
                        g.child("DesiredCapacity").text().as_llong()};
  for (auto i : g.child("Instances").children("member")) {
    ++s.instances;
    if (std::string_view(i.child("LifecycleState").text().as_string()) == "InService" &&
        std::string_view(i.child("HealthStatus").text().as_string()) == "Healthy") {
      ++s.in_service;
    }
  }
  return std::optional<GroupStatus>(s);
}

AwsResult<void> update_capacity(Client& client, const std::string& group, const Capacity& c)
{
  pugi::xml_document doc;
  return call_query(client, k_autoscaling, "UpdateAutoScalingGroup", k_version,
                    {{"AutoScalingGroupName", group},
                     {"MinSize", std::to_string(c.min)},
                     {"MaxSize", std::to_string(c.max)},
                     {"DesiredCapacity", std::to_string(c.desired)}},
                    doc);
}

AwsResult<void> set_desired_capacity(Client& client, const std::string& group, long desired)
{
  pugi::xml_document doc;
  return call_query(client, k_autoscaling, "SetDesiredCapacity", k_version,
                    {{"AutoScalingGroupName", group}, {"DesiredCapacity", std::to_string(desired)},
                     {"HonorCooldown", "false"}},
                    doc);
}

} // namespace pave::cloud::aws::autoscaling
