// Fuzzes the values/manifest YAML reader and the YAML/JSON writers on what it
// reads, and checks that the fast path for plain block YAML, when it takes an
// input, builds the same tree as the full parser.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include <pave/codec/json.hpp>
#include <pave/codec/yaml.hpp>
#include <pave/codec/yaml_fast.hpp>
#include <pave/codec/yaml_parser.hpp>
#include <pave/codec/yaml_scanner.hpp>

namespace {

using pave::codec::YamlNode;
using pave::codec::YamlTree;

bool same_tree(const YamlTree& a, std::uint32_t i, const YamlTree& b, std::uint32_t j)
{
  const YamlNode& x = a.node(i);
  const YamlNode& y = b.node(j);
  if (x.kind != y.kind || x.implicit != y.implicit || x.style != y.style || x.tag != y.tag || x.value != y.value ||
      x.count != y.count) {
    return false;
  }
  // The position of an empty value (no text to point at) may differ; the
  // decoder names no line for a null.
  const bool empty_value = x.kind == YamlNode::Kind::scalar && x.implicit && x.value.empty();
  if (!empty_value && (x.line != y.line || x.column != y.column)) {
    return false;
  }
  if (x.kind == YamlNode::Kind::scalar || x.kind == YamlNode::Kind::alias) {
    return true;
  }
  for (std::uint32_t k = 0; k < x.count; ++k) {
    if (!same_tree(a, a.child(x, k), b, b.child(y, k))) {
      return false;
    }
  }
  return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto v = pave::codec::parse_yaml(text, "fuzz.yaml");
  if (v) {
    (void)pave::codec::to_yaml(*v);
    (void)pave::codec::to_json(*v);
  }
  (void)pave::codec::parse_json(text);

  YamlTree fast;
  if (pave::codec::parse_simple_yaml_tree(text, fast)) {
    pave::codec::YamlText input(text);
    YamlTree full;
    std::string error;
    if (!pave::codec::parse_yaml_tree(input, full, error) || full.root < 0 || fast.root < 0 ||
        !same_tree(fast, static_cast<std::uint32_t>(fast.root), full, static_cast<std::uint32_t>(full.root))) {
      std::abort(); // the fast path took an input the full parser reads differently
    }
  }
  return 0;
}
