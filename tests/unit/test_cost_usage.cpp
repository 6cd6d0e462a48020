#include <doctest/doctest.h>

#include <pave/cost/usage.hpp>

using namespace pave;

TEST_CASE("cost::parse_usage")
{
  const auto u = cost::parse_usage(R"(
version: 0.1
resource_usage:
  S3Bucket/assets:
    storage_gb: 500
  S3Bucket/*:
    storage_gb: 10
    monthly_get_requests: 1000
  Route53HealthCheck/web:
    aws_endpoint: true
  AutoScalingGroupCapacity/workers:
    instance_type: c6i.large
)", "usage.yml");
  REQUIRE(u);
  CHECK(u->number("S3Bucket", "assets", "storage_gb", 0) == 500);
  CHECK(u->number("S3Bucket", "assets", "monthly_get_requests", 0) == 1000); // from S3Bucket/*
  CHECK(u->number("S3Bucket", "other", "storage_gb", 0) == 10);
  CHECK(u->number("S3Bucket", "other", "monthly_put_requests", 7) == 7);
  CHECK(u->boolean("Route53HealthCheck", "web", "aws_endpoint", false));
  CHECK(u->string("AutoScalingGroupCapacity", "workers", "instance_type", "") == "c6i.large");
  CHECK(u->find("Job", "x", "monthly_hours") == nullptr);
  CHECK(cost::parse_usage("", "empty.yml")->entries.empty());
}

TEST_CASE("cost::parse_usage errors")
{
  const auto error = [](const char* text) { return cost::parse_usage(text, "u.yml").error().message; };
  CHECK(error("version: 2\n") == "u.yml: version: only 0.1 is supported");
  CHECK(error("resource_usge: {}\n") == "u.yml: unknown key \"resource_usge\" (did you mean \"resource_usage\"?)");
  CHECK(error("resource_usage:\n  S3Bucket/a:\n    storage_g: 1\n") ==
        "u.yml: resource_usage.S3Bucket/a: unknown key \"storage_g\" (did you mean \"storage_gb\"?)");
  CHECK(error("resource_usage:\n  S3Buckets/a:\n    storage_gb: 1\n") ==
        "u.yml: resource_usage.S3Buckets/a: unknown kind \"S3Buckets\" (did you mean \"S3Bucket\"?)");
  CHECK(error("resource_usage:\n  S3Bucket/a:\n    storage_gb: -1\n") ==
        "u.yml: resource_usage.S3Bucket/a.storage_gb: must be a non-negative number");
  CHECK(error("resource_usage:\n  S3Bucket:\n    storage_gb: 1\n") ==
        "u.yml: resource_usage.S3Bucket: keys are KIND/NAME (NAME may be *)");
  CHECK(error("resource_usage:\n  AutoScalingGroupCapacity/w:\n    instance_type: 3\n") ==
        "u.yml: resource_usage.AutoScalingGroupCapacity/w.instance_type: must be a string");
  CHECK(error("- a\n") == "u.yml: a usage file is a mapping with version and resource_usage");
}
