#pragma once
/// Small helpers over pugixml for the REST-XML and query protocols.
/// (pugixml: Debian's libpugixml-dev, already a pave build dependency: DOM
/// parsing with XPath and a writer, small and fast.)
#include <string>
#include <string_view>

#include <pugixml.hpp>

#include <pave/cloud/aws/error.hpp>

namespace pave::cloud::aws::xml {

/// Parses a response body. Error (code "MalformedResponse") names the operation.
AwsResult<pugi::xml_document*> parse(pugi::xml_document& doc, std::string_view body, std::string_view operation);

/// Text of the first child element `name` of `node` ("" when absent).
std::string text(const pugi::xml_node& node, const char* name);

/// The document serialised without indentation, with an XML declaration.
std::string to_string(const pugi::xml_document& doc);

/// Appends <name>value</name> to `parent` and returns it.
pugi::xml_node add(pugi::xml_node parent, const char* name, std::string_view value);

} // namespace pave::cloud::aws::xml
