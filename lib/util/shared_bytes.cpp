#include <pave/util/shared_bytes.hpp>

#include <pave/util/mapped_file.hpp>

namespace pave::util {

SharedBytes::SharedBytes(std::string text)
{
  if (!text.empty()) {
    auto owned = std::make_shared<const std::string>(std::move(text));
    m_view = *owned;
    m_owner = std::move(owned);
  }
}

SharedBytes SharedBytes::mapped(std::shared_ptr<const MappedFile> file)
{
  SharedBytes b;
  if (file) {
    b.m_view = file->bytes();
    b.m_owner = std::move(file);
  }
  return b;
}

} // namespace pave::util
