#include <doctest/doctest.h>

#include <sstream>

#include <pave/state/state_file.hpp>
#include <pave/state/state_scan.hpp>

#include "testutil.hpp"

using namespace pave;
using nlohmann::json;

namespace {

const std::string k_data = std::string(PAVE_SOURCE_DIR) + "/tests/unit/data/state";

std::string golden() { return test::read_file(k_data + "/golden-v1.json"); }

std::string with_checksum(json doc)
{
  doc["checksum"] = state::document_checksum(doc);
  return doc.dump(2);
}

/// The identities parse_state() reads from `bytes`.
std::vector<state::ResourceIdentity> parsed(std::string_view bytes)
{
  const auto s = state::parse_state(bytes, "dev.json").value();
  std::vector<state::ResourceIdentity> out;
  for (const auto& r : s.resources) {
    out.push_back({r.address, r.api_version, r.kind, r.namespace_, r.name});
  }
  return out;
}

/// scan_state() from a stream gives what it gave from memory (`index`).
void check_stream(const std::string& bytes, const state::StateIndex& index)
{
  std::istringstream in(bytes);
  const auto streamed = state::scan_state(in, "dev.json");
  REQUIRE(streamed);
  CHECK(streamed->streamed == index.streamed);
  CHECK(streamed->resources == index.resources);
}

/// A state whose objects hold what the canonical text must escape and format exactly.
state::State tricky()
{
  state::State s = state::new_state("dev");
  s.serial = 7;
  for (int i = 0; i < 40; ++i) {
    state::ResourceRecord r;
    r.api_version = i % 2 == 0 ? "v1" : "apps/v1";
    r.kind = i % 2 == 0 ? "ConfigMap" : "Deployment";
    r.namespace_ = "shop";
    r.name = "obj-" + std::to_string(100 + i);
    r.address = state::k8s_address(r.api_version, r.kind, r.namespace_, r.name);
    r.app = "web";
    r.digest = "sha256:" + std::string(64, 'a');
    r.revision = 1;
    r.applied = {{"apiVersion", r.api_version},
                 {"kind", r.kind},
                 {"metadata", {{"name", r.name}, {"namespace", "shop"}, {"labels", {{"a/b", "c\"d\\e"}}}}},
                 {"data",
                  {{"ctl", std::string("x\x01\x1f\b\f\n\r\t\x7f", 10)},
                   {"utf8", "h\xc3\xa9llo \xe2\x82\xac"},
                   {"n", nullptr},
                   {"t", true},
                   {"neg", -42},
                   {"big", 18446744073709551615ull},
                   {"f", 0.1},
                   {"e", 1e300},
                   {"whole", 2.0},
                   {"list", json::array({1, "two", json::object(), json::array()})}}}};
    s.resources.push_back(r);
  }
  s.sort_resources();
  state::Revision rev;
  rev.operation = "deploy";
  rev.status = "deployed";
  for (const auto& r : s.resources) {
    rev.objects[r.address] = r.applied;
  }
  state::add_revision(s, rev);
  s.sections["backup"] = {{"last", 1.5}};
  return s;
}

} // namespace

TEST_CASE("state::scan_state")
{
  SUBCASE("a file pave wrote is streamed, to parse_state's identities")
  {
    const std::string bytes = state::serialize_state(tricky()).value();
    const auto index = state::scan_state(bytes, "dev.json");
    REQUIRE(index);
    CHECK(index->streamed);
    CHECK(index->serial == 7);
    CHECK(index->environment == "dev");
    CHECK(index->lineage.size() == 36);
    CHECK(index->resources.size() == 40);
    CHECK(index->resources == parsed(bytes));
    CHECK(index->resources[0] ==
          state::ResourceIdentity{"k8s:apps/v1/Deployment/shop/obj-101", "apps/v1", "Deployment", "shop", "obj-101"});

    check_stream(bytes, *index);
  }
  SUBCASE("format 1 (the golden file, also with compact white space) is read through parse_state")
  {
    for (const std::string& bytes : {golden(), json::parse(golden()).dump()}) {
      const auto index = state::scan_state(bytes, "dev.json");
      REQUIRE(index);
      CHECK_FALSE(index->streamed);
      CHECK(index->serial == 3);
      CHECK(index->lineage == "0b8e2a8c-2f0d-4c55-9a57-4d0c8f5e7a11");
      CHECK(index->resources == parsed(bytes));
    }
  }
  SUBCASE("keys out of order fall back to parse_state, with the same result")
  {
    nlohmann::ordered_json doc = nlohmann::ordered_json::parse(golden());
    nlohmann::ordered_json reordered;
    reordered["resources"] = doc["resources"];
    for (const auto& [k, v] : doc.items()) {
      reordered[k] = v;
    }
    const std::string bytes = reordered.dump(2);
    const auto index = state::scan_state(bytes, "dev.json");
    REQUIRE(index);
    CHECK_FALSE(index->streamed);
    CHECK(index->resources == parsed(bytes));
    check_stream(bytes, *index);
  }
  SUBCASE("format 0 is read through its upgrader")
  {
    const std::string bytes = test::read_file(k_data + "/draft-v0.json");
    const auto index = state::scan_state(bytes, "dev.json");
    REQUIRE(index);
    CHECK_FALSE(index->streamed);
    CHECK(index->resources == parsed(bytes));
  }
  SUBCASE("errors are parse_state's")
  {
    std::vector<std::string> bad;
    std::string edited = golden();
    edited.replace(edited.find("\"replicas\": 2"), 13, "\"replicas\": 3");
    bad.push_back(edited);
    bad.push_back(golden().substr(0, 300));
    bad.push_back("");
    bad.push_back("[1]");
    json doc = json::parse(golden());
    doc["resources"][0]["kind"] = 5;
    bad.push_back(with_checksum(doc));
    doc = json::parse(golden());
    doc["resources"][0].erase("address");
    bad.push_back(with_checksum(doc));
    doc = json::parse(golden());
    doc["resources"].push_back(doc["resources"][0]);
    bad.push_back(with_checksum(doc));
    doc = json::parse(golden());
    doc["extra"] = 1;
    bad.push_back(with_checksum(doc));
    doc = json::parse(golden());
    doc["format_version"] = 2;
    bad.push_back(with_checksum(doc));
    doc = json::parse(golden());
    doc.erase("checksum");
    bad.push_back(doc.dump());
    doc = json::parse(golden());
    doc["serial"] = -4;
    bad.push_back(with_checksum(doc));
    for (const auto& bytes : bad) {
      CAPTURE(bytes);
      const auto want = state::parse_state(bytes, "dev.json");
      REQUIRE_FALSE(want);
      const auto got = state::scan_state(bytes, "dev.json");
      REQUIRE_FALSE(got);
      CHECK(got.error().message == want.error().message);
      std::istringstream in(bytes);
      CHECK(state::scan_state(in, "dev.json").error().message == want.error().message);
    }
  }
  SUBCASE("a damaged file pave wrote is refused with parse_state's error")
  {
    const std::string good = state::serialize_state(tricky()).value();
    std::string flipped = good;
    flipped[flipped.find("obj-120")] = 'O';
    for (const std::string& bytes : {flipped, good.substr(0, good.size() / 2), good.substr(0, good.size() - 3)}) {
      const auto want = state::parse_state(bytes, "dev.json");
      REQUIRE_FALSE(want);
      const auto got = state::scan_state(bytes, "dev.json");
      REQUIRE_FALSE(got);
      CHECK(got.error().message == want.error().message);
    }
  }
}

namespace {

/// A stream that cannot seek (a pipe): scan_state reads it to its end.
class PipeBuf : public std::streambuf
{
public:
  explicit PipeBuf(std::string bytes) : m_bytes(std::move(bytes))
  {
    setg(m_bytes.data(), m_bytes.data(), m_bytes.data() + m_bytes.size());
  }

private:
  std::string m_bytes;
};

} // namespace

TEST_CASE("scan_state reads a stream from where it stands, seekable or not")
{
  const std::string bytes = state::serialize_state(tricky()).value();
  const auto want = state::scan_state(std::string_view(bytes), "dev.json");
  REQUIRE(want);
  REQUIRE(want->resources.size() > 1);
  SUBCASE("a seekable stream past a prefix")
  {
    std::istringstream in("prefix\n" + bytes);
    std::string prefix;
    std::getline(in, prefix);
    const auto got = state::scan_state(in, "dev.json");
    REQUIRE(got);
    CHECK(got->resources == want->resources);
    CHECK(got->serial == want->serial);
  }
  SUBCASE("a stream that cannot seek")
  {
    PipeBuf buf(bytes);
    std::istream in(&buf);
    const auto got = state::scan_state(in, "dev.json");
    REQUIRE(got);
    CHECK(got->resources == want->resources);
    CHECK(got->serial == want->serial);
  }
}
