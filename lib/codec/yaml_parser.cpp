// The node composer of yaml.v2's decode.go (its `parser`), over the event
// parser of yaml_events.cpp.
#include <pave/codec/yaml_parser.hpp>

#include <fmt/format.h>

#include <pave/codec/yaml_events.hpp>

namespace pave::codec {

namespace {

/// decode.go's parser: events to nodes, anchors resolved while composing.
class Composer
{
public:
  Composer(YamlEventParser& events, YamlScanner& scanner, YamlTree& tree, std::string& error)
      : m_events(events), m_scanner(scanner), m_tree(tree), m_error(error)
  {
  }

  bool run()
  {
    if (!expect(YamlEventType::stream_start)) {
      return false;
    }
    YamlEventType t{};
    if (!peek(t)) {
      return false;
    }
    if (t == YamlEventType::stream_end) {
      m_tree.root = -1;
      return true;
    }
    if (t != YamlEventType::document_start) {
      return fail_text(fmt::format("expected DOCUMENT-START event but got {}", static_cast<int>(t)));
    }
    if (!expect(YamlEventType::document_start)) {
      return false;
    }
    std::uint32_t root = 0;
    if (!compose(root)) {
      return false;
    }
    m_tree.root = root;
    return expect(YamlEventType::document_end);
  }

private:
  bool fail_parser()
  {
    m_error = yaml_problem_message(m_scanner.problem());
    return false;
  }
  bool fail_text(std::string msg)
  {
    m_error = "yaml: " + std::move(msg);
    return false;
  }
  bool peek(YamlEventType& type)
  {
    if (m_event.type == YamlEventType::none && !m_events.parse(m_event)) {
      return fail_parser();
    }
    type = m_event.type;
    return true;
  }
  bool expect(YamlEventType type)
  {
    if (m_event.type == YamlEventType::none && !m_events.parse(m_event)) {
      return fail_parser();
    }
    if (m_event.type == YamlEventType::stream_end && type != YamlEventType::stream_end) {
      return fail_text("attempted to go past the end of stream; corrupted value?");
    }
    if (m_event.type != type) {
      return fail_text("unexpected event");
    }
    m_event.type = YamlEventType::none;
    return true;
  }
  std::uint32_t new_node(YamlNode::Kind kind)
  {
    YamlNode n;
    n.kind = kind;
    n.line = m_event.start.line;
    n.column = m_event.start.column;
    m_tree.nodes.push_back(n);
    return static_cast<std::uint32_t>(m_tree.nodes.size() - 1);
  }
  void anchor(std::uint32_t node, std::string_view name)
  {
    if (!name.empty()) {
      m_anchors.emplace_back(name, node);
    }
  }
  void finish_children(std::uint32_t node, std::size_t mark)
  {
    YamlNode& n = m_tree.nodes[node];
    n.first = static_cast<std::uint32_t>(m_tree.children.size());
    n.count = static_cast<std::uint32_t>(m_stack.size() - mark);
    m_tree.children.insert(m_tree.children.end(), m_stack.begin() + static_cast<std::ptrdiff_t>(mark), m_stack.end());
    m_stack.resize(mark);
  }

  bool compose(std::uint32_t& out)
  {
    YamlEventType t{};
    if (!peek(t)) {
      return false;
    }
    switch (t) {
    case YamlEventType::scalar: {
      out = new_node(YamlNode::Kind::scalar);
      YamlNode& n = m_tree.nodes[out];
      n.value = m_event.value;
      n.tag = m_event.tag;
      n.implicit = m_event.implicit;
      n.style = m_event.style;
      anchor(out, m_event.anchor);
      return expect(YamlEventType::scalar);
    }
    case YamlEventType::alias: {
      out = new_node(YamlNode::Kind::alias);
      const std::string_view name = m_event.anchor;
      m_tree.nodes[out].value = name;
      std::int64_t target = -1;
      for (auto it = m_anchors.rbegin(); it != m_anchors.rend(); ++it) {
        if (it->first == name) {
          target = it->second;
          break;
        }
      }
      if (target < 0) {
        return fail_text(fmt::format("unknown anchor '{}' referenced", name));
      }
      m_tree.nodes[out].first = static_cast<std::uint32_t>(target);
      return expect(YamlEventType::alias);
    }
    case YamlEventType::mapping_start:
    case YamlEventType::sequence_start: {
      const bool mapping = t == YamlEventType::mapping_start;
      out = new_node(mapping ? YamlNode::Kind::mapping : YamlNode::Kind::sequence);
      m_tree.nodes[out].tag = m_event.tag;
      anchor(out, m_event.anchor);
      if (!expect(t)) {
        return false;
      }
      const YamlEventType end = mapping ? YamlEventType::mapping_end : YamlEventType::sequence_end;
      const std::size_t mark = m_stack.size();
      while (true) {
        YamlEventType next{};
        if (!peek(next)) {
          return false;
        }
        if (next == end) {
          break;
        }
        std::uint32_t child = 0;
        if (!compose(child)) {
          return false;
        }
        m_stack.push_back(child);
        if (mapping) {
          if (!compose(child)) {
            return false;
          }
          m_stack.push_back(child);
        }
      }
      finish_children(out, mark);
      return expect(end);
    }
    default:
      return fail_text("attempted to parse an unexpected event");
    }
  }

  YamlEventParser& m_events;
  YamlScanner& m_scanner;
  YamlTree& m_tree;
  std::string& m_error;
  YamlEvent m_event;
  std::vector<std::pair<std::string_view, std::uint32_t>> m_anchors;
  std::vector<std::uint32_t> m_stack;
};

} // namespace

bool parse_yaml_tree(YamlText& text, YamlTree& tree, std::string& error)
{
  tree.nodes.reserve(text.size() / 16 + 8);
  tree.children.reserve(text.size() / 16 + 8);
  YamlScanner scanner(text);
  YamlEventParser events(text, scanner);
  Composer composer(events, scanner, tree, error);
  return composer.run();
}

} // namespace pave::codec
