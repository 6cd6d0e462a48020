#pragma once
/// Kubernetes Status errors (metav1.Status) turned into one-line messages:
/// `deployments.apps "web" is forbidden: User "bob" cannot get ... (Forbidden, HTTP 403)`.
#include <string>
#include <vector>

#include <pave/http/failure.hpp>
#include <pave/util/expected.hpp>

namespace pave::kube {

struct StatusCause
{
  std::string reason; ///< FieldManagerConflict, FieldValueInvalid ...
  std::string message;
  std::string field;
};

/// The parts of a Status body pave uses.
struct Status
{
  std::string message;
  std::string reason; ///< NotFound, AlreadyExists, Conflict, Forbidden, Invalid ...
  long code = 0;
  std::vector<StatusCause> causes; ///< details.causes
};

/// The Status in `body`, or nullopt when it is not one (HTML from a proxy,
/// an empty body).
std::optional<Status> parse_status(std::string_view body);

/// An Error for a non-2xx response: the Status message and its reason and
/// code, or "HOST: HTTP 502 Bad Gateway: BODY" when the body is no Status.
/// The detail keeps the causes, one per line.
util::Error status_error(const http::Request& req, const http::Response& resp);

/// An Error for a transport failure or a non-2xx response.
util::Error request_error(const http::Request& req, const http::Failure& failure);

} // namespace pave::kube
