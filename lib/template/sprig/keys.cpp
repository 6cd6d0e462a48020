#include <pave/template/sprig/keys.hpp>

#include <openssl/bio.h>
#include <openssl/dsa.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <pave/template/sprig/common.hpp>

namespace pave::tmpl::sprig {

namespace {

struct BioFree
{
  void operator()(BIO* b) const noexcept { BIO_free(b); }
};
using Bio = std::unique_ptr<BIO, BioFree>;

struct CtxFree
{
  void operator()(EVP_PKEY_CTX* c) const noexcept { EVP_PKEY_CTX_free(c); }
};

std::string bio_string(BIO* b)
{
  char* data = nullptr;
  long n = BIO_get_mem_data(b, &data);
  return std::string(data, static_cast<std::size_t>(n));
}

} // namespace

std::string openssl_error()
{
  unsigned long e = ERR_get_error();
  ERR_clear_error();
  if (e == 0) {
    return "unknown error";
  }
  char buf[256];
  ERR_error_string_n(e, buf, sizeof buf);
  return buf;
}

Pkey generate_key(std::string_view type, int rsa_bits)
{
  EVP_PKEY* key = nullptr;
  if (type == "rsa") {
    key = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(rsa_bits));
  } else if (type == "ecdsa") {
    key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
  } else if (type == "ed25519") {
    key = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
  } else if (type == "dsa") {
    std::unique_ptr<EVP_PKEY_CTX, CtxFree> pctx(EVP_PKEY_CTX_new_from_name(nullptr, "DSA", nullptr));
    EVP_PKEY* params = nullptr;
    if (!pctx || EVP_PKEY_paramgen_init(pctx.get()) <= 0
        || EVP_PKEY_CTX_set_dsa_paramgen_bits(pctx.get(), 2048) <= 0
        || EVP_PKEY_CTX_set_dsa_paramgen_q_bits(pctx.get(), 256) <= 0 || EVP_PKEY_paramgen(pctx.get(), &params) <= 0) {
      fail("failed to generate dsa params: " + openssl_error());
    }
    Pkey p(params);
    std::unique_ptr<EVP_PKEY_CTX, CtxFree> kctx(EVP_PKEY_CTX_new(params, nullptr));
    if (!kctx || EVP_PKEY_keygen_init(kctx.get()) <= 0 || EVP_PKEY_keygen(kctx.get(), &key) <= 0) {
      key = nullptr;
    }
  }
  if (key == nullptr) {
    fail("failed to generate private key: " + openssl_error());
  }
  return Pkey(key);
}

std::string key_to_pem(EVP_PKEY* key)
{
  Bio b(BIO_new(BIO_s_mem()));
  int ok = 0;
  switch (EVP_PKEY_get_base_id(key)) {
  case EVP_PKEY_RSA:
  case EVP_PKEY_EC:
  case EVP_PKEY_DSA:
    // RSA PRIVATE KEY (PKCS#1), EC PRIVATE KEY (SEC 1), DSA PRIVATE KEY.
    ok = PEM_write_bio_PrivateKey_traditional(b.get(), key, nullptr, nullptr, 0, nullptr, nullptr);
    break;
  default: ok = PEM_write_bio_PrivateKey(b.get(), key, nullptr, nullptr, 0, nullptr, nullptr); break;
  }
  if (ok != 1) {
    fail("error pem-encoding key: " + openssl_error());
  }
  return bio_string(b.get());
}

Pkey parse_private_key_pem(std::string_view pem, std::string& error)
{
  Bio b(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  char* name = nullptr;
  char* header = nullptr;
  unsigned char* data = nullptr;
  long len = 0;
  if (PEM_read_bio(b.get(), &name, &header, &data, &len) != 1) {
    ERR_clear_error();
    error = "no PEM data in input";
    return nullptr;
  }
  std::string type = name;
  std::string der(reinterpret_cast<const char*>(data), static_cast<std::size_t>(len));
  OPENSSL_free(name);
  OPENSSL_free(header);
  OPENSSL_free(data);
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  EVP_PKEY* key = nullptr;
  const std::string suffix = " PRIVATE KEY";
  if (type == "PRIVATE KEY") {
    key = d2i_AutoPrivateKey(nullptr, &p, static_cast<long>(der.size()));
    if (key == nullptr) {
      error = "decoding PEM as PKCS#8: " + openssl_error();
    }
  } else if (type.size() <= suffix.size() || type.compare(type.size() - suffix.size(), suffix.size(), suffix) != 0) {
    error = "no private key data in PEM block of type " + type;
  } else {
    std::string kind = type.substr(0, type.size() - suffix.size());
    int id = kind == "RSA" ? EVP_PKEY_RSA : kind == "EC" ? EVP_PKEY_EC : kind == "DSA" ? EVP_PKEY_DSA : 0;
    if (id == 0) {
      error = "invalid private key type " + type;
    } else {
      key = d2i_PrivateKey(id, nullptr, &p, static_cast<long>(der.size()));
      if (key == nullptr) {
        error = "parsing " + kind + " private key from PEM: " + openssl_error();
      }
    }
  }
  ERR_clear_error();
  return Pkey(key);
}

} // namespace pave::tmpl::sprig
