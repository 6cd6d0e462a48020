#pragma once
/// Private keys for Sprig's crypto functions, with OpenSSL: generation, PEM
/// encoding in the block types Go's crypto/x509 writes (RSA PRIVATE KEY,
/// EC PRIVATE KEY, DSA PRIVATE KEY, PRIVATE KEY for ed25519), and parsing
/// like Sprig's parsePrivateKeyPEM.
#include <memory>
#include <string>
#include <string_view>

#include <openssl/evp.h>

namespace pave::tmpl::sprig {

struct PkeyFree
{
  void operator()(EVP_PKEY* p) const noexcept { EVP_PKEY_free(p); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;

/// Generates "rsa" (bits), "ecdsa" (P-256), "ed25519" or "dsa" (L2048N256).
/// Throws FunctionError "failed to generate private key: ..." on failure.
Pkey generate_key(std::string_view type, int rsa_bits = 4096);
/// pem.EncodeToMemory(pemBlockForKey(key)).
std::string key_to_pem(EVP_PKEY* key);
/// Sprig's parsePrivateKeyPEM; on failure returns nullptr and Go's error text.
Pkey parse_private_key_pem(std::string_view pem, std::string& error);
/// The last OpenSSL error as text (for messages).
std::string openssl_error();

} // namespace pave::tmpl::sprig
