#include <doctest/doctest.h>

#include <pave/kube/rollout.hpp>

using namespace pave;
using nlohmann::json;

namespace {

json deployment(json spec, json status, int generation = 2)
{
  return json{{"apiVersion", "apps/v1"},
              {"kind", "Deployment"},
              {"metadata", {{"name", "web"}, {"generation", generation}}},
              {"spec", std::move(spec)},
              {"status", std::move(status)}};
}

kube::RolloutStatus waiting(std::string m)
{
  return {false, false, std::move(m)};
}

} // namespace

TEST_CASE("kube::rollout_status Deployment")
{
  CHECK(kube::rollout_status(deployment({{"replicas", 3}}, {{"observedGeneration", 1}})) ==
        waiting("Waiting for deployment spec update to be observed..."));
  CHECK(kube::rollout_status(deployment({{"replicas", 3}}, {{"observedGeneration", 2}, {"updatedReplicas", 1}})) ==
        waiting("Waiting for deployment \"web\" rollout to finish: 1 out of 3 new replicas have been updated..."));
  CHECK(kube::rollout_status(deployment({{"replicas", 3}},
                                        {{"observedGeneration", 2}, {"updatedReplicas", 3}, {"replicas", 4}})) ==
        waiting("Waiting for deployment \"web\" rollout to finish: 1 old replicas are pending termination..."));
  CHECK(kube::rollout_status(deployment({{"replicas", 3}}, {{"observedGeneration", 2},
                                                            {"updatedReplicas", 3},
                                                            {"replicas", 3},
                                                            {"availableReplicas", 2}})) ==
        waiting("Waiting for deployment \"web\" rollout to finish: 2 of 3 updated replicas are available..."));
  CHECK(kube::rollout_status(deployment({{"replicas", 3}}, {{"observedGeneration", 3},
                                                            {"updatedReplicas", 3},
                                                            {"replicas", 3},
                                                            {"availableReplicas", 3}})) ==
        kube::RolloutStatus{true, false, "deployment \"web\" successfully rolled out"});
  const json deadline = {{"observedGeneration", 2},
                         {"conditions", json::array({{{"type", "Available"}, {"status", "False"}},
                                                     {{"type", "Progressing"},
                                                      {"status", "False"},
                                                      {"reason", "ProgressDeadlineExceeded"}}})}};
  CHECK(kube::rollout_status(deployment({{"replicas", 3}}, deadline)) ==
        kube::RolloutStatus{false, true, "deployment \"web\" exceeded its progress deadline"});
}

TEST_CASE("kube::rollout_status StatefulSet")
{
  auto sts = [](json spec, json status) {
    return json{{"apiVersion", "apps/v1"}, {"kind", "StatefulSet"}, {"metadata", {{"name", "db"}, {"generation", 1}}},
                {"spec", std::move(spec)}, {"status", std::move(status)}};
  };
  CHECK(kube::rollout_status(sts({{"replicas", 2}}, json::object())) ==
        waiting("Waiting for statefulset spec update to be observed..."));
  CHECK(kube::rollout_status(sts({{"replicas", 3}}, {{"observedGeneration", 1}, {"readyReplicas", 1}})) ==
        waiting("Waiting for 2 pods to be ready..."));
  CHECK(kube::rollout_status(sts({{"replicas", 2}}, {{"observedGeneration", 1},
                                                     {"readyReplicas", 2},
                                                     {"updatedReplicas", 1},
                                                     {"currentRevision", "db-1"},
                                                     {"updateRevision", "db-2"}})) ==
        waiting("waiting for statefulset rolling update to complete 1 pods at revision db-2..."));
  CHECK(kube::rollout_status(sts({{"replicas", 2}}, {{"observedGeneration", 1},
                                                     {"readyReplicas", 2},
                                                     {"currentReplicas", 2},
                                                     {"currentRevision", "db-2"},
                                                     {"updateRevision", "db-2"}})) ==
        kube::RolloutStatus{true, false, "statefulset rolling update complete 2 pods at revision db-2..."});
  const json partitioned = {{"replicas", 4}, {"updateStrategy", {{"type", "RollingUpdate"}, {"rollingUpdate", {{"partition", 2}}}}}};
  CHECK(kube::rollout_status(sts(partitioned, {{"observedGeneration", 1}, {"readyReplicas", 4}, {"updatedReplicas", 1}})) ==
        waiting("Waiting for partitioned roll out to finish: 1 out of 2 new pods have been updated..."));
  CHECK(kube::rollout_status(sts(partitioned, {{"observedGeneration", 1}, {"readyReplicas", 4}, {"updatedReplicas", 2}})).done);
  CHECK(kube::rollout_status(sts({{"updateStrategy", {{"type", "OnDelete"}}}}, json::object())).done);
}

TEST_CASE("kube::rollout_status DaemonSet")
{
  auto ds = [](json status) {
    return json{{"apiVersion", "apps/v1"}, {"kind", "DaemonSet"}, {"metadata", {{"name", "agent"}, {"generation", 1}}},
                {"spec", json::object()}, {"status", std::move(status)}};
  };
  CHECK(kube::rollout_status(ds({{"observedGeneration", 1}, {"desiredNumberScheduled", 3}, {"updatedNumberScheduled", 2}})) ==
        waiting("Waiting for daemon set \"agent\" rollout to finish: 2 out of 3 new pods have been updated..."));
  CHECK(kube::rollout_status(ds({{"observedGeneration", 1},
                                 {"desiredNumberScheduled", 3},
                                 {"updatedNumberScheduled", 3},
                                 {"numberAvailable", 1}})) ==
        waiting("Waiting for daemon set \"agent\" rollout to finish: 1 of 3 updated pods are available..."));
  CHECK(kube::rollout_status(ds({{"observedGeneration", 1},
                                 {"desiredNumberScheduled", 3},
                                 {"updatedNumberScheduled", 3},
                                 {"numberAvailable", 3}})) ==
        kube::RolloutStatus{true, false, "daemon set \"agent\" successfully rolled out"});
}

TEST_CASE("kube::rollout_status Job and other kinds")
{
  auto job = [](json conditions, json extra = json::object()) {
    json status = {{"conditions", std::move(conditions)}};
    status.update(extra);
    return json{{"apiVersion", "batch/v1"}, {"kind", "Job"}, {"metadata", {{"name", "migrate"}}}, {"status", status}};
  };
  CHECK(kube::rollout_status(job(json::array(), {{"active", 1}})) ==
        waiting("Waiting for job \"migrate\" to complete: 0 succeeded, 1 active..."));
  CHECK(kube::rollout_status(job(json::array({{{"type", "Complete"}, {"status", "True"}}}))) ==
        kube::RolloutStatus{true, false, "job \"migrate\" completed"});
  CHECK(kube::rollout_status(job(json::array({{{"type", "Failed"},
                                               {"status", "True"},
                                               {"reason", "BackoffLimitExceeded"},
                                               {"message", "Job has reached the specified backoff limit"}}}))) ==
        kube::RolloutStatus{false, true,
                            "job \"migrate\" failed: BackoffLimitExceeded: Job has reached the specified backoff limit"});
  CHECK(kube::rollout_status(json{{"apiVersion", "v1"}, {"kind", "ConfigMap"}, {"metadata", {{"name", "c"}}}}) ==
        kube::RolloutStatus{true, false, "ConfigMap \"c\" exists"});
}
