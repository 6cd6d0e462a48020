// Fuzzes the values/manifest YAML reader and the YAML/JSON writers on what it reads.
#include <cstddef>
#include <cstdint>
#include <string>

#include <pave/codec/json.hpp>
#include <pave/codec/yaml.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto v = pave::codec::parse_yaml(text, "fuzz.yaml");
  if (v) {
    (void)pave::codec::to_yaml(*v);
    (void)pave::codec::to_json(*v);
  }
  (void)pave::codec::parse_json(text);
  return 0;
}
