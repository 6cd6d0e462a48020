// Sprig's certificate functions (crypto.go): genCA, genCAWithKey,
// genSelfSignedCert(WithKey), genSignedCert(WithKey), buildCustomCert. They
// build X.509 v3 certificates with OpenSSL the way Go's x509.CreateCertificate
// does for Sprig's template: random 128-bit serial, CN-only subject, critical
// key usage and basic constraints, server+client auth, SANs, SHA-256
// signatures, and subject/authority key ids for CAs.
#include <arpa/inet.h>

#include <cstring>
#include <ctime>

#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <pave/template/sprig/common.hpp>
#include <pave/template/sprig/keys.hpp>

namespace pave::tmpl::sprig {

namespace {

struct X509Free
{
  void operator()(X509* x) const noexcept { X509_free(x); }
};
using Cert = std::unique_ptr<X509, X509Free>;

/// sprig.certificate {Cert, Key string}.
class CertificateObject : public Object
{
public:
  CertificateObject(std::string cert, std::string key) : m_cert(std::move(cert)), m_key(std::move(key)) {}
  std::string type_name() const override { return "sprig.certificate"; }
  std::string format() const override { return "{" + m_cert + " " + m_key + "}"; }
  Value to_data() const override { return Value::map({{"Cert", Value(m_cert)}, {"Key", Value(m_key)}}); }
  std::optional<Value> member(std::string_view name, std::span<const Value>) const override
  {
    if (name == "Cert") {
      return Value(m_cert);
    }
    if (name == "Key") {
      return Value(m_key);
    }
    return std::nullopt;
  }
  const std::string& cert() const { return m_cert; }
  const std::string& key() const { return m_key; }

private:
  std::string m_cert;
  std::string m_key;
};

Value make_certificate(std::string cert, std::string key)
{
  return Value::object(std::make_shared<CertificateObject>(std::move(cert), std::move(key)));
}

const CertificateObject& arg_certificate(const Value& v)
{
  if (v.is_object()) {
    if (const auto* c = dynamic_cast<const CertificateObject*>(&v.as_object())) {
      return *c;
    }
  }
  fail("wrong type for value; expected sprig.certificate; got " + v.type_name());
}

struct Template
{
  std::string cn;
  std::vector<std::string> ip_bytes; ///< raw 4- or 16-byte addresses
  std::vector<std::string> dns;
  std::int64_t days = 0;
  bool is_ca = false;
};

/// getNetIPs + getAlternateDNSStrs + getBaseCertTemplate's checks.
Template base_template(std::string_view cn, const Value& ips, const Value& dns, std::int64_t days)
{
  Template t;
  t.cn = std::string(cn);
  t.days = days;
  if (const ListItems* l = arg_list(ips)) {
    for (const auto& ip : *l) {
      if (!ip.is_string()) {
        fail("error parsing ip: " + strval(ip) + " is not a string");
      }
      unsigned char buf[16];
      if (inet_pton(AF_INET, ip.as_string().c_str(), buf) == 1) {
        t.ip_bytes.emplace_back(reinterpret_cast<const char*>(buf), 4);
      } else if (inet_pton(AF_INET6, ip.as_string().c_str(), buf) == 1) {
        // IPv4-mapped IPv6 addresses are written as 4 bytes, like Go's To4().
        static const unsigned char k_mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF};
        if (std::memcmp(buf, k_mapped, 12) == 0) {
          t.ip_bytes.emplace_back(reinterpret_cast<const char*>(buf + 12), 4);
        } else {
          t.ip_bytes.emplace_back(reinterpret_cast<const char*>(buf), 16);
        }
      } else {
        fail("error parsing ip: " + ip.as_string());
      }
    }
  }
  if (const ListItems* l = arg_list(dns)) {
    for (const auto& d : *l) {
      if (!d.is_string()) {
        fail("error processing alternate dns name: " + strval(d) + " is not a string");
      }
      t.dns.push_back(d.as_string());
    }
  }
  return t;
}

void check(int ok, const char* what)
{
  if (ok <= 0) {
    fail(std::string("error creating certificate: ") + what + ": " + openssl_error());
  }
}

void add_ext(X509* cert, X509* issuer, int nid, const char* value)
{
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  if (ext == nullptr) {
    fail(std::string("error creating certificate: extension: ") + openssl_error());
  }
  X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
}

bool is_supported(EVP_PKEY* key)
{
  int id = EVP_PKEY_get_base_id(key);
  return id == EVP_PKEY_RSA || id == EVP_PKEY_EC || id == EVP_PKEY_ED25519;
}

std::string cert_to_pem(X509* cert)
{
  BIO* b = BIO_new(BIO_s_mem());
  PEM_write_bio_X509(b, cert);
  char* data = nullptr;
  long n = BIO_get_mem_data(b, &data);
  std::string out(data, static_cast<std::size_t>(n));
  BIO_free(b);
  return out;
}

/// getCertAndKey: signs `t` for `key`, by `parent` (nullptr = self-signed) with `signer`.
Value cert_and_key(const Template& t, EVP_PKEY* key, X509* parent, EVP_PKEY* signer)
{
  if (!is_supported(signer)) {
    fail("error creating certificate: x509: certificate private key does not implement crypto.Signer");
  }
  if (!is_supported(key)) {
    fail("error creating certificate: x509: unsupported public key type: *dsa.PublicKey");
  }
  Cert cert(X509_new());
  check(X509_set_version(cert.get(), 2), "version");
  // Serial: random in [0, 2^128).
  unsigned char serial[16];
  RAND_bytes(serial, sizeof serial);
  BIGNUM* bn = BN_bin2bn(serial, sizeof serial, nullptr);
  ASN1_INTEGER* sn = BN_to_ASN1_INTEGER(bn, nullptr);
  X509_set_serialNumber(cert.get(), sn);
  ASN1_INTEGER_free(sn);
  BN_free(bn);
  X509_NAME* name = X509_get_subject_name(cert.get());
  if (!t.cn.empty()) {
    check(X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(t.cn.c_str()),
                                     -1, -1, 0),
          "subject");
  }
  X509* issuer = parent != nullptr ? parent : cert.get();
  check(X509_set_issuer_name(cert.get(), X509_get_subject_name(issuer)), "issuer");
  std::time_t now = std::time(nullptr);
  X509_time_adj_ex(X509_getm_notBefore(cert.get()), 0, 0, &now);
  X509_time_adj_ex(X509_getm_notAfter(cert.get()), 0, static_cast<long>(t.days * 24 * 3600), &now);
  check(X509_set_pubkey(cert.get(), key), "public key");
  add_ext(cert.get(), issuer, NID_key_usage,
          t.is_ca ? "critical,digitalSignature,keyEncipherment,keyCertSign" : "critical,digitalSignature,keyEncipherment");
  add_ext(cert.get(), issuer, NID_ext_key_usage, "serverAuth,clientAuth");
  add_ext(cert.get(), issuer, NID_basic_constraints, t.is_ca ? "critical,CA:TRUE" : "critical,CA:FALSE");
  if (t.is_ca) {
    add_ext(cert.get(), issuer, NID_subject_key_identifier, "hash");
  }
  if (parent != nullptr && X509_get0_subject_key_id(parent) != nullptr
      && X509_NAME_cmp(X509_get_subject_name(parent), X509_get_subject_name(cert.get())) != 0) {
    add_ext(cert.get(), issuer, NID_authority_key_identifier, "keyid:always");
  }
  if (!t.dns.empty() || !t.ip_bytes.empty()) {
    GENERAL_NAMES* names = sk_GENERAL_NAME_new_null();
    for (const auto& d : t.dns) {
      GENERAL_NAME* g = GENERAL_NAME_new();
      ASN1_IA5STRING* s = ASN1_IA5STRING_new();
      ASN1_STRING_set(s, d.data(), static_cast<int>(d.size()));
      GENERAL_NAME_set0_value(g, GEN_DNS, s);
      sk_GENERAL_NAME_push(names, g);
    }
    for (const auto& ip : t.ip_bytes) {
      GENERAL_NAME* g = GENERAL_NAME_new();
      ASN1_OCTET_STRING* s = ASN1_OCTET_STRING_new();
      ASN1_OCTET_STRING_set(s, reinterpret_cast<const unsigned char*>(ip.data()), static_cast<int>(ip.size()));
      GENERAL_NAME_set0_value(g, GEN_IPADD, s);
      sk_GENERAL_NAME_push(names, g);
    }
    X509_add1_ext_i2d(cert.get(), NID_subject_alt_name, names, 0, X509V3_ADD_DEFAULT);
    sk_GENERAL_NAME_pop_free(names, GENERAL_NAME_free);
  }
  const EVP_MD* md = EVP_PKEY_get_base_id(signer) == EVP_PKEY_ED25519 ? nullptr : EVP_sha256();
  if (X509_sign(cert.get(), signer, md) <= 0) {
    fail("error creating certificate: " + openssl_error());
  }
  return make_certificate(cert_to_pem(cert.get()), key_to_pem(key));
}

Pkey key_from_pem(std::string_view pem)
{
  std::string error;
  Pkey key = parse_private_key_pem(pem, error);
  if (!key) {
    fail("parsing private key: " + error);
  }
  return key;
}

Cert parse_cert_pem(std::string_view pem, const char* what)
{
  BIO* b = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  char* name = nullptr;
  char* header = nullptr;
  unsigned char* data = nullptr;
  long len = 0;
  int ok = PEM_read_bio(b, &name, &header, &data, &len);
  BIO_free(b);
  if (ok != 1) {
    ERR_clear_error();
    fail("unable to decode certificate");
  }
  const unsigned char* p = data;
  X509* cert = d2i_X509(nullptr, &p, len);
  OPENSSL_free(name);
  OPENSSL_free(header);
  OPENSSL_free(data);
  if (cert == nullptr) {
    fail(std::string("error parsing certificate: ") + what + ": x509: malformed certificate");
  }
  ERR_clear_error();
  return Cert(cert);
}

Value self_signed(Args a, Pkey key)
{
  Template t = base_template(arg_string(a[0]), a[1], a[2], arg_int(a[3]));
  return cert_and_key(t, key.get(), nullptr, key.get());
}

Value signed_cert(Args a, Pkey key)
{
  const auto& ca = arg_certificate(a[4]);
  Cert signer_cert = parse_cert_pem(ca.cert(), "decodedSignerCert.Bytes");
  std::string error;
  Pkey signer_key = parse_private_key_pem(ca.key(), error);
  if (!signer_key) {
    fail("error parsing private key: " + error);
  }
  Template t = base_template(arg_string(a[0]), a[1], a[2], arg_int(a[3]));
  return cert_and_key(t, key.get(), signer_cert.get(), signer_key.get());
}

Value ca_cert(Args a, Pkey key)
{
  Template t = base_template(arg_string(a[0]), Value(), Value(), arg_int(a[1]));
  t.is_ca = true;
  return cert_and_key(t, key.get(), nullptr, key.get());
}

} // namespace

void add_cert_functions(FunctionTable& t)
{
  def(t, "genCA", {{P::string, P::int_}, false, true},
      [](CallContext&, Args a) { return ca_cert(a, generate_key("rsa", 2048)); });
  def(t, "genCAWithKey", {{P::string, P::int_, P::string}, false, true},
      [](CallContext&, Args a) { return ca_cert(a, key_from_pem(arg_string(a[2]))); });
  def(t, "genSelfSignedCert", {{P::string, P::list, P::list, P::int_}, false, true},
      [](CallContext&, Args a) { return self_signed(a, generate_key("rsa", 2048)); });
  def(t, "genSelfSignedCertWithKey", {{P::string, P::list, P::list, P::int_, P::string}, false, true},
      [](CallContext&, Args a) { return self_signed(a, key_from_pem(arg_string(a[4]))); });
  def(t, "genSignedCert", {{P::string, P::list, P::list, P::int_, P::any}, false, true},
      [](CallContext&, Args a) { return signed_cert(a, generate_key("rsa", 2048)); });
  def(t, "genSignedCertWithKey", {{P::string, P::list, P::list, P::int_, P::any, P::string}, false, true},
      [](CallContext&, Args a) { return signed_cert(a, key_from_pem(arg_string(a[5]))); });
  def(t, "buildCustomCert", {{P::string, P::string}, false, true}, [](CallContext&, Args a) {
    std::string cert;
    std::string key;
    std::string error;
    if (!base64_decode(arg_string(a[0]), cert, error)) {
      fail("unable to decode base64 certificate");
    }
    if (!base64_decode(arg_string(a[1]), key, error)) {
      fail("unable to decode base64 private key");
    }
    parse_cert_pem(cert, "decodedCert.Bytes");
    if (!parse_private_key_pem(key, error)) {
      fail("error parsing private key: " + error);
    }
    return make_certificate(std::move(cert), std::move(key));
  });
}

} // namespace pave::tmpl::sprig
