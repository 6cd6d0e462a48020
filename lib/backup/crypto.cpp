#include <pave/backup/crypto.hpp>

#include <array>
#include <cstring>
#include <vector>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/kdf.h>
#include <openssl/rand.h>

namespace pave::backup {

namespace {

constexpr char k_magic[8] = {'P', 'A', 'V', 'E', 'B', 'K', 'P', '\x01'};
constexpr int k_kind_key = 1;
constexpr int k_kind_passphrase = 2;

using Bytes32 = std::array<unsigned char, 32>;

struct Keys
{
  Bytes32 payload{};
  Bytes32 header{};
};

util::Result<Bytes32> hkdf(const Bytes32& master, const unsigned char* salt, std::string_view info)
{
  Bytes32 out{};
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_id(EVP_PKEY_HKDF, nullptr);
  std::size_t len = out.size();
  const bool ok = ctx != nullptr && EVP_PKEY_derive_init(ctx) > 0 && EVP_PKEY_CTX_set_hkdf_md(ctx, EVP_sha256()) > 0 &&
                  EVP_PKEY_CTX_set1_hkdf_salt(ctx, salt, 32) > 0 &&
                  EVP_PKEY_CTX_set1_hkdf_key(ctx, master.data(), static_cast<int>(master.size())) > 0 &&
                  EVP_PKEY_CTX_add1_hkdf_info(ctx, reinterpret_cast<const unsigned char*>(info.data()),
                                              static_cast<int>(info.size())) > 0 &&
                  EVP_PKEY_derive(ctx, out.data(), &len) > 0;
  EVP_PKEY_CTX_free(ctx);
  if (!ok) {
    return util::fail("OpenSSL: HKDF failed");
  }
  return out;
}

/// Derives the keys of a container from its header bytes 0..63.
util::Result<Keys> derive_keys(const KeyMaterial& key, const unsigned char* h)
{
  Bytes32 master{};
  if (h[9] == k_kind_key) {
    if (key.key.size() != 32) {
      return util::fail("wrong key: {} is a passphrase but this backup was encrypted with a 32-byte key (set PAVE_BACKUP_KEY or --key-file)",
                        key.origin);
    }
    std::memcpy(master.data(), key.key.data(), 32);
  } else {
    if (key.passphrase.empty()) {
      return util::fail("wrong key: {} is a key but this backup was encrypted with a passphrase (set PAVE_BACKUP_PASSPHRASE)",
                        key.origin);
    }
    const std::uint64_t n = std::uint64_t{1} << h[11];
    if (h[11] < 10 || h[11] > 20 || h[12] == 0 || h[12] > 32 || h[13] == 0 || h[13] > 16) { // bounds a hostile header's cost
      return util::fail("not a pave backup archive (bad scrypt parameters)");
    }
    if (EVP_PBE_scrypt(key.passphrase.data(), key.passphrase.size(), h + 48, 16, n, h[12], h[13], 1ull << 31,
                       master.data(), master.size()) != 1) {
      return util::fail("OpenSSL: scrypt failed");
    }
  }
  Keys k;
  PAVE_TRY_ASSIGN(k.payload, hkdf(master, h + 16, "pave-backup v1 payload"));
  PAVE_TRY_ASSIGN(k.header, hkdf(master, h + 16, "pave-backup v1 header"));
  OPENSSL_cleanse(master.data(), master.size());
  return k;
}

void header_mac(const Keys& k, const unsigned char* h, unsigned char* out)
{
  unsigned int len = 32;
  HMAC(EVP_sha256(), k.header.data(), static_cast<int>(k.header.size()), h, 64, out, &len);
}

void make_nonce(std::uint64_t counter, bool last, unsigned char* nonce)
{
  std::memset(nonce, 0, 12);
  for (int i = 0; i < 8; ++i) {
    nonce[10 - i] = static_cast<unsigned char>(counter >> (8 * i));
  }
  nonce[11] = last ? 1 : 0;
}

class GcmCipher
{
public:
  GcmCipher() : m_ctx(EVP_CIPHER_CTX_new()) {}
  ~GcmCipher() { EVP_CIPHER_CTX_free(m_ctx); }
  GcmCipher(const GcmCipher&) = delete;
  GcmCipher& operator=(const GcmCipher&) = delete;

  bool seal(const Bytes32& key, std::uint64_t counter, bool last, const unsigned char* in, std::size_t n,
            unsigned char* out, unsigned char* tag)
  {
    unsigned char nonce[12];
    make_nonce(counter, last, nonce);
    int len = 0;
    return m_ctx != nullptr && EVP_EncryptInit_ex(m_ctx, EVP_aes_256_gcm(), nullptr, key.data(), nonce) == 1 &&
           (n == 0 || EVP_EncryptUpdate(m_ctx, out, &len, in, static_cast<int>(n)) == 1) &&
           EVP_EncryptFinal_ex(m_ctx, out + len, &len) == 1 &&
           EVP_CIPHER_CTX_ctrl(m_ctx, EVP_CTRL_GCM_GET_TAG, 16, tag) == 1;
  }

  bool open(const Bytes32& key, std::uint64_t counter, bool last, const unsigned char* in, std::size_t n,
            const unsigned char* tag, unsigned char* out)
  {
    unsigned char nonce[12];
    make_nonce(counter, last, nonce);
    int len = 0;
    return m_ctx != nullptr && EVP_DecryptInit_ex(m_ctx, EVP_aes_256_gcm(), nullptr, key.data(), nonce) == 1 &&
           (n == 0 || EVP_DecryptUpdate(m_ctx, out, &len, in, static_cast<int>(n)) == 1) &&
           EVP_CIPHER_CTX_ctrl(m_ctx, EVP_CTRL_GCM_SET_TAG, 16, const_cast<unsigned char*>(tag)) == 1 &&
           EVP_DecryptFinal_ex(m_ctx, out + len, &len) == 1;
  }

private:
  EVP_CIPHER_CTX* m_ctx;
};

class EncryptingSink : public Sink
{
public:
  EncryptingSink(Sink& out, Keys keys, std::size_t chunk) : m_out(out), m_keys(keys), m_chunk(chunk)
  {
    m_plain.reserve(chunk);
    m_sealed.resize(chunk + k_crypto_tag_size);
  }
  ~EncryptingSink() override { OPENSSL_cleanse(&m_keys, sizeof m_keys); }

  util::Result<void> write(std::string_view data) override
  {
    while (!data.empty()) {
      if (m_plain.size() == m_chunk) {
        PAVE_TRY(emit(false)); // more data follows: this full chunk is not the last
      }
      const std::size_t n = std::min(data.size(), m_chunk - m_plain.size());
      m_plain.append(data.substr(0, n));
      data.remove_prefix(n);
    }
    return {};
  }

  util::Result<void> finish() override
  {
    PAVE_TRY(emit(true));
    return m_out.finish();
  }

private:
  util::Result<void> emit(bool last)
  {
    auto* out = reinterpret_cast<unsigned char*>(m_sealed.data());
    if (!m_cipher.seal(m_keys.payload, m_counter, last, reinterpret_cast<const unsigned char*>(m_plain.data()),
                       m_plain.size(), out, out + m_plain.size())) {
      return util::fail("OpenSSL: AES-256-GCM encryption failed");
    }
    ++m_counter;
    PAVE_TRY(m_out.write(std::string_view(m_sealed.data(), m_plain.size() + k_crypto_tag_size)));
    m_plain.clear();
    return {};
  }

  Sink& m_out;
  Keys m_keys;
  std::size_t m_chunk;
  std::string m_plain;
  std::string m_sealed;
  GcmCipher m_cipher;
  std::uint64_t m_counter = 0;
};

class DecryptingSource : public Source
{
public:
  DecryptingSource(const KeyMaterial& key, Source& in) : m_key(key), m_in(in) {}
  ~DecryptingSource() override { OPENSSL_cleanse(&m_keys, sizeof m_keys); }

  util::Result<std::size_t> read(char* buf, std::size_t size) override
  {
    if (!m_started) {
      PAVE_TRY(start());
    }
    while (m_pos == m_plain.size()) {
      if (m_done) {
        return 0;
      }
      PAVE_TRY(next_chunk());
    }
    const std::size_t n = std::min(size, m_plain.size() - m_pos);
    std::memcpy(buf, m_plain.data() + m_pos, n);
    m_pos += n;
    return n;
  }

private:
  util::Result<void> start()
  {
    m_started = true;
    unsigned char h[k_crypto_header_size];
    PAVE_TRY_ASSIGN(const std::size_t got, read_full(m_in, reinterpret_cast<char*>(h), sizeof h));
    if (got < 9 || std::memcmp(h, k_magic, 8) != 0) {
      return util::fail("not a pave backup archive (bad magic)");
    }
    if (h[8] != k_crypto_format_version) {
      return util::fail("unsupported backup format version {} (this pave reads version {})", h[8],
                        k_crypto_format_version);
    }
    if (got < sizeof h) {
      return util::fail("archive truncated: it ends inside its header");
    }
    if ((h[9] != k_kind_key && h[9] != k_kind_passphrase) || h[10] < 10 || h[10] > 24) {
      return util::fail("not a pave backup archive (bad header)");
    }
    PAVE_TRY_ASSIGN(m_keys, derive_keys(m_key, h));
    unsigned char mac[32];
    header_mac(m_keys, h, mac);
    if (CRYPTO_memcmp(mac, h + 64, 32) != 0) {
      return util::fail("wrong key: {} does not open this backup (it was encrypted with a {}), or its header is corrupted",
                        m_key.origin, h[9] == k_kind_key ? "32-byte key" : "passphrase");
    }
    m_chunk = std::size_t{1} << h[10];
    m_sealed.resize(m_chunk + k_crypto_tag_size + 1);
    m_plain.resize(0);
    m_offset = k_crypto_header_size;
    return {};
  }

  util::Result<void> next_chunk()
  {
    // m_sealed holds m_have bytes carried over (one lookahead byte) at its start.
    const std::size_t want = m_chunk + k_crypto_tag_size + 1;
    PAVE_TRY_ASSIGN(const std::size_t got, read_full(m_in, m_sealed.data() + m_have, want - m_have));
    const std::size_t total = m_have + got;
    const bool last = total < want;
    const std::size_t sealed = last ? total : want - 1;
    if (sealed < k_crypto_tag_size) {
      return util::fail("archive truncated: it ends before its final chunk");
    }
    const std::size_t n = sealed - k_crypto_tag_size;
    m_plain.resize(n);
    const auto* in = reinterpret_cast<const unsigned char*>(m_sealed.data());
    if (!m_cipher.open(m_keys.payload, m_counter, last, in, n, in + n, reinterpret_cast<unsigned char*>(m_plain.data()))) {
      // A full-size chunk that fails as non-last but opens as last means data was appended.
      if (!last && m_cipher.open(m_keys.payload, m_counter, true, in, n, in + n,
                                 reinterpret_cast<unsigned char*>(m_plain.data()))) {
        return util::fail("archive corrupted: data after the final chunk");
      }
      if (last && m_cipher.open(m_keys.payload, m_counter, false, in, n, in + n,
                                reinterpret_cast<unsigned char*>(m_plain.data()))) {
        return util::fail("archive truncated: it ends before its final chunk");
      }
      if (last) {
        return util::fail("archive corrupted or truncated: its final chunk ({}) failed authentication (at byte {})",
                          m_counter, m_offset);
      }
      return util::fail("archive corrupted: chunk {} failed authentication (at byte {})", m_counter, m_offset);
    }
    ++m_counter;
    m_offset += sealed;
    m_pos = 0;
    if (last) {
      m_done = true;
      m_have = 0;
    } else {
      m_sealed[0] = m_sealed[want - 1];
      m_have = 1;
    }
    return {};
  }

  KeyMaterial m_key;
  Source& m_in;
  Keys m_keys{};
  GcmCipher m_cipher;
  bool m_started = false;
  bool m_done = false;
  std::size_t m_chunk = 0;
  std::string m_sealed;
  std::string m_plain;
  std::size_t m_pos = 0;
  std::size_t m_have = 0;
  std::uint64_t m_counter = 0;
  std::uint64_t m_offset = 0;
};

} // namespace

util::Result<std::unique_ptr<Sink>> make_encrypting_sink(const KeyMaterial& key, Sink& out, const EncryptOptions& options)
{
  if (options.chunk_log2 < 10 || options.chunk_log2 > 24) {
    return util::fail("backup chunk size 2^{} is out of range (2^10..2^24)", options.chunk_log2);
  }
  unsigned char h[k_crypto_header_size] = {};
  std::memcpy(h, k_magic, 8);
  h[8] = k_crypto_format_version;
  h[10] = static_cast<unsigned char>(options.chunk_log2);
  if (RAND_bytes(h + 16, 32) != 1) {
    return util::fail("OpenSSL: no random bytes for the backup salt");
  }
  if (!key.key.empty()) {
    if (key.key.size() != 32) {
      return util::fail("{}: not a 32-byte key", key.origin);
    }
    h[9] = k_kind_key;
  } else {
    h[9] = k_kind_passphrase;
    h[11] = static_cast<unsigned char>(options.scrypt_log2_n);
    h[12] = 8;
    h[13] = 1;
    if (RAND_bytes(h + 48, 16) != 1) {
      return util::fail("OpenSSL: no random bytes for the scrypt salt");
    }
  }
  PAVE_TRY_ASSIGN(const Keys keys, derive_keys(key, h));
  header_mac(keys, h, h + 64);
  PAVE_TRY(out.write(std::string_view(reinterpret_cast<const char*>(h), sizeof h)));
  return std::make_unique<EncryptingSink>(out, keys, std::size_t{1} << options.chunk_log2);
}

std::unique_ptr<Source> make_decrypting_source(const KeyMaterial& key, Source& in)
{
  return std::make_unique<DecryptingSource>(key, in);
}

} // namespace pave::backup
