#include <doctest/doctest.h>

#include <algorithm>
#include <cstring>

#include <pave/backup/compress.hpp>
#include <pave/backup/crypto.hpp>
#include <pave/backup/key.hpp>

using namespace pave;

namespace {

struct StringSink : backup::Sink
{
  std::string data;
  bool finished = false;
  util::Result<void> write(std::string_view d) override
  {
    data.append(d);
    return {};
  }
  util::Result<void> finish() override
  {
    finished = true;
    return {};
  }
};

struct StringSource : backup::Source
{
  explicit StringSource(std::string s) : data(std::move(s)) {}
  std::string data;
  std::size_t pos = 0;
  util::Result<std::size_t> read(char* buf, std::size_t size) override
  {
    const std::size_t n = std::min(std::min(size, data.size() - pos), std::size_t{777}); // odd reads on purpose
    std::memcpy(buf, data.data() + pos, n);
    pos += n;
    return n;
  }
};

backup::KeyMaterial key_of(char fill)
{
  return backup::KeyMaterial{std::string(32, fill), "", "test key"};
}

std::string pattern(std::size_t n)
{
  std::string s(n, '\0');
  for (std::size_t i = 0; i < n; ++i) {
    s[i] = static_cast<char>((i * 131 + i / 7) & 0xff);
  }
  return s;
}

std::string seal(const backup::KeyMaterial& k, std::string_view plain, int chunk_log2 = 10)
{
  StringSink out;
  backup::EncryptOptions o;
  o.chunk_log2 = chunk_log2;
  o.scrypt_log2_n = 10;
  auto sink = backup::make_encrypting_sink(k, out, o);
  REQUIRE(sink);
  // Feed in uneven pieces.
  for (std::size_t i = 0; i < plain.size();) {
    const std::size_t n = std::min<std::size_t>(plain.size() - i, 1 + (i % 300));
    REQUIRE((*sink)->write(plain.substr(i, n)));
    i += n;
  }
  REQUIRE((*sink)->finish());
  CHECK(out.finished);
  return out.data;
}

util::Result<std::string> open(const backup::KeyMaterial& k, std::string sealed)
{
  StringSource in(std::move(sealed));
  auto src = backup::make_decrypting_source(k, in);
  std::string out;
  char buf[500];
  for (;;) {
    PAVE_TRY_ASSIGN(const std::size_t n, src->read(buf, sizeof buf));
    if (n == 0) {
      return out;
    }
    out.append(buf, n);
  }
}

} // namespace

TEST_CASE("backup::crypto round trip and layout")
{
  const auto k = key_of('k');
  for (const std::size_t n : {0u, 1u, 1023u, 1024u, 1025u, 3072u, 5000u}) {
    CAPTURE(n);
    const std::string plain = pattern(n);
    const std::string sealed = seal(k, plain);
    // Header, then ceil(n / 1024) chunks (at least one), each with a 16-byte tag.
    const std::size_t chunks = n == 0 ? 1 : (n + 1023) / 1024;
    CHECK(sealed.size() == 96 + n + 16 * chunks);
    CHECK(sealed.substr(0, 8) == std::string("PAVEBKP\x01", 8));
    CHECK(sealed[8] == 1);  // format version
    CHECK(sealed[9] == 1);  // key kind: raw key
    CHECK(sealed[10] == 10); // chunk log2
    auto back = open(k, sealed);
    REQUIRE(back);
    CHECK(*back == plain);
  }
  // A fresh salt per stream: the same plaintext never gives the same bytes.
  CHECK(seal(k, "same") != seal(k, "same"));
}

TEST_CASE("backup::crypto detects tampering, truncation, reordering and extension")
{
  const auto k = key_of('k');
  const std::string plain = pattern(3000); // chunks of 1024: 1024, 1024, 952
  const std::string sealed = seal(k, plain);
  const std::size_t c = 1024 + 16;

  SUBCASE("a flipped byte in a chunk")
  {
    std::string bad = sealed;
    bad[96 + c + 5] ^= 0x20;
    const auto r = open(k, bad);
    REQUIRE_FALSE(r);
    CHECK(r.error().message == "archive corrupted: chunk 1 failed authentication (at byte 1136)");
  }
  SUBCASE("a flipped byte in the header")
  {
    std::string bad = sealed;
    bad[20] ^= 0x01;
    const auto r = open(k, bad);
    REQUIRE_FALSE(r);
    CHECK(r.error().message ==
          "wrong key: test key does not open this backup (it was encrypted with a 32-byte key), or its header is corrupted");
  }
  SUBCASE("cut at a chunk boundary")
  {
    const auto r = open(k, sealed.substr(0, 96 + 2 * c));
    REQUIRE_FALSE(r);
    CHECK(r.error().message == "archive truncated: it ends before its final chunk");
  }
  SUBCASE("cut inside the last chunk")
  {
    const auto r = open(k, sealed.substr(0, sealed.size() - 3));
    REQUIRE_FALSE(r);
    CHECK(r.error().message == "archive corrupted or truncated: its final chunk (2) failed authentication (at byte 2176)");
  }
  SUBCASE("header only")
  {
    const auto r = open(k, sealed.substr(0, 96));
    REQUIRE_FALSE(r);
    CHECK(r.error().message == "archive truncated: it ends before its final chunk");
  }
  SUBCASE("two chunks swapped")
  {
    std::string bad = sealed;
    std::memcpy(bad.data() + 96, sealed.data() + 96 + c, c);
    std::memcpy(bad.data() + 96 + c, sealed.data() + 96, c);
    const auto r = open(k, bad);
    REQUIRE_FALSE(r);
    CHECK(r.error().message == "archive corrupted: chunk 0 failed authentication (at byte 96)");
  }
  SUBCASE("data appended after the final chunk")
  {
    // A stream whose last chunk is full: appended bytes make it look non-final.
    const std::string full = seal(k, pattern(2048));
    const auto r = open(k, full + "x");
    REQUIRE_FALSE(r);
    CHECK(r.error().message == "archive corrupted: data after the final chunk");
  }
  SUBCASE("not an archive")
  {
    const auto r = open(k, "hello, world");
    REQUIRE_FALSE(r);
    CHECK(r.error().message == "not a pave backup archive (bad magic)");
    std::string v2 = sealed;
    v2[8] = 2;
    CHECK(open(k, v2).error().message == "unsupported backup format version 2 (this pave reads version 1)");
  }
}

TEST_CASE("backup::crypto keys and passphrases")
{
  const std::string plain = pattern(2500);
  SUBCASE("the wrong key")
  {
    const auto r = open(key_of('x'), seal(key_of('k'), plain));
    REQUIRE_FALSE(r);
    CHECK(r.error().message ==
          "wrong key: test key does not open this backup (it was encrypted with a 32-byte key), or its header is corrupted");
  }
  SUBCASE("a passphrase round trip, and the wrong one")
  {
    const backup::KeyMaterial pass{"", "correct horse", "PAVE_BACKUP_PASSPHRASE"};
    const std::string sealed = seal(pass, plain);
    CHECK(sealed[9] == 2);
    CHECK(sealed[11] == 10); // scrypt log2 N as asked
    CHECK(open(pass, sealed).value() == plain);
    const backup::KeyMaterial wrong{"", "wrong horse", "PAVE_BACKUP_PASSPHRASE"};
    CHECK(open(wrong, sealed).error().message ==
          "wrong key: PAVE_BACKUP_PASSPHRASE does not open this backup (it was encrypted with a passphrase), or its "
          "header is corrupted");
    CHECK(open(key_of('k'), sealed).error().message ==
          "wrong key: test key is a key but this backup was encrypted with a passphrase (set PAVE_BACKUP_PASSPHRASE)");
  }
}

TEST_CASE("backup::parse_key and load_key")
{
  const std::string raw(32, '\x07');
  CHECK(backup::parse_key(std::string(64, 'a') + "\n", "k").value() == std::string(32, '\xaa'));
  CHECK(backup::parse_key("  " + std::string(64, 'F'), "k").value() == std::string(32, '\xff'));
  CHECK(backup::parse_key("BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=", "k").value() == raw);
  CHECK(backup::parse_key(raw, "k").value() == raw);
  CHECK(backup::parse_key("abc", "PAVE_BACKUP_KEY").error().message ==
        "PAVE_BACKUP_KEY: not a 32-byte key (expected 64 hex digits or base64 of 32 bytes; `openssl rand -hex 32` makes one)");
  CHECK_FALSE(backup::parse_key(std::string(64, 'g'), "k"));

  backup::KeyOptions o;
  CHECK(backup::load_key(o).error().message ==
        "no backup key: set PAVE_BACKUP_KEY (64 hex digits), PAVE_BACKUP_PASSPHRASE, or --key-file / [backup] key_file");
  o.env_passphrase = "p";
  CHECK(backup::load_key(o).value().passphrase == "p");
  o.env_key = std::string(64, '1');
  const auto k = backup::load_key(o).value();
  CHECK(k.origin == "PAVE_BACKUP_KEY");
  CHECK(k.key == std::string(32, '\x11'));
  o.key_file = "/nonexistent/key";
  CHECK(backup::load_key(o).error().message.starts_with("cannot read the backup key file /nonexistent/key: "));
}

TEST_CASE("backup::compress round trip and corruption")
{
  const std::string plain = pattern(200000) + std::string(300000, 'z');
  StringSink out;
  auto sink = backup::make_compressing_sink(out, {3});
  REQUIRE(sink);
  REQUIRE((*sink)->write(plain));
  REQUIRE((*sink)->finish());
  CHECK(out.data.size() < plain.size());
  auto read_all = [](std::string data) -> util::Result<std::string> {
    StringSource in(std::move(data));
    auto src = backup::make_decompressing_source(in);
    std::string got;
    char buf[4096];
    for (;;) {
      PAVE_TRY_ASSIGN(const std::size_t n, src->read(buf, sizeof buf));
      if (n == 0) {
        return got;
      }
      got.append(buf, n);
    }
  };
  CHECK(read_all(out.data).value() == plain);
  CHECK(read_all(out.data.substr(0, out.data.size() / 2)).error().message ==
        "archive truncated: the zstd frame is incomplete");
  CHECK(read_all("").error().message == "archive corrupted: empty archive");
  CHECK(read_all("definitely not zstd").error().message.starts_with("archive corrupted: zstd: "));
}
