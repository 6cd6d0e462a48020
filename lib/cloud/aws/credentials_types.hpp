#pragma once
/// AWS credentials as a value: what SigV4 signs with and what every
/// credential provider (credentials.hpp) produces.
#include <chrono>
#include <optional>
#include <memory>
#include <string>

#include <pave/util/expected.hpp>

namespace pave::cloud::aws {

struct Credentials
{
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token; ///< empty for long-term keys
  /// When temporary credentials stop working; nullopt for long-term keys.
  std::optional<std::chrono::system_clock::time_point> expiration;
  std::string source; ///< where they came from, for messages: "environment", "profile dev", "web identity"

  bool empty() const { return access_key_id.empty() || secret_access_key.empty(); }
};

/// Where credentials come from. Implementations cache and refresh
/// temporary credentials; safe to call from several threads.
class CredentialsProvider
{
public:
  virtual ~CredentialsProvider() = default;
  /// Valid credentials (refreshed when they expire within five minutes).
  virtual util::Result<Credentials> credentials() = 0;
  /// Drops cached credentials, so the next call fetches new ones (after an ExpiredToken).
  virtual void invalidate() {}
};

/// Fixed credentials.
class StaticCredentials final : public CredentialsProvider
{
public:
  explicit StaticCredentials(Credentials c) : m_creds(std::move(c)) {}
  util::Result<Credentials> credentials() override { return m_creds; }

private:
  Credentials m_creds;
};

} // namespace pave::cloud::aws
