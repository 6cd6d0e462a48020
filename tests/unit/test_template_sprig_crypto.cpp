// Sprig crypto functions. Random outputs are checked for their properties
// (PEM block types, X.509 fields verified with OpenSSL, bcrypt format);
// deterministic ones and error texts come from the oracle.
#include <doctest/doctest.h>

#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "sprig_test.hpp"

using pave::tmpl::Value;
using pave::test::sprig_call;
using pave::test::sprig_err;
using pave::test::sprig_tv;

namespace {

X509* read_cert(const std::string& pem)
{
  BIO* b = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  X509* x = PEM_read_bio_X509(b, nullptr, nullptr, nullptr);
  BIO_free(b);
  return x;
}

EVP_PKEY* read_key(const std::string& pem)
{
  BIO* b = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  EVP_PKEY* k = PEM_read_bio_PrivateKey(b, nullptr, nullptr, nullptr);
  BIO_free(b);
  return k;
}

std::string field(const Value& cert, const char* name)
{
  auto v = cert.as_object().member(name, {});
  REQUIRE(v.has_value());
  return v->as_string();
}

std::string subject_cn(X509* x)
{
  char buf[256] = {};
  X509_NAME_get_text_by_NID(X509_get_subject_name(x), NID_commonName, buf, sizeof buf);
  return buf;
}

} // namespace

TEST_CASE("sprig::certificates")
{
  Value ca = sprig_call("genCA", {Value("my-ca"), Value(365)});
  CHECK(ca.type_name() == "sprig.certificate");
  std::string ca_cert = field(ca, "Cert");
  std::string ca_key = field(ca, "Key");
  CHECK(ca_cert.starts_with("-----BEGIN CERTIFICATE-----\n"));
  CHECK(ca_key.starts_with("-----BEGIN RSA PRIVATE KEY-----\n"));
  X509* cax = read_cert(ca_cert);
  REQUIRE(cax != nullptr);
  CHECK(subject_cn(cax) == "my-ca");
  CHECK(X509_check_ca(cax) == 1);
  CHECK(X509_get0_subject_key_id(cax) != nullptr);

  Value leaf = sprig_call("genSignedCert", {Value("svc"), Value::list({Value("10.0.0.1"), Value("::1")}),
                                            Value::list({Value("svc.local")}), Value(30), ca});
  X509* x = read_cert(field(leaf, "Cert"));
  REQUIRE(x != nullptr);
  CHECK(subject_cn(x) == "svc");
  CHECK(X509_check_ca(x) == 0);
  EVP_PKEY* ca_pub = X509_get0_pubkey(cax);
  CHECK(X509_verify(x, ca_pub) == 1);
  CHECK(X509_check_host(x, "svc.local", 0, 0, nullptr) == 1);
  CHECK(X509_check_ip_asc(x, "10.0.0.1", 0) == 1);
  CHECK(X509_check_ip_asc(x, "::1", 0) == 1);
  CHECK(X509_get_extended_key_usage(x) == (XKU_SSL_SERVER | XKU_SSL_CLIENT));
  CHECK(X509_get_key_usage(x) == (KU_DIGITAL_SIGNATURE | KU_KEY_ENCIPHERMENT));
  EVP_PKEY* leaf_key = read_key(field(leaf, "Key"));
  REQUIRE(leaf_key != nullptr);
  CHECK(X509_check_private_key(x, leaf_key) == 1);
  EVP_PKEY_free(leaf_key);
  X509_free(x);
  X509_free(cax);

  SUBCASE("with keys")
  {
    std::string ec = sprig_call("genPrivateKey", {Value("ecdsa")}).as_string();
    CHECK(ec.starts_with("-----BEGIN EC PRIVATE KEY-----\n"));
    Value self = sprig_call("genSelfSignedCertWithKey", {Value("me"), Value(), Value(), Value(10), Value(ec)});
    X509* sx = read_cert(field(self, "Cert"));
    REQUIRE(sx != nullptr);
    CHECK(X509_verify(sx, X509_get0_pubkey(sx)) == 1);
    CHECK(field(self, "Key") == ec);
    X509_free(sx);
    std::string ed = sprig_call("genPrivateKey", {Value("ed25519")}).as_string();
    CHECK(ed.starts_with("-----BEGIN PRIVATE KEY-----\n"));
    Value edca = sprig_call("genCAWithKey", {Value("ed"), Value(1), Value(ed)});
    CHECK(field(edca, "Key") == ed);
    Value custom = sprig_call("buildCustomCert", {sprig_call("b64enc", {Value(field(edca, "Cert"))}),
                                                  sprig_call("b64enc", {Value(ed)})});
    CHECK(field(custom, "Cert") == field(edca, "Cert"));
  }
  SUBCASE("errors") // texts from the oracle
  {
    CHECK(sprig_err("genSelfSignedCert", {Value("x"), Value::list({Value(1)}), Value(), Value(1)})
          == "error parsing ip: 1 is not a string");
    CHECK(sprig_err("genSelfSignedCert", {Value("x"), Value::list({Value("1.2.3")}), Value(), Value(1)})
          == "error parsing ip: 1.2.3");
    CHECK(sprig_err("genSelfSignedCert", {Value("x"), Value(), Value::list({Value(5)}), Value(1)})
          == "error processing alternate dns name: 5 is not a string");
    CHECK(sprig_err("genCAWithKey", {Value("x"), Value(1), Value("nope")}) == "parsing private key: no PEM data in input");
    CHECK(sprig_err("buildCustomCert", {Value("!!"), Value("x")}) == "unable to decode base64 certificate");
    CHECK(sprig_err("buildCustomCert", {Value("eA=="), Value("!")}) == "unable to decode base64 private key");
    CHECK(sprig_err("buildCustomCert", {Value("eA=="), Value("eA==")}) == "unable to decode certificate");
    CHECK(sprig_tv("genPrivateKey", {Value("foo")}) == "string|Unknown type foo");
  }
}

TEST_CASE("sprig::crypto")
{
  SUBCASE("derivePassword") // oracle
  {
    CHECK(sprig_tv("derivePassword", {Value(1), Value("long"), Value("password"), Value("user"), Value("example.com")})
          == "string|ZedaFaxcZaso9*");
    CHECK(sprig_tv("derivePassword", {Value(3), Value("pin"), Value("pw"), Value("u"), Value("s")}) == "string|7979");
    CHECK(sprig_tv("derivePassword", {Value(1), Value("maximum"), Value("p"), Value(""), Value("")})
          == "string|D7'lMIekJ)MIlqfYbb#X");
    CHECK(sprig_tv("derivePassword", {Value(1), Value("nope"), Value("p"), Value("u"), Value("s")})
          == "string|cannot find password template nope");
  }
  SUBCASE("AES")
  {
    // Ciphertext made by the oracle: {{ encryptAES "secretkey" "hello world, this is pave" }}
    CHECK(sprig_tv("decryptAES", {Value("secretkey"), Value("O8L1cnmT6PIAZiWNrIOyLzI5sJgV979NBsXJYL7Do9A9kifiEaUmyVwvb4HE8R2w")})
          == "string|hello world, this is pave");
    Value enc = sprig_call("encryptAES", {Value("k"), Value("round trip")});
    CHECK(sprig_tv("decryptAES", {Value("k"), enc}) == "string|round trip");
    CHECK(sprig_tv("encryptAES", {Value("k"), Value("")}) == "string|");
    CHECK(sprig_tv("decryptAES", {Value("k"), Value("")}) == "string|");
    CHECK(sprig_err("decryptAES", {Value("k"), Value("abc")}) == "illegal base64 data at input byte 0");
    CHECK(sprig_err("decryptAES", {Value("k"), Value("YWJj")}) == "runtime error: slice bounds out of range [:16] with capacity 3");
    CHECK(sprig_err("decryptAES", {Value("k"), Value("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWYx")})
          == "crypto/cipher: input not full blocks");
  }
  SUBCASE("bcrypt")
  {
    std::string h = sprig_call("bcrypt", {Value("secret")}).as_string();
    CHECK(h.starts_with("$2a$10$"));
    CHECK(h.size() == 60);
    std::string ht = sprig_call("htpasswd", {Value("user"), Value("pw")}).as_string();
    CHECK(ht.starts_with("user:$2a$10$"));
    CHECK(sprig_tv("htpasswd", {Value("a:b"), Value("x")}) == "string|invalid username: a:b");
  }
  SUBCASE("random")
  {
    std::string s = sprig_call("randAlphaNum", {Value(20)}).as_string();
    CHECK(s.size() == 20);
    CHECK(s.find_first_not_of("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") == std::string::npos);
    CHECK(sprig_call("randNumeric", {Value(8)}).as_string().find_first_not_of("0123456789") == std::string::npos);
    CHECK(sprig_call("randAlpha", {Value(8)}).as_string().size() == 8);
    CHECK(sprig_call("randAscii", {Value(8)}).as_string().size() == 8);
    CHECK(sprig_tv("randAlphaNum", {Value(0)}) == "string|");
    CHECK(sprig_tv("randAlphaNum", {Value(-1)}) == "string|");
    std::int64_t r = sprig_call("randInt", {Value(5), Value(7)}).as_int();
    CHECK((r >= 5 && r < 7));
    CHECK(sprig_err("randInt", {Value(5), Value(5)}) == "invalid argument to Intn");
    std::string u = sprig_call("uuidv4", {}).as_string();
    CHECK(u.size() == 36);
    CHECK(u[14] == '4');
    std::string sh = sprig_call("shuffle", {Value("abcé")}).as_string();
    CHECK(sh.size() == 5);
    CHECK(sh.find("\xc3\xa9") != std::string::npos);
    std::string rb = sprig_call("randBytes", {Value(12)}).as_string();
    CHECK(rb.size() == 16);
    CHECK(sprig_err("randBytes", {Value(-1)}) == "runtime error: makeslice: len out of range");
  }
  SUBCASE("getHostByName")
  {
    std::string ip = sprig_call("getHostByName", {Value("localhost")}).as_string();
    CHECK((ip == "127.0.0.1" || ip == "::1"));
  }
}
