#pragma once
/// Immutable bytes shared by their copies: held in a string or in a mapped
/// file, so a large file's bytes are paged in only where they are read.
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace pave::util {

class MappedFile;

class SharedBytes
{
public:
  SharedBytes() = default;
  SharedBytes(std::string text); // NOLINT(google-explicit-constructor): bytes are text too
  SharedBytes(const char* text) : SharedBytes(std::string(text)) {} // NOLINT(google-explicit-constructor)
  /// The bytes of a mapped file (without its padding).
  static SharedBytes mapped(std::shared_ptr<const MappedFile> file);

  std::string_view view() const noexcept { return m_view; }
  operator std::string_view() const noexcept { return m_view; } // NOLINT(google-explicit-constructor)
  std::string str() const { return std::string(m_view); }
  const char* data() const noexcept { return m_view.data(); }
  std::size_t size() const noexcept { return m_view.size(); }
  bool empty() const noexcept { return m_view.empty(); }
  char operator[](std::size_t i) const noexcept { return m_view[i]; }
  bool starts_with(std::string_view prefix) const noexcept { return m_view.starts_with(prefix); }
  /// Leaves out the first n bytes (a byte order mark, say); n <= size().
  void remove_prefix(std::size_t n) noexcept { m_view.remove_prefix(n); }

  friend bool operator==(const SharedBytes& a, std::string_view b) noexcept { return a.m_view == b; }

private:
  std::shared_ptr<const void> m_owner;
  std::string_view m_view;
};

} // namespace pave::util
