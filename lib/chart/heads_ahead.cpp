#include <pave/chart/heads_ahead.hpp>

#include <condition_variable>
#include <deque>
#include <mutex>

#include <pave/chart/manifest.hpp>
#include <pave/util/parallel.hpp>

namespace pave::chart {

struct PieceHeads::Shared
{
  std::mutex mutex;
  std::condition_variable changed;
  std::deque<std::shared_ptr<PieceHeads>> queue;
  bool stop = false;
};

std::optional<DecodedPiece> PieceHeads::take()
{
  std::unique_lock lock(m_shared->mutex);
  m_shared->changed.wait(lock, [this] { return m_status != Status::queued; });
  if (m_status != Status::done) {
    return std::nullopt;
  }
  m_status = Status::taken;
  return std::move(m_decoded);
}

HeadsAhead::HeadsAhead() : m_shared(std::make_shared<PieceHeads::Shared>()) {}

HeadsAhead::~HeadsAhead()
{
  {
    std::lock_guard lock(m_shared->mutex);
    m_shared->stop = true;
    for (const auto& p : m_shared->queue) {
      p->m_status = PieceHeads::Status::dropped;
    }
    m_shared->queue.clear();
  }
  m_shared->changed.notify_all();
  if (m_thread.joinable()) {
    m_thread.join();
  }
}

std::shared_ptr<PieceHeads> HeadsAhead::submit(std::shared_ptr<const std::string> piece)
{
  auto heads = std::make_shared<PieceHeads>();
  heads->m_shared = m_shared;
  heads->m_piece = std::move(piece);
  {
    std::lock_guard lock(m_shared->mutex);
    m_shared->queue.push_back(heads);
  }
  m_shared->changed.notify_all();
  if (!m_thread.joinable()) {
    m_thread = util::start_thread([this] { run(); });
  }
  return heads;
}

void HeadsAhead::run()
{
  PieceHeads::Shared& s = *m_shared;
  for (;;) {
    std::shared_ptr<PieceHeads> job;
    {
      std::unique_lock lock(s.mutex);
      s.changed.wait(lock, [&s] { return s.stop || !s.queue.empty(); });
      if (s.stop) {
        return;
      }
      job = std::move(s.queue.front());
      s.queue.pop_front();
    }
    DecodedPiece decoded;
    bool ok = true;
    try {
      decoded.documents = split_documents(*job->m_piece);
      decoded.heads.reserve(decoded.documents.size());
      for (const std::string_view doc : decoded.documents) {
        decoded.heads.push_back(codec::parse_manifest_head(doc));
      }
    } catch (const std::exception&) {
      ok = false; // out of memory: the piece is left to the caller, who meets it again
    }
    {
      std::lock_guard lock(s.mutex);
      job->m_decoded = std::move(decoded);
      job->m_status = ok ? PieceHeads::Status::done : PieceHeads::Status::dropped;
    }
    s.changed.notify_all();
  }
}

} // namespace pave::chart
