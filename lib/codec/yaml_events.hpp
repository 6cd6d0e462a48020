#pragma once
/// yaml.v2's event parser (parserc.go, the libyaml state machine over the
/// scanner's tokens), ported to C++.
#include <cstdint>
#include <memory>
#include <string_view>

#include <pave/codec/yaml_scanner.hpp>

namespace pave::codec {

enum class YamlEventType : std::uint8_t {
  none,
  stream_start,
  stream_end,
  document_start,
  document_end,
  alias,
  scalar,
  sequence_start,
  sequence_end,
  mapping_start,
  mapping_end,
};

struct YamlEvent
{
  YamlEventType type = YamlEventType::none;
  YamlMark start;
  YamlMark end;
  std::string_view anchor;
  std::string_view tag; ///< resolved through the %TAG directives ("tag:yaml.org,2002:str")
  std::string_view value;
  bool implicit = false;        ///< scalar: plain and untagged, or tagged "!"
  bool quoted_implicit = false; ///< scalar: quoted and untagged
  YamlScalarStyle style = YamlScalarStyle::any;
};

class YamlEventParser
{
public:
  /// `text` and `scanner` must outlive the parser.
  YamlEventParser(YamlText& text, YamlScanner& scanner);
  ~YamlEventParser();
  YamlEventParser(const YamlEventParser&) = delete;
  YamlEventParser& operator=(const YamlEventParser&) = delete;

  /// yaml_parser_parse: the next event; false on error (the scanner's
  /// problem() describes it). After the stream end, events are `none`.
  bool parse(YamlEvent& event);

private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

} // namespace pave::codec
