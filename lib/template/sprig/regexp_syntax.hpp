#pragma once
/// Internals of the Go regexp engine shared by regexp_parse.cpp (syntax) and
/// regexp.cpp (compiler and Pike VM). Not part of the public interface.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <pave/template/sprig/unicode.hpp>

namespace pave::tmpl::sprig::re {

enum class Op : std::uint8_t { rune, cls, any, any_not_nl, assert_, split, jmp, save, match };
enum class Assert : std::uint8_t { begin_line, end_line, begin_text, end_text, word, not_word };
enum class Pred : std::uint8_t { letter, upper, lower, title, number, digit, punct };

struct CharClass
{
  std::vector<std::pair<char32_t, char32_t>> ranges;
  std::vector<std::pair<Pred, bool>> preds; ///< predicate, negated
  bool negated = false;
  bool fold = false;

  bool contains_raw(char32_t r) const
  {
    for (const auto& [lo, hi] : ranges) {
      if (r >= lo && r <= hi) {
        return true;
      }
    }
    for (const auto& [p, neg] : preds) {
      bool in = false;
      switch (p) {
      case Pred::letter: in = unicode::is_letter(r); break;
      case Pred::upper: in = unicode::is_upper(r); break;
      case Pred::lower: in = unicode::is_lower(r); break;
      case Pred::title: in = unicode::is_title(r); break;
      case Pred::number: in = unicode::is_number(r); break;
      case Pred::digit: in = unicode::is_digit(r); break;
      case Pred::punct: in = unicode::is_punct(r); break;
      }
      if (in != neg) {
        return true;
      }
    }
    return false;
  }
  bool matches(char32_t r) const
  {
    bool in = contains_raw(r);
    if (!in && fold) {
      in = contains_raw(unicode::to_lower(r)) || contains_raw(unicode::to_upper(r)) || contains_raw(unicode::to_title(r));
    }
    return in != negated;
  }
};

inline bool fold_equal(char32_t a, char32_t b)
{
  return a == b || unicode::to_lower(a) == unicode::to_lower(b) || unicode::to_upper(a) == unicode::to_upper(b);
}

// --- AST ---------------------------------------------------------------------

enum class NodeType : std::uint8_t { empty, literal, cls, any, any_not_nl, assert_, capture, concat, alternate, repeat };

struct Node
{
  NodeType type = NodeType::empty;
  char32_t rune = 0;
  bool fold = false;
  int cls = -1;
  Assert assertion = Assert::begin_text;
  int cap = 0;
  int min = 0;
  int max = 0; ///< -1 = unbounded
  bool greedy = true;
  bool quoted = false; ///< a \Q...\E sequence: a quantifier binds to its last rune
  std::vector<std::unique_ptr<Node>> subs;
};

using NodePtr = std::unique_ptr<Node>;

struct ParseError
{
  std::string code;
  std::string text;
};

constexpr int k_fold = 1;
constexpr int k_one_line = 2;
constexpr int k_dot_nl = 4;
constexpr int k_non_greedy = 8;


/// Parses Go regexp syntax (Perl flags: one-line ^ $, [^x] matching \n).
/// Throws ParseError. Group names go to `names` (index 0 is the whole match).
NodePtr parse(std::string_view expr, std::vector<CharClass>& classes, std::vector<std::string>& names, int& groups);

} // namespace pave::tmpl::sprig::re
