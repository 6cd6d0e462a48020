#include <pave/cloud/aws/xml.hpp>

#include <sstream>

namespace pave::cloud::aws::xml {

AwsResult<pugi::xml_document*> parse(pugi::xml_document& doc, std::string_view body, std::string_view operation)
{
  const auto r = doc.load_buffer(body.data(), body.size());
  if (!r) {
    AwsError e;
    e.operation = std::string(operation);
    e.code = "MalformedResponse";
    e.message = std::string("cannot parse XML response: ") + r.description();
    return std::unexpected(e);
  }
  return &doc;
}

std::string text(const pugi::xml_node& node, const char* name)
{
  return node.child(name).text().as_string();
}

std::string to_string(const pugi::xml_document& doc)
{
  std::ostringstream out;
  doc.save(out, "", pugi::format_raw, pugi::encoding_utf8);
  return out.str();
}

pugi::xml_node add(pugi::xml_node parent, const char* name, std::string_view value)
{
  auto n = parent.append_child(name);
  n.append_child(pugi::node_pcdata).set_value(std::string(value).c_str());
  return n;
}

} // namespace pave::cloud::aws::xml
