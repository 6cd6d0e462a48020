#include <algorithm>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <pave/state/state_file.hpp>
#include <pave/state/state_reader.hpp>
#include <pave/util/xxh3.hpp>

#include "testutil.hpp"

using namespace pave;
using nlohmann::json;

namespace {

const std::string k_data = std::string(PAVE_SOURCE_DIR) + "/tests/unit/data/state";

/// The state of tests/unit/data/state/golden-v1.json and golden-v2.json
/// (written there by independent Python implementations of the formats:
/// golden_v2.py writes golden-v2.json).
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
  return test::read_file(k_data + "/golden-v2.json");
}

std::string golden_v1()
{
  return test::read_file(k_data + "/golden-v1.json");
}

/// `bytes` (format-2 layout) with its checksum line recomputed, after an edit.
std::string rechecksum(const std::string& bytes)
{
  const std::size_t body = bytes.find('\n', 2) + 1;
  return "{\n\"checksum\":\"" + util::xxh3_128_tagged(std::string_view(bytes).substr(body)) + "\",\n" +
         bytes.substr(body);
}

/// `bytes` with the first `from` replaced by `to` (which must be there).
std::string replaced(std::string bytes, std::string_view from, std::string_view to)
{
  const auto at = bytes.find(from);
  REQUIRE(at != std::string::npos);
  return bytes.replace(at, from.size(), to);
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
  SUBCASE("a revision refers to the applied object with true, to older objects through the pool, once each")
  {
    auto s = sample();
    auto old = s.revisions.back();
    old.number = 1;
    old.objects[s.resources[0].address]["spec"]["replicas"] = 1;
    s.revisions.insert(s.revisions.begin(), old);
    for (int i = 0; i < 5; ++i) {
      auto rev = s.revisions.back();
      rev.number += 1;
      s.revisions.push_back(rev);
    }
    s.revisions.insert(s.revisions.begin(), old);
    s.revisions.front().number = 0;
    const auto bytes = state::serialize_state(s);
    REQUIRE(bytes);
    const auto doc = json::parse(*bytes); // still one JSON document
    REQUIRE(doc["objects"].size() == 1);
    CHECK(doc["objects"].begin().value()["spec"]["replicas"] == 1);
    CHECK(doc["revisions"][0]["objects"].begin().value() == doc["objects"].begin().key());
    CHECK(doc["revisions"].back()["objects"].begin().value() == true);
    CHECK(doc["resources"][0]["applied"] == s.resources[0].applied);
    const auto back = state::parse_state(*bytes, "x.json");
    REQUIRE(back);
    CHECK(*back == s);
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
  SUBCASE("reads the golden files")
  {
    const auto s = state::parse_state(golden(), "dev.json");
    REQUIRE(s);
    CHECK(*s == sample());
    CHECK(s->format_version == 2);
    const auto v1 = state::parse_state(golden_v1(), "dev.json"); // through upgrade_v1_to_v2
    REQUIRE(v1);
    CHECK(*v1 == sample());
  }
  SUBCASE("truncated files are corrupt, at any length")
  {
    for (const std::string& g : {golden(), golden_v1()}) {
      for (std::size_t n = 0; n + 1 < g.size(); n += 3) {
        const auto s = state::parse_state(g.substr(0, n), ".pave/state/dev.json");
        REQUIRE_FALSE(s);
        CHECK(s.error().message.starts_with("state file .pave/state/dev.json is corrupt: "));
      }
    }
    CHECK(state::parse_state("", "dev.json").error().message == "state file dev.json is corrupt: it is empty (truncated)");
    CHECK(state::parse_state(golden().substr(0, 300), "dev.json").error().message ==
          "state file dev.json is corrupt: checksum mismatch (truncated or edited by hand)");
    CHECK(state::parse_state(golden_v1().substr(0, 100), "dev.json").error().message ==
          "state file dev.json is corrupt: not JSON (syntax error at byte 101; truncated or edited by hand)");
    // A number beyond a double is an out_of_range from the parser, not a parse_error (found by fuzz_state).
    CHECK(state::parse_state(R"({"format_version": 1, "serial": 1e99999})", "dev.json").error().message ==
          "state file dev.json is corrupt: not JSON ([json.exception.out_of_range.406] number overflow parsing "
          "'1e99999'; edited by hand)");
  }
  SUBCASE("an edit is a checksum mismatch")
  {
    CHECK(state::parse_state(replaced(golden(), "\"replicas\":2", "\"replicas\":3"), "dev.json").error().message ==
          "state file dev.json is corrupt: checksum mismatch (truncated or edited by hand)");
    CHECK(state::parse_state(replaced(golden_v1(), "\"replicas\": 2", "\"replicas\": 3"), "dev.json").error().message ==
          "state file dev.json is corrupt: checksum mismatch (truncated or edited by hand)");
    // Format 2's checksum is of the bytes: a reformatted file is an edited one.
    CHECK(state::parse_state(json::parse(golden()).dump(2), "dev.json").error().message ==
          "state file dev.json is corrupt: checksum mismatch (truncated or edited by hand)");
  }
  SUBCASE("any flipped byte is corrupt")
  {
    const std::string g = golden();
    for (std::size_t i = 0; i < g.size(); ++i) {
      std::string flipped = g;
      flipped[i] = static_cast<char>(flipped[i] ^ 0x01);
      const auto s = state::parse_state(flipped, "dev.json");
      REQUIRE_FALSE(s);
      INFO("byte ", i, ": ", s.error().message);
      CHECK(s.error().message.starts_with("state file dev.json is corrupt: "));
    }
  }
  SUBCASE("white space does not matter in format 1")
  {
    CHECK(state::parse_state(json::parse(golden_v1()).dump(), "dev.json"));
  }
  SUBCASE("a missing checksum is refused unless allowed")
  {
    const std::string g = golden();
    const std::string without = "{\n" + g.substr(g.find('\n', 2) + 1); // the checksum line deleted
    CHECK(state::parse_state(without, "dev.json").error().message ==
          "state file dev.json is corrupt: it has no checksum (truncated or written by hand)");
    state::ParseOptions lenient;
    lenient.require_checksum = false;
    const auto s = state::parse_state(without, "dev.json", lenient);
    REQUIRE(s);
    CHECK(*s == sample());
    // ... and so is a document without it in another layout (written by hand).
    json hand = json::parse(without);
    CHECK(state::parse_state(hand.dump(2), "dev.json", lenient).value() == sample());
    CHECK(state::parse_state(hand.dump(2), "dev.json").error().message ==
          "state file dev.json is corrupt: it has no checksum (truncated or written by hand)");
  }
  SUBCASE("a missing format-1 checksum is refused unless allowed")
  {
    json doc = json::parse(golden_v1());
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
    CHECK(state::parse_state(rechecksum(replaced(golden(), "\"format_version\":2", "\"format_version\":3")), "dev.json")
            .error()
            .message == "state file dev.json was written by a newer pave (format 3; this pave reads formats 0 to 2)");
    CHECK(state::parse_state(rechecksum(replaced(golden(), "\"format_version\":2", "\"format_version\":1")), "dev.json")
            .error()
            .message == "state file dev.json is invalid: format_version: expected 2, got 1");
    json doc = json::parse(golden_v1());
    doc["format_version"] = 3;
    CHECK(state::parse_state(with_checksum(doc), "dev.json").error().message ==
          "state file dev.json was written by a newer pave (format 3; this pave reads formats 0 to 2)");
    doc["format_version"] = -1;
    CHECK(state::parse_state(with_checksum(doc), "dev.json").error().message ==
          "state file dev.json has format -1, older than this pave reads (0 to 2)");
    doc.erase("format_version");
    CHECK(state::parse_state(with_checksum(doc), "dev.json").error().message ==
          "state file dev.json is not a pave state file: no integer format_version");
    CHECK(state::parse_state("[1]", "dev.json").error().message == "state file dev.json is corrupt: not a JSON object");
  }
  SUBCASE("format-2 records are closed and typed")
  {
    const std::string g = golden();
    auto error = [](const std::string& bytes) { return state::parse_state(rechecksum(bytes), "dev.json").error().message; };
    CHECK(error(replaced(g, "\"pave_version\":\"0.1.0\"", "\"pave_version\":\"0.1.0\",\"extra\":1")) ==
          "state file dev.json is invalid: unknown field \"extra\"");
    CHECK(error(replaced(g, "\"kind\":\"Deployment\",\"name\"", "\"kind\":5,\"name\"")) ==
          "state file dev.json is invalid: resources[0].kind: expected a string");
    CHECK(error(replaced(g, "\"address\":\"k8s:apps/v1/Deployment/shop/web\",", "")) ==
          "state file dev.json is invalid: resources[0].address: missing");
    CHECK(error(replaced(g, "{\"apps\"", "{\"colour\":\"red\",\"apps\"")) ==
          "state file dev.json is invalid: revisions[0]: unknown field \"colour\"");
    CHECK(error(replaced(g, "web\":true}", "web\":\"sha256:00\"}")) ==
          "state file dev.json is invalid: revisions[0].objects[k8s:apps/v1/Deployment/shop/web]: no object sha256:00 "
          "in `objects`");
    CHECK(error(replaced(g, "\"serial\":3", "\"serial\":-4")) ==
          "state file dev.json is invalid: serial: expected a non-negative integer");
    const std::string line = g.substr(g.find("{\"address\""), g.find("\n],") - g.find("{\"address\""));
    CHECK(error(replaced(g, line, line + ",\n" + line)) ==
          "state file dev.json is invalid: resources[1]: address \"k8s:apps/v1/Deployment/shop/web\" is out of order "
          "or repeated");
    CHECK(error(replaced(g, "\"resources\":[\n", "\"resources\":[\n\n")) ==
          "state file dev.json is corrupt: line 5 is not in the layout of format 2 (edited by hand)");
    CHECK(error(replaced(g, "\"revision\":2}", "\"revision\":2},")) ==
          "state file dev.json is corrupt: line 6 is not in the layout of format 2 (edited by hand)");
    CHECK(error(replaced(g, "\"revision\":2}", "\"revision\":2")) ==
          "state file dev.json is corrupt: not JSON (line 5: The JSON document has an improper structure: missing or "
          "superfluous commas, braces, missing keys, etc.; edited by hand)");
  }
  SUBCASE("format-1 fields are closed and typed")
  {
    json doc = json::parse(golden_v1());
    doc["extra"] = 1;
    CHECK(state::parse_state(with_checksum(doc), "dev.json").error().message ==
          "state file dev.json is invalid: unknown field \"extra\"");
    doc = json::parse(golden_v1());
    doc["resources"][0]["kind"] = 5;
    CHECK(state::parse_state(with_checksum(doc), "dev.json").error().message ==
          "state file dev.json is invalid: resources[0].kind: expected a string");
    doc = json::parse(golden_v1());
    doc["resources"][0].erase("address");
    CHECK(state::parse_state(with_checksum(doc), "dev.json").error().message ==
          "state file dev.json is invalid: resources[0].address: missing");
    doc = json::parse(golden_v1());
    doc["revisions"][0]["colour"] = "red";
    CHECK(state::parse_state(with_checksum(doc), "dev.json").error().message ==
          "state file dev.json is invalid: revisions[0]: unknown field \"colour\"");
    doc = json::parse(golden_v1());
    doc["objects"] = json::object();
    CHECK(state::parse_state(with_checksum(doc), "dev.json").error().message.starts_with(
      "state file dev.json is invalid: resources[0].applied: no object sha256:"));
    doc = json::parse(golden_v1());
    doc["resources"].push_back(doc["resources"][0]);
    CHECK(state::parse_state(with_checksum(doc), "dev.json").error().message ==
          "state file dev.json is invalid: resources[1]: address \"k8s:apps/v1/Deployment/shop/web\" is out of order "
          "or repeated");
    doc = json::parse(golden_v1());
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
    CHECK(s->format_version == 2);
  }
}

TEST_CASE("state::StateFile")
{
  SUBCASE("checks once, then decodes any record with any parser")
  {
    const std::string g = golden();
    const auto f = state::StateFile::open(g, "dev.json");
    REQUIRE(f);
    CHECK(f->header().serial == 3);
    CHECK(f->header().environment == "dev");
    CHECK(f->header().pave_version == "0.1.0");
    REQUIRE(f->resource_count() == 1);
    CHECK(f->revision_count() == 1);
    simdjson::dom::parser parser;
    const auto r = f->resource(0, parser);
    REQUIRE(r);
    CHECK(r->address == "k8s:apps/v1/Deployment/shop/web");
    CHECK(r->revision == 2);
    REQUIRE(r->applied);
    CHECK(state::to_json(*r->applied) == sample().resources[0].applied);
    const auto head = f->resource_head(0);
    REQUIRE(head);
    CHECK(head->first == "k8s:apps/v1/Deployment/shop/web");
    CHECK(head->second == "apps/v1");
  }
  SUBCASE("a large file is summed on another thread: a mismatch is still the verdict")
  {
    state::State big = sample();
    const auto proto = big.resources[0];
    for (int i = 0; i < 12000; ++i) { // ~5 MB: past the size summed on a thread of its own
      auto r = proto;
      r.name = fmt::format("w{:05}", i);
      r.address = "k8s:apps/v1/Deployment/shop/" + r.name;
      r.applied["metadata"]["name"] = r.name;
      r.applied["metadata"]["annotations"] = {{"note", std::string(300, 'x')}};
      big.resources.push_back(r);
    }
    std::sort(big.resources.begin(), big.resources.end(),
              [](const auto& a, const auto& b) { return a.address < b.address; });
    const std::string bytes = util::value_or_throw(state::serialize_state(big));
    REQUIRE(bytes.size() > (4u << 20));
    const auto f = state::StateFile::open(bytes, "dev.json");
    REQUIRE_MESSAGE(f, (f ? "" : f.error().message));
    CHECK(f->resource_count() == 12001);
    const std::string mismatch = "state file dev.json is corrupt: checksum mismatch (truncated or edited by hand)";
    std::string flipped = bytes; // a byte deep in a record
    flipped[bytes.size() / 2] = static_cast<char>(flipped[bytes.size() / 2] ^ 0x01);
    CHECK(state::StateFile::open(flipped, "dev.json").error().message == mismatch);
    std::string off_layout = bytes; // a record's comma gone: the layout breaks, but the sum comes first
    off_layout.erase(bytes.find("},\n{\"address\"", bytes.size() / 3) + 1, 1);
    CHECK(state::StateFile::open(off_layout, "dev.json").error().message == mismatch);
    CHECK(state::StateFile::open(rechecksum(off_layout), "dev.json").error().message.find("not in the layout") !=
          std::string::npos);
  }
  SUBCASE("resource_head reads only a record that starts with an unescaped address and api_version")
  {
    std::string g = golden();
    const std::string plain = "\"address\":\"k8s:apps/v1/Deployment/shop/web\"";
    REQUIRE(g.find(plain) != std::string::npos);
    // The same address written with an escape: still the same record, but no quick look.
    g.replace(g.find(plain), plain.size(), "\"address\":\"k8s:apps\\/v1/Deployment/shop/web\"");
    const auto f = state::StateFile::open(rechecksum(g), "dev.json");
    REQUIRE_MESSAGE(f, (f ? "" : f.error().message));
    CHECK_FALSE(f->resource_head(0));
    simdjson::dom::parser parser;
    const auto r = f->resource(0, parser);
    REQUIRE(r);
    CHECK(r->address == "k8s:apps/v1/Deployment/shop/web");
  }
  SUBCASE("open_state_file reads older formats through the upgraders")
  {
    const auto f = state::open_state_file(golden_v1(), "dev.json");
    REQUIRE(f);
    CHECK(state::read_state(*f).value() == sample());
    CHECK(state::open_state_file(golden_v1().substr(0, 100), "dev.json").error().message ==
          "state file dev.json is corrupt: not JSON (syntax error at byte 101; truncated or edited by hand)");
  }
  SUBCASE("parse_state_header reads the header line")
  {
    const auto h = state::parse_state_header(golden(), "dev.json");
    REQUIRE(h);
    CHECK(h->serial == 3);
    CHECK(h->lineage == "0b8e2a8c-2f0d-4c55-9a57-4d0c8f5e7a11");
    CHECK(state::parse_state_header(golden().substr(0, 200), "dev.json").error().message ==
          "state file dev.json is corrupt: checksum mismatch (truncated or edited by hand)");
  }
  SUBCASE("to_json keeps nlohmann's number types")
  {
    simdjson::dom::parser parser;
    const auto e = parser.parse(std::string_view(R"([1, -2, 1.5, 18446744073709551615, "x", null, true, {"a": []}])"));
    CHECK(state::to_json(e.value_unsafe()) == json::parse(R"([1, -2, 1.5, 18446744073709551615, "x", null, true, {"a": []}])"));
    CHECK(state::to_json(e.value_unsafe())[0].is_number_unsigned());
  }
}

TEST_CASE("state::upgrade_v1_to_v2")
{
  json doc = json::parse(golden_v1());
  doc.erase("checksum");
  const std::string key = doc["resources"][0]["applied"];
  doc["objects"]["sha256:old"] = {{"kind", "Deployment"}};
  doc["revisions"].push_back(doc["revisions"][0]);
  doc["revisions"][1]["objects"]["k8s:apps/v1/Deployment/shop/web"] = "sha256:old";
  const auto up = state::upgrade_v1_to_v2(doc, "dev.json");
  REQUIRE(up);
  CHECK((*up)["format_version"] == 2);
  CHECK((*up)["resources"][0]["applied"] == doc["objects"][key]);
  CHECK((*up)["revisions"][0]["objects"]["k8s:apps/v1/Deployment/shop/web"] == true);
  CHECK((*up)["revisions"][1]["objects"]["k8s:apps/v1/Deployment/shop/web"] == "sha256:old");
  CHECK((*up)["objects"] == json{{"sha256:old", {{"kind", "Deployment"}}}});
}
