// Sprig's encodings and checksums: b64enc/b64dec, b32enc/b32dec (Go's
// encoding/base64 and base32 StdEncoding, decode errors returned as text
// like Sprig does), sha1sum, sha256sum, adler32sum.
#include <openssl/sha.h>

#include <pave/template/sprig/common.hpp>
#include <pave/util/base64.hpp>

namespace pave::tmpl::sprig {

namespace {

constexpr char k_b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr char k_b32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

int b64value(unsigned char c)
{
  const char* p = c == 0 ? nullptr : std::char_traits<char>::find(k_b64, 64, static_cast<char>(c));
  return p == nullptr ? -1 : static_cast<int>(p - k_b64);
}

std::string corrupt(const char* what, std::size_t pos)
{
  return std::string("illegal ") + what + " data at input byte " + std::to_string(pos);
}

/// base64.StdEncoding.DecodeString; on error the error text.
bool b64decode(std::string_view src, std::string& out, std::string& error)
{
  std::size_t si = 0;
  while (si < src.size()) {
    int dbuf[4] = {0, 0, 0, 0};
    int dlen = 4;
    bool done = false;
    for (int j = 0; j < 4; ++j) {
      if (src.size() == si) {
        if (j == 0) {
          return true;
        }
        error = corrupt("base64", si - static_cast<std::size_t>(j));
        return false;
      }
      auto in = static_cast<unsigned char>(src[si]);
      ++si;
      int v = b64value(in);
      if (v >= 0) {
        dbuf[j] = v;
        continue;
      }
      if (in == '\n' || in == '\r') {
        --j;
        continue;
      }
      if (in != '=') {
        error = corrupt("base64", si - 1);
        return false;
      }
      if (j == 0 || j == 1) {
        error = corrupt("base64", si - 1);
        return false;
      }
      if (j == 2) {
        while (si < src.size() && (src[si] == '\n' || src[si] == '\r')) {
          ++si;
        }
        if (si == src.size()) {
          error = corrupt("base64", src.size());
          return false;
        }
        if (src[si] != '=') {
          error = corrupt("base64", si - 1);
          return false;
        }
        ++si;
      }
      while (si < src.size() && (src[si] == '\n' || src[si] == '\r')) {
        ++si;
      }
      dlen = j;
      done = true;
      break;
    }
    auto val = (static_cast<std::uint32_t>(dbuf[0]) << 18) | (static_cast<std::uint32_t>(dbuf[1]) << 12)
               | (static_cast<std::uint32_t>(dbuf[2]) << 6) | static_cast<std::uint32_t>(dbuf[3]);
    char bytes[3] = {static_cast<char>(val >> 16), static_cast<char>(val >> 8), static_cast<char>(val)};
    out.append(bytes, static_cast<std::size_t>(dlen - 1));
    if (done) {
      if (si < src.size()) {
        error = corrupt("base64", si);
        return false;
      }
      return true;
    }
  }
  return true;
}

std::string b32encode(std::string_view in)
{
  std::string out;
  for (std::size_t i = 0; i < in.size(); i += 5) {
    unsigned char b[5] = {0, 0, 0, 0, 0};
    std::size_t n = std::min<std::size_t>(5, in.size() - i);
    for (std::size_t k = 0; k < n; ++k) {
      b[k] = static_cast<unsigned char>(in[i + k]);
    }
    int idx[8] = {b[0] >> 3,
                  ((b[0] & 7) << 2) | (b[1] >> 6),
                  (b[1] >> 1) & 31,
                  ((b[1] & 1) << 4) | (b[2] >> 4),
                  ((b[2] & 15) << 1) | (b[3] >> 7),
                  (b[3] >> 2) & 31,
                  ((b[3] & 3) << 3) | (b[4] >> 5),
                  b[4] & 31};
    static constexpr int k_chars[] = {0, 2, 4, 5, 7, 8};
    int chars = k_chars[n];
    for (int k = 0; k < 8; ++k) {
      out += k < chars ? k_b32[idx[k]] : '=';
    }
  }
  return out;
}

/// base32.StdEncoding.DecodeString.
bool b32decode(std::string_view s, std::string& out, std::string& error)
{
  std::string src;
  for (char c : s) {
    if (c != '\n' && c != '\r') {
      src.push_back(c);
    }
  }
  const std::size_t olen = src.size();
  std::size_t pos = 0;
  bool end = false;
  while (pos < src.size() && !end) {
    unsigned char dbuf[8] = {};
    int dlen = 8;
    for (int j = 0; j < 8;) {
      std::size_t left = src.size() - pos;
      if (left == 0) {
        error = corrupt("base32", olen - left - static_cast<std::size_t>(j));
        return false;
      }
      char in = src[pos++];
      left = src.size() - pos;
      if (in == '=' && j >= 2 && left < 8) {
        if (left + static_cast<std::size_t>(j) < 7) {
          error = corrupt("base32", olen);
          return false;
        }
        for (int k = 0; k < 7 - j; ++k) {
          if (left > static_cast<std::size_t>(k) && src[pos + static_cast<std::size_t>(k)] != '=') {
            error = corrupt("base32", olen - left + static_cast<std::size_t>(k) - 1);
            return false;
          }
        }
        dlen = j;
        end = true;
        if (dlen == 1 || dlen == 3 || dlen == 6) {
          error = corrupt("base32", olen - left - 1);
          return false;
        }
        break;
      }
      const char* p = std::char_traits<char>::find(k_b32, 32, in);
      if (p == nullptr || in == '\0') {
        error = corrupt("base32", olen - left - 1);
        return false;
      }
      dbuf[j] = static_cast<unsigned char>(p - k_b32);
      ++j;
    }
    unsigned char o[5] = {static_cast<unsigned char>(dbuf[0] << 3 | dbuf[1] >> 2),
                          static_cast<unsigned char>(dbuf[1] << 6 | dbuf[2] << 1 | dbuf[3] >> 4),
                          static_cast<unsigned char>(dbuf[3] << 4 | dbuf[4] >> 1),
                          static_cast<unsigned char>(dbuf[4] << 7 | dbuf[5] << 2 | dbuf[6] >> 3),
                          static_cast<unsigned char>(dbuf[6] << 5 | dbuf[7])};
    int n = dlen == 8 ? 5 : dlen == 7 ? 4 : dlen == 5 ? 3 : dlen == 4 ? 2 : dlen == 2 ? 1 : 0;
    out.append(reinterpret_cast<const char*>(o), static_cast<std::size_t>(n));
  }
  return true;
}

std::string hex(const unsigned char* p, std::size_t n)
{
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(n * 2);
  for (std::size_t i = 0; i < n; ++i) {
    out += k_hex[p[i] >> 4];
    out += k_hex[p[i] & 15];
  }
  return out;
}

std::uint32_t adler32(std::string_view s)
{
  std::uint32_t a = 1;
  std::uint32_t b = 0;
  for (char c : s) {
    a = (a + static_cast<unsigned char>(c)) % 65521;
    b = (b + a) % 65521;
  }
  return (b << 16) | a;
}

} // namespace

std::string base64_encode(std::string_view data)
{
  return util::base64_encode(data);
}

bool base64_decode(std::string_view text, std::string& out, std::string& error)
{
  return b64decode(text, out, error);
}

void add_encoding_functions(FunctionTable& t)
{
  def(t, "b64enc", {{P::string}}, [](CallContext&, Args a) { return Value(util::base64_encode(arg_string(a[0]))); });
  def(t, "b64dec", {{P::string}}, [](CallContext&, Args a) {
    std::string out;
    std::string error;
    return Value(b64decode(arg_string(a[0]), out, error) ? out : error);
  });
  def(t, "b32enc", {{P::string}}, [](CallContext&, Args a) { return Value(b32encode(arg_string(a[0]))); });
  def(t, "b32dec", {{P::string}}, [](CallContext&, Args a) {
    std::string out;
    std::string error;
    return Value(b32decode(arg_string(a[0]), out, error) ? out : error);
  });
  def(t, "sha1sum", {{P::string}}, [](CallContext&, Args a) {
    std::string_view s = arg_string(a[0]);
    unsigned char md[SHA_DIGEST_LENGTH];
    SHA1(reinterpret_cast<const unsigned char*>(s.data()), s.size(), md);
    return Value(hex(md, sizeof md));
  });
  def(t, "sha256sum", {{P::string}}, [](CallContext&, Args a) {
    std::string_view s = arg_string(a[0]);
    unsigned char md[SHA256_DIGEST_LENGTH];
    SHA256(reinterpret_cast<const unsigned char*>(s.data()), s.size(), md);
    return Value(hex(md, sizeof md));
  });
  def(t, "adler32sum", {{P::string}},
      [](CallContext&, Args a) { return Value(std::to_string(adler32(arg_string(a[0])))); });
}

} // namespace pave::tmpl::sprig
