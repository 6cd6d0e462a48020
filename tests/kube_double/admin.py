"""Test control: fault injection, request counters, workload failure rules
and reset, served under /_double/ (same authentication as the API)."""

import re
import threading
from collections import Counter

import errors
from errors import ApiError, bad_request
from util import dumps

_STATUS_REASONS = {429: "TooManyRequests", 500: "InternalError", 502: "BadGateway",
                   503: "ServiceUnavailable", 504: "Timeout"}


class Faults:
    """Injected latency and error responses, matched by HTTP method and a
    regular expression over the request path."""

    def __init__(self, latency_ms: int = 0):
        self._lock = threading.Lock()
        self.base_latency_ms = latency_ms
        self._rules: list[dict] = []

    def add(self, spec: dict) -> dict:
        unknown = set(spec) - {"status", "count", "retryAfterSeconds", "latencyMs", "path", "method"}
        if unknown:
            raise bad_request(f"unknown fault fields: {', '.join(sorted(unknown))}")
        status = spec.get("status")
        if status is not None and status not in _STATUS_REASONS:
            raise bad_request(f"status must be one of {sorted(_STATUS_REASONS)}")
        if status is None and not spec.get("latencyMs"):
            raise bad_request("a fault needs a status or a latencyMs")
        try:
            path = re.compile(spec.get("path", ""))
        except re.error as e:
            raise bad_request(f"path is not a valid regular expression: {e}")
        rule = {"status": status, "count": spec.get("count", 1 if status else -1),
                "retryAfterSeconds": spec.get("retryAfterSeconds", 1),
                "latencyMs": spec.get("latencyMs", 0), "path": path,
                "method": (spec.get("method") or "").upper()}
        with self._lock:
            self._rules.append(rule)
        return self._public(rule)

    @staticmethod
    def _public(rule: dict) -> dict:
        return dict(rule, path=rule["path"].pattern)

    def list(self) -> list:
        with self._lock:
            return [self._public(r) for r in self._rules]

    def clear(self):
        with self._lock:
            self._rules.clear()

    def decide(self, method: str, path: str) -> tuple[float, ApiError | None]:
        """(seconds to delay, error to answer with) for one request."""
        delay, error = self.base_latency_ms / 1000.0, None
        with self._lock:
            for rule in self._rules:
                if rule["method"] not in ("", method) or not rule["path"].search(path):
                    continue
                delay += rule["latencyMs"] / 1000.0
                if rule["status"] and rule["count"] != 0 and error is None:
                    if rule["count"] > 0:
                        rule["count"] -= 1
                    error = _fault_error(rule)
            self._rules = [r for r in self._rules if r["count"] != 0 or not r["status"]]
        return delay, error


def _fault_error(rule: dict) -> ApiError:
    code = rule["status"]
    if code == 429:
        return errors.too_many_requests(rule["retryAfterSeconds"])
    if code == 500:
        return errors.internal("injected fault")
    return ApiError(code, _STATUS_REASONS[code], "injected fault")


class Counters:
    def __init__(self):
        self._lock = threading.Lock()
        self.reset()

    def reset(self):
        self.total = 0
        self.faults = 0
        self.by_method, self.by_verb, self.by_resource = Counter(), Counter(), Counter()

    def record(self, method: str, verb: str, resource: str, faulted: bool):
        with self._lock:
            self.total += 1
            self.faults += faulted
            self.by_method[method] += 1
            self.by_verb[verb or "other"] += 1
            if resource:
                self.by_resource[resource] += 1

    def snapshot(self) -> dict:
        with self._lock:
            return {"total": self.total, "faultsInjected": self.faults,
                    "byMethod": dict(self.by_method), "byVerb": dict(self.by_verb),
                    "byResource": dict(self.by_resource)}

    def clear(self):
        with self._lock:
            self.reset()


_FAIL_FIELDS = {"kind", "namespace", "name", "image"}


class Admin:
    def __init__(self, api, controller, faults: Faults, counters: Counters):
        self.api, self.controller, self.faults, self.counters = api, controller, faults, counters

    def handle(self, method: str, path: str, body) -> tuple[int, bytes]:
        """Serves /_double/<what>; returns (status code, JSON body)."""
        what = path[len("/_double/"):].strip("/")
        try:
            return 200, dumps(self._route(method, what, body))
        except ApiError as e:
            return e.code, dumps(e.status())

    def _route(self, method, what, body):
        if what == "requests" and method == "GET":
            return self.counters.snapshot()
        if what == "requests" and method == "DELETE":
            self.counters.clear()
            return self.counters.snapshot()
        if what == "faults":
            if method == "GET":
                return {"faults": self.faults.list()}
            if method == "POST":
                return self.faults.add(self._object(body))
            if method == "DELETE":
                self.faults.clear()
                return {"faults": []}
        if what == "fail":
            if method == "GET":
                return {"rules": self.controller.fail_rules}
            if method == "POST":
                rule = self._object(body)
                if not rule or set(rule) - _FAIL_FIELDS:
                    raise bad_request(f"a failure rule has one or more of: {', '.join(sorted(_FAIL_FIELDS))}")
                self.controller.set_fail_rules(self.controller.fail_rules + [rule])
                return {"rules": self.controller.fail_rules}
            if method == "DELETE":
                self.controller.set_fail_rules([])
                return {"rules": []}
        if what == "reset" and method == "POST":
            self.reset()
            return {"reset": True}
        raise errors.path_not_found()

    @staticmethod
    def _object(body) -> dict:
        if not isinstance(body, dict):
            raise bad_request("the request body must be a JSON object")
        return body

    def reset(self):
        """Back to a freshly started server: no objects but the bootstrap ones,
        no CRDs, faults, failure rules or counts."""
        store = self.api.store
        with store.lock:
            store.clear()
            self.api.registry.clear_crds()
            self.controller.reset()
            self.api.bootstrap()
        self.faults.clear()
        self.counters.clear()
