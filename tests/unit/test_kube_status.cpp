#include <doctest/doctest.h>

#include <pave/http/fake_client.hpp>
#include <pave/kube/status.hpp>

using namespace pave;

TEST_CASE("kube::status_error")
{
  const http::Request req{"GET", "https://10.0.0.1:6443/apis/apps/v1/namespaces/shop/deployments/web"};
  SUBCASE("a Status body")
  {
    auto resp = http::FakeHttpClient::json(
        403, R"({"kind":"Status","apiVersion":"v1","status":"Failure","message":"deployments.apps \"web\" is forbidden: User \"bob\" cannot get resource \"deployments\" in API group \"apps\" in the namespace \"shop\"","reason":"Forbidden","details":{"name":"web","group":"apps","kind":"deployments"},"code":403})");
    const auto e = kube::status_error(req, resp);
    CHECK(e.message ==
          "deployments.apps \"web\" is forbidden: User \"bob\" cannot get resource \"deployments\" in API group \"apps\" "
          "in the namespace \"shop\" (Forbidden, HTTP 403)");
    CHECK(e.detail.empty());
  }
  SUBCASE("causes go to the detail")
  {
    auto resp = http::FakeHttpClient::json(
        422, R"({"kind":"Status","message":"Deployment.apps \"web\" is invalid: spec.replicas: Invalid value: -1","reason":"Invalid","code":422,"details":{"causes":[{"reason":"FieldValueInvalid","message":"Invalid value: -1: must be greater than or equal to 0","field":"spec.replicas"}]}})");
    const auto e = kube::status_error(req, resp);
    CHECK(e.message == "Deployment.apps \"web\" is invalid: spec.replicas: Invalid value: -1 (Invalid, HTTP 422)");
    CHECK(e.detail == "spec.replicas: Invalid value: -1: must be greater than or equal to 0");
  }
  SUBCASE("not a Status")
  {
    auto resp = http::FakeHttpClient::json(502, "<html>bad gateway</html>");
    CHECK(kube::status_error(req, resp).message == "10.0.0.1:6443: HTTP 502 Bad Gateway: <html>bad gateway</html>");
    CHECK_FALSE(kube::parse_status("{\"kind\":\"Deployment\"}"));
  }
}
