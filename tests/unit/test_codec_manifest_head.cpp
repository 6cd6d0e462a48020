// The manifest sorter's head decoding. Error texts are the oracle's
// ("YAML parse error on FILE: <this text>" from helmref, RAW=1
// tests/oracle/gotpl.sh); decoded heads match yaml.Unmarshal into helmref's
// `head` struct.
#include <doctest/doctest.h>

#include <string>

#include <pave/codec/manifest_head.hpp>

using pave::codec::ManifestHead;
using pave::codec::parse_manifest_head;

namespace {

ManifestHead head(std::string_view doc)
{
  auto h = parse_manifest_head(doc);
  REQUIRE(h);
  return *h;
}

std::string error(std::string_view doc)
{
  auto h = parse_manifest_head(doc);
  REQUIRE(!h);
  return h.error().message;
}

} // namespace

TEST_CASE("codec::parse_manifest_head")
{
  SUBCASE("a rendered manifest (the fast path)")
  {
    const ManifestHead h = head(R"(apiVersion: v1
kind: Service
metadata:
  name: bench-svc-0000   # the service
  labels:
    app.kubernetes.io/name: svc-0000
  annotations:
    "helm.sh/hook": pre-install
    helm.sh/hook-weight: '5'
spec:
  selector: {}
  ports:
    - port: 80
      targetPort: 8000
    -
      name: x
  list:
  - a
  -
  - b: c
    d: []
)");
    CHECK(h.kind == "Service");
    CHECK(h.has_metadata);
    CHECK(h.name == "bench-svc-0000");
    CHECK(h.annotations.size() == 2);
    CHECK(h.annotations.at("helm.sh/hook") == "pre-install");
    CHECK(h.annotations.at("helm.sh/hook-weight") == "5");
  }

  SUBCASE("scalars coerced to the string fields")
  {
    const ManifestHead h = head("kind: 1.5\nmetadata:\n  name: 3.14159265358979\n"
                                "  annotations: {a: 1, b: null, c: true, d: 1e3, e: .nan}");
    CHECK(h.kind == "1.5");
    CHECK(h.name == "3.1415927");
    CHECK(h.annotations == std::map<std::string, std::string, std::less<>>{
                               {"a", "1"}, {"b", ""}, {"c", "true"}, {"d", "1000"}, {"e", "NaN"}});
  }

  SUBCASE("case-insensitive fields, YAML 1.1 booleans, merge keys, null metadata")
  {
    CHECK(head("KIND: x\nkind: y").kind == "true");
    const ManifestHead merged = head("base: &b {kind: Deploy, metadata: {name: n}}\n<<: *b");
    CHECK(merged.kind == "Deploy");
    CHECK(merged.name == "false");
    const ManifestHead two = head("kind: Pod\nMetadata: {name: a, annotations: {x: \"1\"}}\n"
                                  "metadata: {annotations: {y: \"2\"}}");
    CHECK(two.name == "a");
    CHECK(two.annotations == std::map<std::string, std::string, std::less<>>{{"true", "2"}, {"x", "1"}});
    CHECK_FALSE(head("kind: Pod\nmetadata: ~").has_metadata);
    CHECK(head("").kind.empty());
    CHECK(head("# just a comment\n").kind.empty());
  }

  SUBCASE("errors")
  {
    CHECK(error("kind: [a]") == "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go "
                                "struct field head.kind of type string");
    CHECK(error("metadata:\n  name: [x]") == "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal "
                                            "array into Go struct field .metadata.name of type string");
    CHECK(error("metadata: 5") == "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal number into Go "
                                  "struct field head.metadata of type struct { Name string \"json:\\\"name\\\"\"; "
                                  "Annotations map[string]string \"json:\\\"annotations\\\"\" }");
    CHECK(error("kind: Pod\nspec:\n  x: .nan") == "error converting YAML to JSON: json: unsupported value: NaN");
    CHECK(error("kind: a\nbad: : x") ==
          "error converting YAML to JSON: yaml: line 2: mapping values are not allowed in this context");
    CHECK(error("kind: a\nspec:\n  - x: 1\n   y: 2") ==
          "error converting YAML to JSON: yaml: line 3: did not find expected '-' indicator");
    CHECK(error("- a") ==
          "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type main.head");
    CHECK(error("metadata:\n  annotations: 5") == "error unmarshaling JSON: while decoding JSON: json: cannot "
                                                 "unmarshal number into Go struct field .metadata.annotations of type "
                                                 "map[string]string");
    CHECK(error("metadata:\n  annotations:\n    a: {b: 1}") == "error unmarshaling JSON: while decoding JSON: json: "
                                                               "cannot unmarshal object into Go struct field "
                                                               ".metadata.annotations of type string");
  }
}
