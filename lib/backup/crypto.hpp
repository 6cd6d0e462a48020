#pragma once
/// The encrypted container of a backup archive: AES-256-GCM in authenticated
/// chunks (the STREAM construction of age and Tink), so a stream can be
/// verified and decrypted chunk by chunk without holding it whole, and
/// truncation, reordering or extension are detected.
///
/// Format version 1 (all integers big-endian):
///   header, 96 bytes:
///     0  8  magic "PAVEBKP\x01"
///     8  1  format version (1)
///     9  1  key kind: 1 = 32-byte key, 2 = passphrase stretched with scrypt
///    10  1  log2 of the plaintext chunk size (16: 64 KiB)
///    11  1  scrypt log2 N (kind 2; 0 otherwise)
///    12  1  scrypt r, 13 1 scrypt p (kind 2; 0 otherwise), 14 2 zero
///    16 32  stream salt (random per backup)
///    48 16  scrypt salt (kind 2; zero otherwise)
///    64 32  HMAC-SHA256 over bytes 0..63 with the header key
///   then chunks: ciphertext of exactly chunk-size bytes (the last one: 0 to
///   chunk-size bytes) followed by its 16-byte GCM tag. Chunk i has the
///   nonce counter(i) as 11 bytes || 0x01 for the last chunk, 0x00 otherwise.
/// Keys: master = the 32-byte key, or scrypt(passphrase, scrypt salt, N, r,
/// p); payload key = HKDF-SHA256(master, stream salt, "pave-backup v1
/// payload"), header key = HKDF-SHA256(master, stream salt, "pave-backup v1
/// header"). A wrong key fails the header HMAC before any chunk is read.
#include <cstdint>
#include <memory>
#include <string>

#include <pave/backup/key.hpp>
#include <pave/backup/stream.hpp>

namespace pave::backup {

inline constexpr int k_crypto_format_version = 1;
inline constexpr std::size_t k_crypto_header_size = 96;
inline constexpr std::size_t k_crypto_tag_size = 16;
inline constexpr int k_default_chunk_log2 = 16;

struct EncryptOptions
{
  int chunk_log2 = k_default_chunk_log2; ///< 10..24
  int scrypt_log2_n = 15;                ///< passphrases: N = 2^15, r = 8, p = 1 (32 MiB)
};

/// A Sink that encrypts what it is given and writes the container to `out`.
/// Error when the key material is unusable or OpenSSL fails.
util::Result<std::unique_ptr<Sink>> make_encrypting_sink(const KeyMaterial& key, Sink& out,
                                                         const EncryptOptions& options = {});

/// A Source of the plaintext of the container read from `in`. The header is
/// checked on the first read. Errors (exact messages, so callers can tell them apart):
///  - "not a pave backup archive (bad magic)" / "unsupported backup format version N"
///  - "wrong key: ORIGIN does not open this backup (it was encrypted with a passphrase|key)"
///  - "archive corrupted: chunk N failed authentication (at byte OFFSET)"
///  - "archive corrupted or truncated: its final chunk (N) failed authentication (at byte OFFSET)"
///  - "archive truncated: it ends before its final chunk"
///  - "archive corrupted: data after the final chunk"
std::unique_ptr<Source> make_decrypting_source(const KeyMaterial& key, Source& in);

} // namespace pave::backup
