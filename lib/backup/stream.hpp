#pragma once
/// The streaming pipeline of a backup: each stage is a Sink (writing) or a
/// Source (reading) that passes bounded chunks to the next, so no stage
/// ever holds the whole archive. Writing: tar -> zstd -> AES-256-GCM ->
/// destination; reading the reverse.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include <pave/util/expected.hpp>

namespace pave::backup {

/// Receives bytes in order. After finish() no more writes are allowed.
class Sink
{
public:
  virtual ~Sink() = default;
  /// Consumes `data` (possibly buffering part of it). Error: the stage failed; the stream is unusable.
  virtual util::Result<void> write(std::string_view data) = 0;
  /// Flushes everything buffered and ends the stream (footer, last chunk, ...).
  virtual util::Result<void> finish() = 0;
};

/// Produces bytes in order.
class Source
{
public:
  virtual ~Source() = default;
  /// Reads up to `size` bytes into `buf`; returns how many (0 = end of stream).
  /// Error: corrupt or unreadable input.
  virtual util::Result<std::size_t> read(char* buf, std::size_t size) = 0;
};

/// Reads until `size` bytes or the end; returns how many were read.
util::Result<std::size_t> read_full(Source& in, char* buf, std::size_t size);

/// A pass-through Sink that counts bytes and hashes them with SHA-256.
class HashingSink : public Sink
{
public:
  explicit HashingSink(Sink& next);
  ~HashingSink() override;
  util::Result<void> write(std::string_view data) override;
  util::Result<void> finish() override;
  std::uint64_t bytes() const { return m_bytes; }
  /// Lowercase hex SHA-256 of everything written; valid after finish().
  const std::string& sha256() const { return m_hex; }

private:
  Sink& m_next;
  void* m_ctx; // EVP_MD_CTX
  std::uint64_t m_bytes = 0;
  std::string m_hex;
};

/// A pass-through Source that counts bytes and hashes them with SHA-256.
class HashingSource : public Source
{
public:
  explicit HashingSource(Source& in);
  ~HashingSource() override;
  util::Result<std::size_t> read(char* buf, std::size_t size) override;
  std::uint64_t bytes() const { return m_bytes; }
  /// Lowercase hex SHA-256 of everything read so far (finalises: call once at the end).
  std::string sha256();

private:
  Source& m_in;
  void* m_ctx;
  std::uint64_t m_bytes = 0;
};

/// A pass-through Sink that hands what it is given to `next` on a thread of
/// its own, so the stages after it (compression, encryption, upload) run
/// beside the caller's work (reading objects, hashing entries). It holds at
/// most `blocks` blocks of `block_size` bytes: write() waits while they are
/// all queued. An error of `next` is returned by the next write() or by
/// finish(), which waits for the thread and then finishes `next`.
/// Destroying it unfinished stops the thread without finishing `next`.
class ThreadedSink : public Sink
{
public:
  explicit ThreadedSink(Sink& next, std::size_t block_size = std::size_t{1} << 20, std::size_t blocks = 4);
  ~ThreadedSink() override;
  ThreadedSink(const ThreadedSink&) = delete;
  ThreadedSink& operator=(const ThreadedSink&) = delete;
  util::Result<void> write(std::string_view data) override;
  util::Result<void> finish() override;

  struct State;

private:
  util::Result<void> push();
  std::unique_ptr<State> m_state;
  std::string m_block; ///< being filled by the caller
  std::size_t m_block_size;
};

/// Incremental SHA-256 (for per-entry digests).
class Sha256
{
public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void update(std::string_view data);
  /// Lowercase hex; call once.
  std::string hex();

private:
  void* m_ctx;
};

} // namespace pave::backup
