// Sprig's crypto.go except certificates (certs.cpp): bcrypt, htpasswd,
// genPrivateKey, derivePassword, encryptAES, decryptAES. bcrypt uses
// libxcrypt's crypt_rn ("$2a$", cost 10 like Go's DefaultCost), loaded at
// run time so pave needs no extra link dependency.
#include <dlfcn.h>

#include <cstring>
#include <mutex>

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/kdf.h>
#include <openssl/rand.h>

#include <pave/template/sprig/common.hpp>
#include <pave/template/sprig/keys.hpp>

namespace pave::tmpl::sprig {

namespace {

using CryptRn = char* (*)(const char*, const char*, void*, int);
using CryptGensaltRn = char* (*)(const char*, unsigned long, const char*, int, char*, int);

struct LibCrypt
{
  CryptRn crypt_rn = nullptr;
  CryptGensaltRn gensalt_rn = nullptr;
};

const LibCrypt& libcrypt()
{
  static LibCrypt lib = [] {
    LibCrypt l;
    void* h = dlopen("libcrypt.so.1", RTLD_NOW | RTLD_LOCAL);
    if (h != nullptr) {
      l.crypt_rn = reinterpret_cast<CryptRn>(dlsym(h, "crypt_rn"));
      l.gensalt_rn = reinterpret_cast<CryptGensaltRn>(dlsym(h, "crypt_gensalt_rn"));
    }
    return l;
  }();
  return lib;
}

/// bcrypt.GenerateFromPassword(input, 10); Sprig's message on failure.
std::string bcrypt_hash(std::string_view input)
{
  const LibCrypt& lib = libcrypt();
  if (lib.crypt_rn == nullptr || lib.gensalt_rn == nullptr) {
    return "failed to encrypt string with bcrypt: libcrypt.so.1 with bcrypt support is not available";
  }
  if (input.find('\0') != std::string_view::npos) {
    input = input.substr(0, input.find('\0'));
  }
  unsigned char random[16];
  RAND_bytes(random, sizeof random);
  char salt[64];
  if (lib.gensalt_rn("$2a$", 10, reinterpret_cast<const char*>(random), sizeof random, salt, sizeof salt) == nullptr) {
    return "failed to encrypt string with bcrypt: crypt_gensalt failed";
  }
  // struct crypt_data is 32768 bytes in libxcrypt.
  std::vector<char> data(32768 * 2, '\0');
  std::string password(input.substr(0, 72));
  char* out = lib.crypt_rn(password.c_str(), salt, data.data(), static_cast<int>(data.size()));
  if (out == nullptr || out[0] == '*') {
    return "failed to encrypt string with bcrypt: crypt failed";
  }
  return out;
}

struct CipherFree
{
  void operator()(EVP_CIPHER_CTX* c) const noexcept { EVP_CIPHER_CTX_free(c); }
};

std::string aes_cbc(std::string_view key, const unsigned char* iv, std::string_view in, bool encrypt)
{
  std::unique_ptr<EVP_CIPHER_CTX, CipherFree> ctx(EVP_CIPHER_CTX_new());
  std::string out(in.size() + 16, '\0');
  int n1 = 0;
  int n2 = 0;
  if (!ctx
      || EVP_CipherInit_ex(ctx.get(), EVP_aes_256_cbc(), nullptr, reinterpret_cast<const unsigned char*>(key.data()), iv,
                           encrypt ? 1 : 0)
           != 1
      || EVP_CIPHER_CTX_set_padding(ctx.get(), 0) != 1
      || EVP_CipherUpdate(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &n1,
                          reinterpret_cast<const unsigned char*>(in.data()), static_cast<int>(in.size()))
           != 1
      || EVP_CipherFinal_ex(ctx.get(), reinterpret_cast<unsigned char*>(out.data()) + n1, &n2) != 1) {
    fail("crypto/cipher: " + openssl_error());
  }
  out.resize(static_cast<std::size_t>(n1 + n2));
  return out;
}

std::string aes_key(std::string_view password)
{
  std::string key(32, '\0');
  std::memcpy(key.data(), password.data(), std::min<std::size_t>(32, password.size()));
  return key;
}

std::string encrypt_aes(std::string_view password, std::string_view plaintext)
{
  if (plaintext.empty()) {
    return "";
  }
  std::string content(plaintext);
  std::size_t padding = 16 - content.size() % 16;
  content.append(padding, static_cast<char>(padding));
  unsigned char iv[16];
  RAND_bytes(iv, sizeof iv);
  std::string out(reinterpret_cast<const char*>(iv), sizeof iv);
  out += aes_cbc(aes_key(password), iv, content, true);
  return base64_encode(out);
}

std::string decrypt_aes(std::string_view password, std::string_view crypt64)
{
  if (crypt64.empty()) {
    return "";
  }
  std::string crypt;
  std::string error;
  if (!base64_decode(crypt64, crypt, error)) {
    fail(error);
  }
  if (crypt.size() < 16) {
    fail("runtime error: slice bounds out of range [:16] with capacity " + std::to_string(crypt.size()));
  }
  std::string_view body = std::string_view(crypt).substr(16);
  if (body.size() % 16 != 0) {
    fail("crypto/cipher: input not full blocks");
  }
  std::string dec = aes_cbc(aes_key(password), reinterpret_cast<const unsigned char*>(crypt.data()), body, false);
  if (dec.empty()) {
    fail("runtime error: index out of range [-1]");
  }
  auto pad = static_cast<unsigned char>(dec.back());
  if (pad > dec.size()) {
    fail("runtime error: slice bounds out of range [:" + std::to_string(static_cast<long>(dec.size()) - pad) + "]");
  }
  dec.resize(dec.size() - pad);
  return dec;
}

/// Sprig's derivePassword (Master Password algorithm).
std::string derive_password(std::uint32_t counter, std::string_view type, std::string_view password,
                            std::string_view user, std::string_view site)
{
  struct Template
  {
    const char* name;
    std::vector<const char*> templates;
  };
  static const Template k_templates[] = {
    {"maximum", {"anoxxxxxxxxxxxxxxxxx", "axxxxxxxxxxxxxxxxxno"}},
    {"long",
     {"CvcvnoCvcvCvcv", "CvcvCvcvnoCvcv", "CvcvCvcvCvcvno", "CvccnoCvcvCvcv", "CvccCvcvnoCvcv", "CvccCvcvCvcvno",
      "CvcvnoCvccCvcv", "CvcvCvccnoCvcv", "CvcvCvccCvcvno", "CvcvnoCvcvCvcc", "CvcvCvcvnoCvcc", "CvcvCvcvCvccno",
      "CvccnoCvccCvcv", "CvccCvccnoCvcv", "CvccCvccCvcvno", "CvcvnoCvccCvcc", "CvcvCvccnoCvcc", "CvcvCvccCvccno",
      "CvccnoCvcvCvcc", "CvccCvcvnoCvcc", "CvccCvcvCvccno"}},
    {"medium", {"CvcnoCvc", "CvcCvcno"}},
    {"short", {"Cvcn"}},
    {"basic", {"aaanaaan", "aannaaan", "aaannaaa"}},
    {"pin", {"nnnn"}},
  };
  const std::vector<const char*>* templates = nullptr;
  for (const auto& t : k_templates) {
    if (type == t.name) {
      templates = &t.templates;
    }
  }
  if (templates == nullptr) {
    return "cannot find password template " + std::string(type);
  }
  auto chars = [](char c) -> std::string_view {
    switch (c) {
    case 'V': return "AEIOU";
    case 'C': return "BCDFGHJKLMNPQRSTVWXYZ";
    case 'v': return "aeiou";
    case 'c': return "bcdfghjklmnpqrstvwxyz";
    case 'A': return "AEIOUBCDFGHJKLMNPQRSTVWXYZ";
    case 'a': return "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz";
    case 'n': return "0123456789";
    case 'o': return "@&%?,=[]_:-+*$#!'^~;()/.";
    case 'x': return "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()";
    default: return "";
    }
  };
  auto be32 = [](std::string& b, std::uint32_t v) {
    for (int s = 24; s >= 0; s -= 8) {
      b.push_back(static_cast<char>((v >> s) & 0xFF));
    }
  };
  const std::string seed_prefix = "com.lyndir.masterpassword";
  std::string salt = seed_prefix;
  be32(salt, static_cast<std::uint32_t>(user.size()));
  salt += user;
  unsigned char key[64];
  if (EVP_PBE_scrypt(password.data(), password.size(), reinterpret_cast<const unsigned char*>(salt.data()), salt.size(),
                     32768, 8, 2, 64 * 1024 * 1024, key, sizeof key)
      != 1) {
    return "failed to derive password: " + openssl_error();
  }
  std::string msg = seed_prefix;
  be32(msg, static_cast<std::uint32_t>(site.size()));
  msg += site;
  be32(msg, counter);
  unsigned char seed[EVP_MAX_MD_SIZE];
  unsigned int seed_len = 0;
  HMAC(EVP_sha256(), key, sizeof key, reinterpret_cast<const unsigned char*>(msg.data()), msg.size(), seed, &seed_len);
  std::string_view temp = (*templates)[seed[0] % templates->size()];
  std::string out;
  for (std::size_t i = 0; i < temp.size(); ++i) {
    std::string_view pass_chars = chars(temp[i]);
    out.push_back(pass_chars[seed[i + 1] % pass_chars.size()]);
  }
  return out;
}

} // namespace

void add_crypto_functions(FunctionTable& t)
{
  def(t, "bcrypt", {{P::string}}, [](CallContext&, Args a) { return Value(bcrypt_hash(arg_string(a[0]))); });
  def(t, "htpasswd", {{P::string, P::string}}, [](CallContext&, Args a) {
    std::string_view user = arg_string(a[0]);
    if (user.find(':') != std::string_view::npos) {
      return Value("invalid username: " + std::string(user));
    }
    return Value(std::string(user) + ":" + bcrypt_hash(arg_string(a[1])));
  });
  def(t, "genPrivateKey", {{P::string}}, [](CallContext&, Args a) {
    std::string_view type = arg_string(a[0]);
    if (type.empty()) {
      type = "rsa";
    }
    if (type != "rsa" && type != "dsa" && type != "ecdsa" && type != "ed25519") {
      return Value("Unknown type " + std::string(type));
    }
    Pkey key = generate_key(type, 4096);
    return Value(key_to_pem(key.get()));
  });
  def(t, "derivePassword", {{P::int_, P::string, P::string, P::string, P::string}}, [](CallContext&, Args a) {
    return Value(derive_password(static_cast<std::uint32_t>(arg_int(a[0])), arg_string(a[1]), arg_string(a[2]),
                                 arg_string(a[3]), arg_string(a[4])));
  });
  def(t, "encryptAES", {{P::string, P::string}, false, true},
      [](CallContext&, Args a) { return Value(encrypt_aes(arg_string(a[0]), arg_string(a[1]))); });
  def(t, "decryptAES", {{P::string, P::string}, false, true},
      [](CallContext&, Args a) { return Value(decrypt_aes(arg_string(a[0]), arg_string(a[1]))); });
}

} // namespace pave::tmpl::sprig
