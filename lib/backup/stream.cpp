#include <pave/backup/stream.hpp>

#include <string>

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

Sha256::Sha256() : m_ctx(new_sha256()) {}
Sha256::~Sha256() { EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(m_ctx)); }
void Sha256::update(std::string_view data) { EVP_DigestUpdate(static_cast<EVP_MD_CTX*>(m_ctx), data.data(), data.size()); }
std::string Sha256::hex() { return final_hex(m_ctx); }

} // namespace pave::backup
