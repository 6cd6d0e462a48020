#include <doctest/doctest.h>

#include <pave/state/state_file.hpp>

#include "testutil.hpp"

using namespace pave;
using nlohmann::json;

namespace {

const std::string k_data = std::string(PAVE_SOURCE_DIR) + "/tests/unit/data/state";

/// The state of tests/unit/data/state/golden-v1.json (written there by an
/// independent Python implementation of the format).
state::State sample()
{
  const json object = json::parse(
    R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"shop"},"spec":{"replicas":2}})");
  state::State s;
  s.serial = 3;
  s.lineage = "0b8e2a8c-2f0d-4c55-9a57-4d0c8f5e7a11";
  s.environment = "dev";
  s.pave_version = "0.1.0";
  state::ResourceRecord r;
  r.address = "k8s:apps/v1/Deployment/shop/web";
  r.app = "web";
  r.api_version = "apps/v1";
  r.kind = "Deployment";
  r.namespace_ = "shop";
  r.name = "web";
  r.applied = object;
  r.digest = "sha256:" + std::string(64, '1');
  r.revision = 2;
  s.resources.push_back(r);
  state::Revision rev;
  rev.number = 2;
  rev.time = "2024-05-01T12:00:00Z";
  rev.operation = "deploy";
  rev.status = "deployed";
  rev.description = "1 created, 0 updated, 0 deleted";
  rev.apps["web"] = {{"chart", "web"}, {"chart_version", "0.1.0"}, {"values_digest", "sha256:" + std::string(64, '2')}};
  rev.objects[r.address] = object;
  s.revisions.push_back(rev);
  s.sections["backup"] = {{"last", "2024-05-01"}};
  return s;
}

std::string golden()
{
  return test::read_file(k_data + "/golden-v1.json");
}

/// Parses with the checksum of `doc` recomputed (for files edited in tests).
std::string with_checksum(json doc)
{
  doc["checksum"] = state::document_checksum(doc);
  return doc.dump(2);
}

} // namespace

TEST_CASE("state::serialize_state")
{
  SUBCASE("golden bytes")
  {
    const auto bytes = state::serialize_state(sample());
    REQUIRE(bytes);
    CHECK(*bytes == golden());
  }
  SUBCASE("each distinct object is stored once")
  {
    auto s = sample();
    for (int i = 0; i < 5; ++i) {
      auto rev = s.revisions.back();
      rev.number += 1;
      s.revisions.push_back(rev);
    }
    const auto doc = json::parse(*state::serialize_state(s));
    CHECK(doc["objects"].size() == 1);
  }
  SUBCASE("round trip")
  {
    auto s = sample();
    s.resources.push_back(s.resources[0]);
    s.resources[1].address += "2";
    s.resources[1].applied = nullptr;
    const auto bytes = state::serialize_state(s);
    REQUIRE(bytes);
    const auto back = state::parse_state(*bytes, "x.json");
    REQUIRE(back);
    CHECK(*back == s);
    CHECK(*state::serialize_state(*back) == *bytes);
  }
  SUBCASE("invalid UTF-8 is an error, not a corrupt file")
  {
    auto s = sample();
    s.resources[0].app = "\xff";
    const auto bytes = state::serialize_state(s);
    REQUIRE_FALSE(bytes);
    CHECK(bytes.error().message.starts_with("cannot serialise the state of dev: "));
  }
}

TEST_CASE("state::parse_state")
{
  SUBCASE("reads the golden file")
  {
    const auto s = state::parse_state(golden(), "dev.json");
    REQUIRE(s);
    CHECK(*s == sample());
  }
  SUBCASE("truncated files are corrupt, at any length")
  {
    const std::string g = golden();
    for (std::size_t n = 0; n + 1 < g.size(); n += 7) {
      const auto s = state::parse_state(g.substr(0, n), ".pave/state/dev.json");
      REQUIRE_FALSE(s);
      CHECK(s.error().message.starts_with("state file .pave/state/dev.json is corrupt: "));
    }
    CHECK(state::parse_state("", "dev.json").error().message == "state file dev.json is corrupt: it is empty (truncated)");
    CHECK(state::parse_state(g.substr(0, 100), "dev.json").error().message ==
          "state file dev.json is corrupt: not JSON (syntax error at byte 101; truncated or edited by hand)");
    // A number beyond a double is an out_of_range from the parser, not a parse_error (found by fuzz_state).
    CHECK(state::parse_state(R"({"format_version": 1, "serial": 1e99999})", "dev.json").error().message ==
          "state file dev.json is corrupt: not JSON ([json.exception.out_of_range.406] number overflow parsing "
          "'1e99999'; edited by hand)");
  }
  SUBCASE("an edit is a checksum mismatch")
  {
    std::string g = golden();
    g.replace(g.find("\"replicas\": 2"), 13, "\"replicas\": 3");
    CHECK(state::parse_state(g, "dev.json").error().message ==
          "state file dev.json is corrupt: checksum mismatch (truncated or edited by hand)");
  }
  SUBCASE("white space does not matter")
  {
    CHECK(state::parse_state(json::parse(golden()).dump(), "dev.json"));
  }
  SUBCASE("a missing checksum is refused unless allowed")
  {
    json doc = json::parse(golden());
    doc.erase("checksum");
    CHECK(state::parse_state(doc.dump(), "dev.json").error().message ==
          "state file dev.json is corrupt: it has no checksum (truncated or written by hand)");
    state::ParseOptions o;
    o.require_checksum = false;
    CHECK(state::parse_state(doc.dump(), "dev.json", o));
    doc["checksum"] = "sha256:00";
    CHECK_FALSE(state::parse_state(doc.dump(), "dev.json", o)); // a present checksum is always verified
  }
  SUBCASE("format versions")
  {
    json doc = json::parse(golden());
    doc["format_version"] = 2;
    CHECK(state::parse_state(with_checksum(doc), "dev.json").error().message ==
          "state file dev.json was written by a newer pave (format 2; this pave reads formats 0 to 1)");
    doc["format_version"] = -1;
    CHECK(state::parse_state(with_checksum(doc), "dev.json").error().message ==
          "state file dev.json has format -1, older than this pave reads (0 to 1)");
    doc.erase("format_version");
    CHECK(state::parse_state(with_checksum(doc), "dev.json").error().message ==
          "state file dev.json is not a pave state file: no integer format_version");
    CHECK(state::parse_state("[1]", "dev.json").error().message == "state file dev.json is corrupt: not a JSON object");
  }
  SUBCASE("fields are closed and typed")
  {
    json doc = json::parse(golden());
    doc["extra"] = 1;
    CHECK(state::parse_state(with_checksum(doc), "dev.json").error().message ==
          "state file dev.json is invalid: unknown field \"extra\"");
    doc = json::parse(golden());
    doc["resources"][0]["kind"] = 5;
    CHECK(state::parse_state(with_checksum(doc), "dev.json").error().message ==
          "state file dev.json is invalid: resources[0].kind: expected a string");
    doc = json::parse(golden());
    doc["resources"][0].erase("address");
    CHECK(state::parse_state(with_checksum(doc), "dev.json").error().message ==
          "state file dev.json is invalid: resources[0].address: missing");
    doc = json::parse(golden());
    doc["revisions"][0]["colour"] = "red";
    CHECK(state::parse_state(with_checksum(doc), "dev.json").error().message ==
          "state file dev.json is invalid: revisions[0]: unknown field \"colour\"");
    doc = json::parse(golden());
    doc["objects"] = json::object();
    CHECK(state::parse_state(with_checksum(doc), "dev.json").error().message.starts_with(
      "state file dev.json is invalid: resources[0].applied: no object sha256:"));
    doc = json::parse(golden());
    doc["resources"].push_back(doc["resources"][0]);
    CHECK(state::parse_state(with_checksum(doc), "dev.json").error().message ==
          "state file dev.json is invalid: resources[1]: address \"k8s:apps/v1/Deployment/shop/web\" is out of order "
          "or repeated");
    doc = json::parse(golden());
    doc["serial"] = -4;
    CHECK(state::parse_state(with_checksum(doc), "dev.json").error().message ==
          "state file dev.json is invalid: serial: expected a non-negative integer");
  }
  SUBCASE("format 0 (the draft) is upgraded")
  {
    const auto s = state::parse_state(test::read_file(k_data + "/draft-v0.json"), "dev.json");
    REQUIRE(s);
    auto want = sample();
    want.pave_version = "0.0.9";
    want.sections = json::object();
    CHECK(*s == want);
    CHECK(s->format_version == 1);
  }
}
