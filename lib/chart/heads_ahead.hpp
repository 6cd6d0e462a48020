#pragma once
/// Decoding document heads ahead of sort_manifests. Ordering a render's
/// manifests needs the head (kind, name, annotations) of every document, and
/// decoding one reads the whole document as YAML: for a large chart that is a
/// quarter of the render's instructions. A large template's output arrives in
/// pieces while it still executes (tmpl::Spill), each ending where a document
/// ends, so the pieces are split and their heads decoded on another core
/// meanwhile; sort_manifests then takes what is done instead of decoding it.
///
/// A piece comes back as its documents, split_documents(piece), and their
/// heads in the same order, each exactly what codec::parse_manifest_head
/// gives (errors included): decoding depends on nothing but the text, which
/// the handle keeps alive and unchanged, so sort_manifests splits it no more.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <pave/codec/manifest_head.hpp>
#include <pave/util/expected.hpp>

namespace pave::chart {

using DecodedHead = util::Result<codec::ManifestHead>;

/// The documents of one piece (views into it) and their heads, index for index.
struct DecodedPiece
{
  std::vector<std::string_view> documents;
  std::vector<DecodedHead> heads;
};

/// The heads of one piece of output, decoded (or still being decoded) by a
/// HeadsAhead.
class PieceHeads
{
public:
  /// Waits until the piece is decoded and hands its documents and heads over
  /// (the first call only). Nothing when the HeadsAhead was destroyed before
  /// it got to the piece, or on a second call: the caller decodes the piece
  /// itself then.
  std::optional<DecodedPiece> take();

private:
  friend class HeadsAhead;
  struct Shared;
  enum class Status { queued, done, dropped, taken };

  std::shared_ptr<Shared> m_shared;
  std::shared_ptr<const std::string> m_piece;
  Status m_status = Status::queued; ///< guarded by m_shared->mutex
  DecodedPiece m_decoded;           ///< written by the helper before `done`
};

/// A helper thread, started by the first piece, that decodes queued pieces in
/// order. The destructor drops what is still queued and waits for the piece
/// being decoded, if any.
class HeadsAhead
{
public:
  HeadsAhead();
  ~HeadsAhead();
  HeadsAhead(const HeadsAhead&) = delete;
  HeadsAhead& operator=(const HeadsAhead&) = delete;

  /// Queues `piece` for decoding.
  std::shared_ptr<PieceHeads> submit(std::shared_ptr<const std::string> piece);

private:
  void run();

  std::shared_ptr<PieceHeads::Shared> m_shared;
  std::thread m_thread;
};

} // namespace pave::chart
