"""Kubernetes `Status` errors, shaped and worded like k8s.io/apimachinery's
apierrors so that clients can branch on reason/code exactly as they would
against a real API server."""


class ApiError(Exception):
    def __init__(self, code: int, reason: str, message: str,
                 details: dict | None = None, headers: dict | None = None,
                 metadata: dict | None = None):
        super().__init__(message)
        self.code = code
        self.reason = reason
        self.message = message
        self.details = details
        self.headers = headers or {}
        self.metadata = metadata or {}

    def status(self) -> dict:
        s = {"kind": "Status", "apiVersion": "v1", "metadata": self.metadata,
             "status": "Failure", "message": self.message, "reason": self.reason}
        if self.details is not None:
            s["details"] = self.details
        s["code"] = self.code
        return s


def _details(rt, name, **extra):
    d = {}
    if name:
        d["name"] = name
    if rt.group:
        d["group"] = rt.group
    d["kind"] = rt.resource
    d.update(extra)
    return d


def not_found(rt, name: str) -> ApiError:
    return ApiError(404, "NotFound", f'{rt.qualified} "{name}" not found', _details(rt, name))


def already_exists(rt, name: str) -> ApiError:
    return ApiError(409, "AlreadyExists", f'{rt.qualified} "{name}" already exists',
                    _details(rt, name))


def conflict(rt, name: str, why: str) -> ApiError:
    return ApiError(409, "Conflict", f'Operation cannot be fulfilled on {rt.qualified} "{name}": {why}',
                    _details(rt, name))


def stale(rt, name: str) -> ApiError:
    return conflict(rt, name, "the object has been modified; please apply your changes "
                              "to the latest version and try again")


def forbidden(rt, name: str, why: str, causes: list | None = None) -> ApiError:
    what = f'{rt.qualified} "{name}"' if name else rt.qualified
    extra = {"causes": causes} if causes else {}
    return ApiError(403, "Forbidden", f"{what} is forbidden: {why}", _details(rt, name, **extra))


def invalid(rt, name: str, causes: list[dict]) -> ApiError:
    """causes: [{"reason": "FieldValueInvalid", "message": ..., "field": ...}]"""
    kind = f"{rt.kind}.{rt.group}" if rt.group else rt.kind
    parts = [f'{c["field"]}: {c["message"]}' if c.get("field") else c["message"] for c in causes]
    msg = parts[0] if len(parts) == 1 else "[" + ", ".join(parts) + "]"
    details = {"name": name} if name else {}
    if rt.group:
        details["group"] = rt.group
    details.update(kind=rt.kind, causes=causes)
    return ApiError(422, "Invalid", f'{kind} "{name}" is invalid: {msg}', details)


def bad_request(message: str) -> ApiError:
    return ApiError(400, "BadRequest", message)


def method_not_allowed(rt) -> ApiError:
    return ApiError(405, "MethodNotAllowed",
                    "the server does not allow this method on the requested resource",
                    _details(rt, ""))


def gone(message: str, metadata: dict | None = None) -> ApiError:
    return ApiError(410, "Expired", message, metadata=metadata)


def unsupported_media_type(accepted: list[str], what: str = "the body of the request was in an unknown format") -> ApiError:
    return ApiError(415, "UnsupportedMediaType",
                    f"{what} - accepted media types include: {', '.join(accepted)}")


def not_acceptable(accepted: list[str]) -> ApiError:
    return ApiError(406, "NotAcceptable",
                    "only the following media types are accepted: " + ", ".join(accepted))


def path_not_found() -> ApiError:
    return ApiError(404, "NotFound", "the server could not find the requested resource", {})


def unauthorized() -> ApiError:
    return ApiError(401, "Unauthorized", "Unauthorized")


def too_many_requests(retry_after: int) -> ApiError:
    return ApiError(429, "TooManyRequests", "Too many requests, please try again later.",
                    {"retryAfterSeconds": retry_after}, {"Retry-After": str(retry_after)})


def internal(message: str) -> ApiError:
    return ApiError(500, "InternalError", f"Internal error occurred: {message}",
                    {"causes": [{"message": message}]})
