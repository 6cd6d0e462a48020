// Fuzzes the pave.toml reader: any input yields a project with diagnostics or an error.
#include <cstddef>
#include <cstdint>
#include <string>

#include <pave/project/load.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  pave::util::Diagnostics diags;
  (void)pave::project::parse(text, "pave.toml", diags);
  return 0;
}
