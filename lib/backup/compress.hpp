#pragma once
/// zstd stream compression of the backup archive (libzstd's streaming API):
/// one frame, with its content checksum, in bounded buffers. It compresses
/// in the calling thread (pave links libzstd's static archive, which Debian
/// builds without its worker threads); the archive writer calls it from a
/// thread of its own (stream.hpp ThreadedSink).
#include <memory>

#include <pave/backup/stream.hpp>

namespace pave::backup {

struct CompressOptions
{
  int level = 3; ///< zstd level (1..19), 3 like the zstd command
};

/// A Sink that compresses into `out`. Error when the options are invalid.
util::Result<std::unique_ptr<Sink>> make_compressing_sink(Sink& out, const CompressOptions& options = {});

/// A Source of the decompressed bytes of `in`. Errors: "archive corrupted:
/// zstd: REASON" (including a failed content checksum), "archive truncated:
/// the zstd frame is incomplete".
std::unique_ptr<Source> make_decompressing_source(Source& in);

} // namespace pave::backup
