// Sprig's random functions: randAlphaNum, randAlpha, randAscii, randNumeric
// (goutils.CryptoRandom* character sets), randInt, shuffle, uuidv4, randBytes.
// Randomness comes from OpenSSL's CSPRNG.
#include <cstdio>

#include <openssl/rand.h>

#include <pave/template/sprig/common.hpp>
#include <pave/template/sprig/strings_util.hpp>

namespace pave::tmpl::sprig {

namespace {

void random_bytes(unsigned char* p, std::size_t n)
{
  if (n > 0 && RAND_bytes(p, static_cast<int>(n)) != 1) {
    fail("crypto/rand: failed to read random data");
  }
}

/// A uniform random integer in [0, n), n > 0.
std::uint64_t random_below(std::uint64_t n)
{
  const std::uint64_t limit = UINT64_MAX - UINT64_MAX % n;
  while (true) {
    std::uint64_t x = 0;
    random_bytes(reinterpret_cast<unsigned char*>(&x), sizeof x);
    if (x < limit) {
      return x % n;
    }
  }
}

/// goutils.CryptoRandom over ASCII sets: `count` characters from `alphabet`; "" for count <= 0.
std::string random_string(const CallContext& ctx, std::int64_t count, std::string_view alphabet)
{
  std::string out;
  if (count <= 0) {
    return out;
  }
  check_result_size(ctx, static_cast<long double>(count));
  out.reserve(static_cast<std::size_t>(count));
  for (std::int64_t i = 0; i < count; ++i) {
    out.push_back(alphabet[random_bytes_index(alphabet.size())]);
  }
  return out;
}

} // namespace

std::size_t random_bytes_index(std::size_t n)
{
  return static_cast<std::size_t>(random_below(n));
}

void add_random_functions(FunctionTable& t)
{
  static constexpr std::string_view k_letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  static constexpr std::string_view k_digits = "0123456789";
  static const std::string k_alnum = std::string(k_digits) + std::string(k_letters);
  static const std::string k_ascii = [] {
    std::string s;
    for (char c = 32; c < 127; ++c) {
      s.push_back(c);
    }
    return s;
  }();
  def(t, "randAlphaNum", {{P::int_}}, [](CallContext& c, Args a) { return Value(random_string(c, arg_int(a[0]), k_alnum)); });
  def(t, "randAlpha", {{P::int_}}, [](CallContext& c, Args a) { return Value(random_string(c, arg_int(a[0]), k_letters)); });
  def(t, "randNumeric", {{P::int_}}, [](CallContext& c, Args a) { return Value(random_string(c, arg_int(a[0]), k_digits)); });
  def(t, "randAscii", {{P::int_}}, [](CallContext& c, Args a) { return Value(random_string(c, arg_int(a[0]), k_ascii)); });
  def(t, "randInt", {{P::int_, P::int_}}, [](CallContext&, Args a) {
    std::int64_t min = arg_int(a[0]);
    std::int64_t n = arg_int(a[1]) - min;
    if (n <= 0) {
      fail("invalid argument to Intn");
    }
    return int_value(static_cast<std::int64_t>(random_below(static_cast<std::uint64_t>(n))) + min);
  });
  def(t, "shuffle", {{P::string}}, [](CallContext&, Args a) {
    std::vector<char32_t> runes;
    for_each_rune(arg_string(a[0]), [&](char32_t r) { runes.push_back(r); });
    for (std::size_t i = runes.size(); i > 1; --i) {
      std::swap(runes[i - 1], runes[random_below(i)]);
    }
    std::string out;
    for (char32_t r : runes) {
      go::append_rune(out, r);
    }
    return Value(std::move(out));
  });
  def(t, "uuidv4", {{}}, [](CallContext&, Args) {
    unsigned char b[16];
    random_bytes(b, sizeof b);
    b[6] = static_cast<unsigned char>((b[6] & 0x0F) | 0x40);
    b[8] = static_cast<unsigned char>((b[8] & 0x3F) | 0x80);
    char buf[37];
    std::snprintf(buf, sizeof buf, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
                  b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
    return Value(std::string(buf));
  });
  def(t, "randBytes", {{P::int_}, false, true}, [](CallContext&, Args a) {
    std::int64_t n = arg_int(a[0]);
    if (n < 0) {
      fail("runtime error: makeslice: len out of range");
    }
    std::string buf(static_cast<std::size_t>(n), '\0');
    random_bytes(reinterpret_cast<unsigned char*>(buf.data()), buf.size());
    return Value(base64_encode(buf));
  });
}

} // namespace pave::tmpl::sprig
