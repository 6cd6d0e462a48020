#pragma once
/// A streaming JSON writer whose output is byte for byte that of
/// nlohmann::json::dump(indent) (keys in the order written), without building
/// a tree first: for large documents such as `cost-report --format json` of
/// 100,000 resources, where the tree costs more than the text. (Numbers
/// written with value(double, decimals) are the one exception: see there.)
#include <cstdint>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace pave::util {

class JsonWriter
{
public:
  /// Writes to `out` (buffered; flushed by flush() and the destructor).
  /// `indent` < 0: compact, as dump() without indent.
  explicit JsonWriter(std::ostream& out, int indent = 2);

  /// Where the next value goes: how many containers are open around it, and
  /// whether it is the first of the innermost one.
  struct Position
  {
    std::size_t depth = 0;
    bool first = true;
  };
  /// Continues a document at `at` (another writer's position()), appending to
  /// `out`: the parts of one long array, written apart (on several threads)
  /// and put together in order, are byte for byte what one writer writes.
  /// The part closes no container it did not open.
  JsonWriter(std::string& out, int indent, Position at);
  ~JsonWriter();
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  /// The key of the next value (in an object).
  JsonWriter& key(std::string_view k);

  JsonWriter& value(std::string_view s);
  JsonWriter& value(const char* s) { return value(std::string_view(s)); }
  JsonWriter& value(const std::string& s) { return value(std::string_view(s)); }
  JsonWriter& value(double d); ///< as nlohmann: shortest round trip, "1.0", "1e-08"; NaN and infinities as null
  /// `d` rounded to `decimals` (0 to 8) places, std::round(d * 10^decimals)
  /// / 10^decimals, written as value() writes that double, but always in its
  /// shortest form: nlohmann's Grisu2 gives one more digit for about 1 in
  /// 2,000 such numbers ("93749.43030000001" for 93749.4303; both read back
  /// as the same double). Made from the rounded integer, without Grisu2,
  /// from 1e-4 to 1e15; as value() outside that.
  JsonWriter& value(double d, int decimals);
  JsonWriter& value(std::int64_t n);
  JsonWriter& value(std::uint64_t n);
  JsonWriter& value(int n) { return value(static_cast<std::int64_t>(n)); }
  JsonWriter& value(bool b);
  JsonWriter& null();

  /// key(k).value(v)
  template <typename T> JsonWriter& member(std::string_view k, const T& v) { return key(k).value(v); }
  /// key(k).value(d, decimals)
  JsonWriter& member(std::string_view k, double d, int decimals) { return key(k).value(d, decimals); }

  Position position() const;
  /// Takes `n` values as written at position() by other writers (parts, see
  /// above), whose output was put after this writer's flush().
  JsonWriter& written_elsewhere(std::size_t n);

  void flush();

private:
  /// Makes room for `n` more bytes in the buffer (flushing it); false when
  /// `n` is more than the buffer holds.
  bool room(std::size_t n);
  void put(char c) { *m_pos++ = c; } ///< after room()
  void put(std::string_view s);      ///< after room(s.size())
  void before_value();
  JsonWriter& close(char bracket);
  void newline_indent(std::size_t depth);
  void string(std::string_view s);
  void escape(std::string_view s); ///< after room(6 * s.size())

  std::ostream* m_out = nullptr; ///< the output: a stream ...
  std::string* m_text = nullptr; ///< ... or a string
  int m_indent;
  std::unique_ptr<char[]> m_buffer; ///< k_buffer_size bytes, written up to m_pos
  char* m_pos;
  char* m_end;
  std::vector<unsigned char> m_empty; ///< per open container: nothing written in it yet
  bool m_after_key = false;
};

} // namespace pave::util
