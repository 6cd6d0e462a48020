#include <pave/backup/key.hpp>

#include <cstdlib>

#include <pave/util/base64.hpp>
#include <pave/util/fs.hpp>
#include <pave/util/strings.hpp>

namespace pave::backup {

namespace {

int hex_value(char c)
{
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

std::string_view trim(std::string_view s)
{
  while (!s.empty() && (s.front() == ' ' || s.front() == '\n' || s.front() == '\r' || s.front() == '\t')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n' || s.back() == '\r' || s.back() == '\t')) {
    s.remove_suffix(1);
  }
  return s;
}

const char* env_or_empty(const char* name)
{
  const char* v = std::getenv(name);
  return v == nullptr ? "" : v;
}

} // namespace

KeyOptions key_options_from_env(std::string key_file)
{
  KeyOptions o;
  o.key_file = std::move(key_file);
  o.env_key = env_or_empty("PAVE_BACKUP_KEY");
  o.env_passphrase = env_or_empty("PAVE_BACKUP_PASSPHRASE");
  return o;
}

util::Result<std::string> parse_key(std::string_view text, std::string_view origin)
{
  if (text.size() == 32) {
    // Raw bytes, unless it happens to be printable base64/hex of something else (it cannot be: those are longer).
    bool printable = true;
    for (const char c : text) {
      printable = printable && c > 32 && c < 127;
    }
    if (!printable) {
      return std::string(text);
    }
  }
  const std::string_view t = trim(text);
  if (t.size() == 64) {
    std::string out(32, '\0');
    bool ok = true;
    for (std::size_t i = 0; i < 32 && ok; ++i) {
      const int hi = hex_value(t[2 * i]);
      const int lo = hex_value(t[2 * i + 1]);
      ok = hi >= 0 && lo >= 0;
      out[i] = static_cast<char>(hi * 16 + lo);
    }
    if (ok) {
      return out;
    }
  }
  if (auto b = util::base64_decode(t); b && b->size() == 32) {
    return *b;
  }
  return util::fail("{}: not a 32-byte key (expected 64 hex digits or base64 of 32 bytes; `openssl rand -hex 32` makes one)",
                    origin);
}

util::Result<KeyMaterial> load_key(const KeyOptions& options)
{
  KeyMaterial k;
  if (!options.key_file.empty()) {
    k.origin = "key file " + options.key_file;
    auto text = util::read_file(options.key_file);
    if (!text) {
      return util::fail("cannot read the backup key file {}: {}", options.key_file, text.error().message);
    }
    PAVE_TRY_ASSIGN(k.key, parse_key(*text, k.origin));
    return k;
  }
  if (!options.env_key.empty()) {
    k.origin = "PAVE_BACKUP_KEY";
    PAVE_TRY_ASSIGN(k.key, parse_key(options.env_key, k.origin));
    return k;
  }
  if (!options.env_passphrase.empty()) {
    k.origin = "PAVE_BACKUP_PASSPHRASE";
    k.passphrase = options.env_passphrase;
    return k;
  }
  util::Error e{"no backup key: set PAVE_BACKUP_KEY (64 hex digits), PAVE_BACKUP_PASSPHRASE, or --key-file / "
                "[backup] key_file"};
  e.detail = "make a key with `openssl rand -hex 32` and keep it outside the backup destination";
  return std::unexpected(e);
}

} // namespace pave::backup
