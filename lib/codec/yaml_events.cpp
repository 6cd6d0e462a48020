// yaml.v2's parserc.go (the libyaml event state machine), ported to C++.
#include <pave/codec/yaml_events.hpp>

#include <string>
#include <vector>

namespace pave::codec {

namespace {

enum class State : std::uint8_t {
  stream_start,
  implicit_document_start,
  document_start,
  document_content,
  document_end,
  block_node,
  block_node_or_indentless_sequence,
  flow_node,
  block_sequence_first_entry,
  block_sequence_entry,
  indentless_sequence_entry,
  block_mapping_first_key,
  block_mapping_key,
  block_mapping_value,
  flow_sequence_first_entry,
  flow_sequence_entry,
  flow_sequence_entry_mapping_key,
  flow_sequence_entry_mapping_value,
  flow_sequence_entry_mapping_end,
  flow_mapping_first_key,
  flow_mapping_key,
  flow_mapping_value,
  flow_mapping_empty_value,
  end,
};

struct TagDirective
{
  std::string_view handle;
  std::string_view prefix;
};

using TT = YamlTokenType;

} // namespace

/// The libyaml event parser.
struct YamlEventParser::Impl
{
  Impl(YamlText& text, YamlScanner& scanner) : m_text(text), m_s(scanner) {}

  /// yaml_parser_parse: false on error (see the scanner's problem()).
  bool parse(YamlEvent& event)
  {
    event = YamlEvent{};
    if (m_stream_end_produced || m_s.problem().kind != YamlProblem::Kind::none || m_state == State::end) {
      return true;
    }
    return state_machine(event);
  }

private:
  const YamlToken* peek() { return m_s.peek(); }
  void skip()
  {
    m_stream_end_produced = m_s.peek()->type == TT::stream_end;
    m_s.skip();
  }
  State pop_state()
  {
    const State s = m_states.back();
    m_states.pop_back();
    return s;
  }
  bool error(const char* problem, YamlMark mark)
  {
    m_s.set_parser_error(problem, mark);
    return false;
  }
  bool error(const char* context, YamlMark context_mark, const char* problem, YamlMark mark)
  {
    m_s.set_parser_error(context, context_mark, problem, mark);
    return false;
  }
  static YamlEvent make(YamlEventType type, YamlMark start, YamlMark end)
  {
    YamlEvent e;
    e.type = type;
    e.start = start;
    e.end = end;
    return e;
  }
  static bool empty_scalar(YamlEvent& event, YamlMark mark)
  {
    event = make(YamlEventType::scalar, mark, mark);
    event.implicit = true;
    event.style = YamlScalarStyle::plain;
    return true;
  }

  bool state_machine(YamlEvent& e)
  {
    switch (m_state) {
    case State::stream_start: return parse_stream_start(e);
    case State::implicit_document_start: return parse_document_start(e, true);
    case State::document_start: return parse_document_start(e, false);
    case State::document_content: return parse_document_content(e);
    case State::document_end: return parse_document_end(e);
    case State::block_node: return parse_node(e, true, false);
    case State::block_node_or_indentless_sequence: return parse_node(e, true, true);
    case State::flow_node: return parse_node(e, false, false);
    case State::block_sequence_first_entry: return parse_block_sequence_entry(e, true);
    case State::block_sequence_entry: return parse_block_sequence_entry(e, false);
    case State::indentless_sequence_entry: return parse_indentless_sequence_entry(e);
    case State::block_mapping_first_key: return parse_block_mapping_key(e, true);
    case State::block_mapping_key: return parse_block_mapping_key(e, false);
    case State::block_mapping_value: return parse_block_mapping_value(e);
    case State::flow_sequence_first_entry: return parse_flow_sequence_entry(e, true);
    case State::flow_sequence_entry: return parse_flow_sequence_entry(e, false);
    case State::flow_sequence_entry_mapping_key: return parse_flow_sequence_entry_mapping_key(e);
    case State::flow_sequence_entry_mapping_value: return parse_flow_sequence_entry_mapping_value(e);
    case State::flow_sequence_entry_mapping_end: return parse_flow_sequence_entry_mapping_end(e);
    case State::flow_mapping_first_key: return parse_flow_mapping_key(e, true);
    case State::flow_mapping_key: return parse_flow_mapping_key(e, false);
    case State::flow_mapping_value: return parse_flow_mapping_value(e, false);
    case State::flow_mapping_empty_value: return parse_flow_mapping_value(e, true);
    case State::end: return true;
    }
    return true;
  }

  bool parse_stream_start(YamlEvent& event)
  {
    const YamlToken* token = peek();
    if (token == nullptr) {
      return false;
    }
    if (token->type != TT::stream_start) {
      return error("did not find expected <stream-start>", token->start);
    }
    m_state = State::implicit_document_start;
    event = make(YamlEventType::stream_start, token->start, token->end);
    skip();
    return true;
  }

  bool parse_document_start(YamlEvent& event, bool implicit)
  {
    const YamlToken* token = peek();
    if (token == nullptr) {
      return false;
    }
    if (!implicit) {
      while (token->type == TT::document_end) {
        skip();
        token = peek();
        if (token == nullptr) {
          return false;
        }
      }
    }
    if (implicit && token->type != TT::version_directive && token->type != TT::tag_directive &&
        token->type != TT::document_start && token->type != TT::stream_end) {
      if (!process_directives()) {
        return false;
      }
      token = peek();
      m_states.push_back(State::document_end);
      m_state = State::block_node;
      event = make(YamlEventType::document_start, token->start, token->end);
    } else if (token->type != TT::stream_end) {
      const YamlMark start_mark = token->start;
      if (!process_directives()) {
        return false;
      }
      token = peek();
      if (token == nullptr) {
        return false;
      }
      if (token->type != TT::document_start) {
        return error("did not find expected <document start>", token->start);
      }
      m_states.push_back(State::document_end);
      m_state = State::document_content;
      event = make(YamlEventType::document_start, start_mark, token->end);
      skip();
    } else {
      m_state = State::end;
      event = make(YamlEventType::stream_end, token->start, token->end);
      skip();
    }
    return true;
  }

  bool parse_document_content(YamlEvent& event)
  {
    const YamlToken* token = peek();
    if (token == nullptr) {
      return false;
    }
    if (token->type == TT::version_directive || token->type == TT::tag_directive ||
        token->type == TT::document_start || token->type == TT::document_end || token->type == TT::stream_end) {
      m_state = pop_state();
      return empty_scalar(event, token->start);
    }
    return parse_node(event, true, false);
  }

  bool parse_document_end(YamlEvent& event)
  {
    const YamlToken* token = peek();
    if (token == nullptr) {
      return false;
    }
    const YamlMark start_mark = token->start;
    YamlMark end_mark = token->start;
    bool implicit = true;
    if (token->type == TT::document_end) {
      end_mark = token->end;
      skip();
      implicit = false;
    }
    m_tag_directives.clear();
    m_state = State::document_start;
    event = make(YamlEventType::document_end, start_mark, end_mark);
    event.implicit = implicit;
    return true;
  }

  bool parse_node(YamlEvent& event, bool block, bool indentless_sequence)
  {
    const YamlToken* token = peek();
    if (token == nullptr) {
      return false;
    }
    if (token->type == TT::alias) {
      m_state = pop_state();
      event = make(YamlEventType::alias, token->start, token->end);
      event.anchor = token->value;
      skip();
      return true;
    }
    YamlMark start_mark = token->start;
    YamlMark end_mark = token->start;
    YamlMark tag_mark;
    bool tag_token = false;
    std::string_view tag_handle;
    std::string_view tag_suffix;
    std::string_view anchor;
    if (token->type == TT::anchor) {
      anchor = token->value;
      start_mark = token->start;
      end_mark = token->end;
      skip();
      token = peek();
      if (token == nullptr) {
        return false;
      }
      if (token->type == TT::tag) {
        tag_token = true;
        tag_handle = token->value;
        tag_suffix = token->suffix;
        tag_mark = token->start;
        end_mark = token->end;
        skip();
        token = peek();
        if (token == nullptr) {
          return false;
        }
      }
    } else if (token->type == TT::tag) {
      tag_token = true;
      tag_handle = token->value;
      tag_suffix = token->suffix;
      start_mark = token->start;
      tag_mark = token->start;
      end_mark = token->end;
      skip();
      token = peek();
      if (token == nullptr) {
        return false;
      }
      if (token->type == TT::anchor) {
        anchor = token->value;
        end_mark = token->end;
        skip();
        token = peek();
        if (token == nullptr) {
          return false;
        }
      }
    }
    std::string_view tag;
    if (tag_token) {
      if (tag_handle.empty()) {
        tag = tag_suffix;
      } else {
        for (const auto& d : m_tag_directives) {
          if (d.handle == tag_handle) {
            std::string full(d.prefix);
            full += tag_suffix;
            tag = m_text.keep(std::move(full));
            break;
          }
        }
        if (tag.empty()) {
          return error("while parsing a node", start_mark, "found undefined tag handle", tag_mark);
        }
      }
    }
    const bool implicit = tag.empty();
    auto collection = [&](YamlEventType type, State next, YamlScalarStyle style) {
      m_state = next;
      event = make(type, start_mark, end_mark);
      event.anchor = anchor;
      event.tag = tag;
      event.implicit = implicit;
      event.style = style;
      return true;
    };
    if (indentless_sequence && token->type == TT::block_entry) {
      end_mark = token->end;
      return collection(YamlEventType::sequence_start, State::indentless_sequence_entry, YamlScalarStyle::any);
    }
    if (token->type == TT::scalar) {
      bool plain_implicit = false;
      bool quoted_implicit = false;
      end_mark = token->end;
      if ((tag.empty() && token->style == YamlScalarStyle::plain) || tag == "!") {
        plain_implicit = true;
      } else if (tag.empty()) {
        quoted_implicit = true;
      }
      m_state = pop_state();
      event = make(YamlEventType::scalar, start_mark, end_mark);
      event.anchor = anchor;
      event.tag = tag;
      event.value = token->value;
      event.implicit = plain_implicit;
      event.quoted_implicit = quoted_implicit;
      event.style = token->style;
      skip();
      return true;
    }
    if (token->type == TT::flow_sequence_start) {
      end_mark = token->end;
      return collection(YamlEventType::sequence_start, State::flow_sequence_first_entry, YamlScalarStyle::any);
    }
    if (token->type == TT::flow_mapping_start) {
      end_mark = token->end;
      return collection(YamlEventType::mapping_start, State::flow_mapping_first_key, YamlScalarStyle::any);
    }
    if (block && token->type == TT::block_sequence_start) {
      end_mark = token->end;
      return collection(YamlEventType::sequence_start, State::block_sequence_first_entry, YamlScalarStyle::any);
    }
    if (block && token->type == TT::block_mapping_start) {
      end_mark = token->end;
      return collection(YamlEventType::mapping_start, State::block_mapping_first_key, YamlScalarStyle::any);
    }
    if (!anchor.empty() || !tag.empty()) {
      m_state = pop_state();
      event = make(YamlEventType::scalar, start_mark, end_mark);
      event.anchor = anchor;
      event.tag = tag;
      event.implicit = implicit;
      event.style = YamlScalarStyle::plain;
      return true;
    }
    return error(block ? "while parsing a block node" : "while parsing a flow node", start_mark,
                 "did not find expected node content", token->start);
  }

  bool parse_block_sequence_entry(YamlEvent& event, bool first)
  {
    if (first) {
      m_marks.push_back(peek()->start);
      skip();
    }
    const YamlToken* token = peek();
    if (token == nullptr) {
      return false;
    }
    if (token->type == TT::block_entry) {
      const YamlMark mark = token->end;
      skip();
      token = peek();
      if (token == nullptr) {
        return false;
      }
      if (token->type != TT::block_entry && token->type != TT::block_end) {
        m_states.push_back(State::block_sequence_entry);
        return parse_node(event, true, false);
      }
      m_state = State::block_sequence_entry;
      return empty_scalar(event, mark);
    }
    if (token->type == TT::block_end) {
      m_state = pop_state();
      m_marks.pop_back();
      event = make(YamlEventType::sequence_end, token->start, token->end);
      skip();
      return true;
    }
    const YamlMark context_mark = m_marks.back();
    m_marks.pop_back();
    return error("while parsing a block collection", context_mark, "did not find expected '-' indicator", token->start);
  }

  bool parse_indentless_sequence_entry(YamlEvent& event)
  {
    const YamlToken* token = peek();
    if (token == nullptr) {
      return false;
    }
    if (token->type == TT::block_entry) {
      const YamlMark mark = token->end;
      skip();
      token = peek();
      if (token == nullptr) {
        return false;
      }
      if (token->type != TT::block_entry && token->type != TT::key && token->type != TT::value &&
          token->type != TT::block_end) {
        m_states.push_back(State::indentless_sequence_entry);
        return parse_node(event, true, false);
      }
      m_state = State::indentless_sequence_entry;
      return empty_scalar(event, mark);
    }
    m_state = pop_state();
    event = make(YamlEventType::sequence_end, token->start, token->start);
    return true;
  }

  bool parse_block_mapping_key(YamlEvent& event, bool first)
  {
    if (first) {
      m_marks.push_back(peek()->start);
      skip();
    }
    const YamlToken* token = peek();
    if (token == nullptr) {
      return false;
    }
    if (token->type == TT::key) {
      const YamlMark mark = token->end;
      skip();
      token = peek();
      if (token == nullptr) {
        return false;
      }
      if (token->type != TT::key && token->type != TT::value && token->type != TT::block_end) {
        m_states.push_back(State::block_mapping_value);
        return parse_node(event, true, true);
      }
      m_state = State::block_mapping_value;
      return empty_scalar(event, mark);
    }
    if (token->type == TT::block_end) {
      m_state = pop_state();
      m_marks.pop_back();
      event = make(YamlEventType::mapping_end, token->start, token->end);
      skip();
      return true;
    }
    const YamlMark context_mark = m_marks.back();
    m_marks.pop_back();
    return error("while parsing a block mapping", context_mark, "did not find expected key", token->start);
  }

  bool parse_block_mapping_value(YamlEvent& event)
  {
    const YamlToken* token = peek();
    if (token == nullptr) {
      return false;
    }
    if (token->type == TT::value) {
      const YamlMark mark = token->end;
      skip();
      token = peek();
      if (token == nullptr) {
        return false;
      }
      if (token->type != TT::key && token->type != TT::value && token->type != TT::block_end) {
        m_states.push_back(State::block_mapping_key);
        return parse_node(event, true, true);
      }
      m_state = State::block_mapping_key;
      return empty_scalar(event, mark);
    }
    m_state = State::block_mapping_key;
    return empty_scalar(event, token->start);
  }

  bool parse_flow_sequence_entry(YamlEvent& event, bool first)
  {
    if (first) {
      m_marks.push_back(peek()->start);
      skip();
    }
    const YamlToken* token = peek();
    if (token == nullptr) {
      return false;
    }
    if (token->type != TT::flow_sequence_end) {
      if (!first) {
        if (token->type == TT::flow_entry) {
          skip();
          token = peek();
          if (token == nullptr) {
            return false;
          }
        } else {
          const YamlMark context_mark = m_marks.back();
          m_marks.pop_back();
          return error("while parsing a flow sequence", context_mark, "did not find expected ',' or ']'", token->start);
        }
      }
      if (token->type == TT::key) {
        m_state = State::flow_sequence_entry_mapping_key;
        event = make(YamlEventType::mapping_start, token->start, token->end);
        event.implicit = true;
        skip();
        return true;
      }
      if (token->type != TT::flow_sequence_end) {
        m_states.push_back(State::flow_sequence_entry);
        return parse_node(event, false, false);
      }
    }
    m_state = pop_state();
    m_marks.pop_back();
    event = make(YamlEventType::sequence_end, token->start, token->end);
    skip();
    return true;
  }

  bool parse_flow_sequence_entry_mapping_key(YamlEvent& event)
  {
    const YamlToken* token = peek();
    if (token == nullptr) {
      return false;
    }
    if (token->type != TT::value && token->type != TT::flow_entry && token->type != TT::flow_sequence_end) {
      m_states.push_back(State::flow_sequence_entry_mapping_value);
      return parse_node(event, false, false);
    }
    const YamlMark mark = token->end;
    skip();
    m_state = State::flow_sequence_entry_mapping_value;
    return empty_scalar(event, mark);
  }

  bool parse_flow_sequence_entry_mapping_value(YamlEvent& event)
  {
    const YamlToken* token = peek();
    if (token == nullptr) {
      return false;
    }
    const YamlMark mark = token->start; // yaml.v2 uses the VALUE token's mark (it shadows `token`)
    if (token->type == TT::value) {
      skip();
      const YamlToken* next = peek();
      if (next == nullptr) {
        return false;
      }
      if (next->type != TT::flow_entry && next->type != TT::flow_sequence_end) {
        m_states.push_back(State::flow_sequence_entry_mapping_end);
        return parse_node(event, false, false);
      }
    }
    m_state = State::flow_sequence_entry_mapping_end;
    return empty_scalar(event, mark);
  }

  bool parse_flow_sequence_entry_mapping_end(YamlEvent& event)
  {
    const YamlToken* token = peek();
    if (token == nullptr) {
      return false;
    }
    m_state = State::flow_sequence_entry;
    event = make(YamlEventType::mapping_end, token->start, token->start);
    return true;
  }

  bool parse_flow_mapping_key(YamlEvent& event, bool first)
  {
    if (first) {
      m_marks.push_back(peek()->start);
      skip();
    }
    const YamlToken* token = peek();
    if (token == nullptr) {
      return false;
    }
    if (token->type != TT::flow_mapping_end) {
      if (!first) {
        if (token->type == TT::flow_entry) {
          skip();
          token = peek();
          if (token == nullptr) {
            return false;
          }
        } else {
          const YamlMark context_mark = m_marks.back();
          m_marks.pop_back();
          return error("while parsing a flow mapping", context_mark, "did not find expected ',' or '}'", token->start);
        }
      }
      if (token->type == TT::key) {
        skip();
        token = peek();
        if (token == nullptr) {
          return false;
        }
        if (token->type != TT::value && token->type != TT::flow_entry && token->type != TT::flow_mapping_end) {
          m_states.push_back(State::flow_mapping_value);
          return parse_node(event, false, false);
        }
        m_state = State::flow_mapping_value;
        return empty_scalar(event, token->start);
      }
      if (token->type != TT::flow_mapping_end) {
        m_states.push_back(State::flow_mapping_empty_value);
        return parse_node(event, false, false);
      }
    }
    m_state = pop_state();
    m_marks.pop_back();
    event = make(YamlEventType::mapping_end, token->start, token->end);
    skip();
    return true;
  }

  bool parse_flow_mapping_value(YamlEvent& event, bool empty)
  {
    const YamlToken* token = peek();
    if (token == nullptr) {
      return false;
    }
    if (empty) {
      m_state = State::flow_mapping_key;
      return empty_scalar(event, token->start);
    }
    if (token->type == TT::value) {
      skip();
      token = peek();
      if (token == nullptr) {
        return false;
      }
      if (token->type != TT::flow_entry && token->type != TT::flow_mapping_end) {
        m_states.push_back(State::flow_mapping_key);
        return parse_node(event, false, false);
      }
    }
    m_state = State::flow_mapping_key;
    return empty_scalar(event, token->start);
  }

  bool process_directives()
  {
    const YamlToken* token = peek();
    if (token == nullptr) {
      return false;
    }
    bool have_version = false;
    while (token->type == TT::version_directive || token->type == TT::tag_directive) {
      if (token->type == TT::version_directive) {
        if (have_version) {
          return error("found duplicate %YAML directive", token->start);
        }
        if (token->major != 1 || token->minor != 1) {
          return error("found incompatible YAML document", token->start);
        }
        have_version = true;
      } else {
        if (!append_tag_directive({token->value, token->suffix}, false, token->start)) {
          return false;
        }
      }
      skip();
      token = peek();
      if (token == nullptr) {
        return false;
      }
    }
    append_tag_directive({"!", "!"}, true, token->start);
    append_tag_directive({"!!", "tag:yaml.org,2002:"}, true, token->start);
    return true;
  }

  bool append_tag_directive(TagDirective value, bool allow_duplicates, YamlMark mark)
  {
    for (const auto& d : m_tag_directives) {
      if (d.handle == value.handle) {
        if (allow_duplicates) {
          return true;
        }
        return error("found duplicate %TAG directive", mark);
      }
    }
    m_tag_directives.push_back(value);
    return true;
  }

  YamlText& m_text;
  YamlScanner& m_s;
  State m_state = State::stream_start;
  bool m_stream_end_produced = false;
  std::vector<State> m_states;
  std::vector<YamlMark> m_marks;
  std::vector<TagDirective> m_tag_directives;
};

YamlEventParser::YamlEventParser(YamlText& text, YamlScanner& scanner) : m_impl(std::make_unique<Impl>(text, scanner)) {}

YamlEventParser::~YamlEventParser() = default;

bool YamlEventParser::parse(YamlEvent& event)
{
  return m_impl->parse(event);
}

} // namespace pave::codec
