#pragma once
/// Where request credentials come from: a static token or basic auth, a
/// token file re-read periodically (projected service-account tokens
/// rotate), or an exec plugin whose result is cached until it expires.
/// Client certificates from files go straight to the TLS layer; those from
/// an exec plugin come back in Credentials.
#include <chrono>
#include <memory>

#include <pave/util/clock.hpp>
#include <pave/kube/exec_credential.hpp>
#include <pave/kube/kubeconfig.hpp>
#include <pave/util/expected.hpp>

namespace pave::kube {

class CredentialSource
{
public:
  virtual ~CredentialSource() = default;
  /// The credentials to send now: cached while valid. Thread-safe.
  virtual util::Result<Credentials> get() = 0;
  /// The server answered 401 to `used`: when they are still the cached
  /// ones, the next get() fetches fresh credentials.
  virtual void invalidate(const Credentials& used) = 0;
};

/// How often a token file is re-read (client-go: one minute).
inline constexpr std::chrono::seconds k_token_file_refresh{60};
/// Exec credentials are refreshed this long before they expire.
inline constexpr std::chrono::seconds k_expiry_margin{10};

/// The source for the user of `config`: exec plugin, token file, token or
/// basic auth, else none (anonymous or client certificate files only).
std::shared_ptr<CredentialSource> make_credential_source(const RestConfig& config,
                                                         util::Clock& clock = util::system_clock());

/// The Authorization header value for `c` ("Bearer T", "Basic B64"), or "".
std::string authorization_header(const Credentials& c);

} // namespace pave::kube
