#pragma once

namespace pave::cli {

/// Runs pave with the process arguments and returns the exit code. Holds the
/// only top-level try/catch: util::Fatal and CLI11 errors map to exit codes.
int run(int argc, char** argv);

} // namespace pave::cli
