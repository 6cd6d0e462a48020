#pragma once
/// HTTP requests and responses as plain values, shared by every client of
/// the HTTP layer (Kubernetes now, AWS later).
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pave::http {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

/// True when a and b are equal ignoring ASCII case (header names).
bool iequals(std::string_view a, std::string_view b);

/// The value of the first header named `name` (case-insensitive), or nullopt.
std::optional<std::string_view> find_header(const HeaderList& headers, std::string_view name);

struct Request
{
  std::string method = "GET";
  std::string url;
  HeaderList headers;
  std::string body;
  /// Total time allowed for the transfer; zero means the client's default.
  std::chrono::milliseconds timeout{};
  /// Whether repeating the request is harmless; nullopt: decided from the
  /// method (GET, HEAD, OPTIONS, PUT and DELETE are idempotent).
  std::optional<bool> idempotent;
  /// When set and it becomes true, the transfer stops with FailureKind::cancelled.
  const std::atomic<bool>* cancel = nullptr;
  /// When set, the body of a 2xx response is handed to it in pieces as they
  /// arrive (`offset` counts from the start of that response's body) and
  /// Response::body stays empty, so that a large download never sits in
  /// memory; other responses keep their body (the error document) as usual.
  /// Returning false stops the transfer with FailureKind::cancelled. A retry
  /// starts again at offset 0, so a sink that writes at its offset is safe.
  std::function<bool(std::uint64_t offset, std::string_view data)> body_sink;

  bool is_idempotent() const;
};

struct Response
{
  long status = 0;
  HeaderList headers; ///< in arrival order, names as the server sent them
  std::string body;
  std::string http_version; ///< "1.1", "2"

  /// Case-insensitive header lookup (first match).
  std::optional<std::string_view> header(std::string_view name) const { return find_header(headers, name); }
  bool ok() const { return status >= 200 && status < 300; }
};

/// "host:port" (or "host") of an absolute URL; the URL itself when it has no scheme.
std::string url_host(std::string_view url);

/// Percent-encodes s for a URL query value or path segment (RFC 3986 unreserved kept).
std::string url_encode(std::string_view s);

} // namespace pave::http
