#include <pave/backup/stream.hpp>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <openssl/evp.h>

namespace pave::backup {

namespace {

void* new_sha256()
{
  EVP_MD_CTX* c = EVP_MD_CTX_new();
  if (c == nullptr || EVP_DigestInit_ex(c, EVP_sha256(), nullptr) != 1) {
    throw util::Fatal(util::Error{"OpenSSL: cannot initialise SHA-256"});
  }
  return c;
}

std::string final_hex(void* ctx)
{
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  EVP_DigestFinal_ex(static_cast<EVP_MD_CTX*>(ctx), md, &n);
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string out(static_cast<std::size_t>(n) * 2, '0');
  for (unsigned int i = 0; i < n; ++i) {
    out[2 * i] = k_hex[md[i] >> 4];
    out[2 * i + 1] = k_hex[md[i] & 0xf];
  }
  return out;
}

} // namespace

util::Result<std::size_t> read_full(Source& in, char* buf, std::size_t size)
{
  std::size_t got = 0;
  while (got < size) {
    PAVE_TRY_ASSIGN(const std::size_t n, in.read(buf + got, size - got));
    if (n == 0) {
      break;
    }
    got += n;
  }
  return got;
}

HashingSink::HashingSink(Sink& next) : m_next(next), m_ctx(new_sha256()) {}
HashingSink::~HashingSink() { EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(m_ctx)); }

util::Result<void> HashingSink::write(std::string_view data)
{
  EVP_DigestUpdate(static_cast<EVP_MD_CTX*>(m_ctx), data.data(), data.size());
  m_bytes += data.size();
  return m_next.write(data);
}

util::Result<void> HashingSink::finish()
{
  m_hex = final_hex(m_ctx);
  return m_next.finish();
}

HashingSource::HashingSource(Source& in) : m_in(in), m_ctx(new_sha256()) {}
HashingSource::~HashingSource() { EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(m_ctx)); }

util::Result<std::size_t> HashingSource::read(char* buf, std::size_t size)
{
  PAVE_TRY_ASSIGN(const std::size_t n, m_in.read(buf, size));
  EVP_DigestUpdate(static_cast<EVP_MD_CTX*>(m_ctx), buf, n);
  m_bytes += n;
  return n;
}

std::string HashingSource::sha256() { return final_hex(m_ctx); }

struct ThreadedSink::State
{
  Sink& next;
  std::size_t max_blocks;
  std::mutex mutex;
  std::condition_variable changed;
  std::deque<std::string> queue;
  std::vector<std::string> spare;     ///< written blocks, kept for reuse (no allocation per block)
  bool ending = false;                ///< no more blocks will come
  bool stopping = false;              ///< the destructor: stop without finishing
  std::optional<util::Error> error;   ///< of `next`; the thread stops consuming
  std::thread thread;

  void run()
  {
    for (;;) {
      std::string block;
      {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return !queue.empty() || ending || stopping; });
        if (stopping || (queue.empty() && ending)) {
          return;
        }
        block = std::move(queue.front());
        queue.pop_front();
      }
      changed.notify_all(); // room for the writer
      auto r = next.write(block);
      std::lock_guard lock(mutex);
      if (!r) {
        error = r.error();
        queue.clear();
        changed.notify_all();
        return;
      }
      block.clear();
      spare.push_back(std::move(block));
    }
  }
};

ThreadedSink::ThreadedSink(Sink& next, std::size_t block_size, std::size_t blocks)
  : m_state(std::make_unique<State>(next, std::max<std::size_t>(blocks, 1))), m_block_size(std::max<std::size_t>(block_size, 1))
{
  m_block.reserve(m_block_size);
  m_state->thread = std::thread([s = m_state.get()] { s->run(); });
}

ThreadedSink::~ThreadedSink()
{
  {
    std::lock_guard lock(m_state->mutex);
    m_state->stopping = true;
  }
  m_state->changed.notify_all();
  if (m_state->thread.joinable()) {
    m_state->thread.join();
  }
}

util::Result<void> ThreadedSink::push()
{
  std::unique_lock lock(m_state->mutex);
  m_state->changed.wait(lock, [&] { return m_state->queue.size() < m_state->max_blocks || m_state->error; });
  if (m_state->error) {
    return std::unexpected(*m_state->error);
  }
  m_state->queue.push_back(std::move(m_block));
  if (m_state->spare.empty()) {
    m_block = std::string();
    m_block.reserve(m_block_size);
  } else {
    m_block = std::move(m_state->spare.back());
    m_state->spare.pop_back();
  }
  lock.unlock();
  m_state->changed.notify_all();
  return {};
}

util::Result<void> ThreadedSink::write(std::string_view data)
{
  while (!data.empty()) {
    const std::size_t n = std::min(data.size(), m_block_size - m_block.size());
    m_block.append(data.substr(0, n));
    data.remove_prefix(n);
    if (m_block.size() == m_block_size) {
      PAVE_TRY(push());
    }
  }
  return {};
}

util::Result<void> ThreadedSink::finish()
{
  if (!m_block.empty()) {
    PAVE_TRY(push());
  }
  {
    std::lock_guard lock(m_state->mutex);
    m_state->ending = true;
  }
  m_state->changed.notify_all();
  m_state->thread.join();
  if (m_state->error) {
    return std::unexpected(*m_state->error);
  }
  return m_state->next.finish();
}

Sha256::Sha256() : m_ctx(new_sha256()) {}
Sha256::~Sha256() { EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(m_ctx)); }
void Sha256::update(std::string_view data) { EVP_DigestUpdate(static_cast<EVP_MD_CTX*>(m_ctx), data.data(), data.size()); }
std::string Sha256::hex() { return final_hex(m_ctx); }

} // namespace pave::backup
