#pragma once
/// Random identifiers from the kernel's CSPRNG (getrandom).
#include <string>

namespace pave::util {

/// A random RFC 4122 version 4 UUID, "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx" in lowercase.
std::string uuid_v4();

} // namespace pave::util
