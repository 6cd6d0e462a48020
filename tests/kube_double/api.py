"""The Kubernetes REST API over the store: routing, discovery, reads (get,
list with selectors and pagination, watch), writes (create, update, the four
patch types including server-side apply, delete with finalizers and
propagation) and the status, scale and finalize subresources.

Transport concerns (TLS, authentication, fault injection) live in server.py.
"""

import base64
import json
import logging
import random
import time
import uuid
from dataclasses import dataclass, field
from typing import Callable, Iterator

import yaml

import discovery
import errors
import openapi
import tables
from apply import Manager, Managers, apply as ssa_apply, update as ssa_update
from defaults import Allocator, apply_defaults
from errors import ApiError, bad_request
from media import JSON, YAML, Choice, negotiate
from patch import PatchError, json_patch, merge_patch, strategic_merge_patch
from resources import CRD, NAMESPACES, Registry, ResourceType
from schema import Schema
from selection import match_fields, match_labels, parse_fields, parse_labels
from store import Compacted, Store, sort_key
from util import clone, dig, dumps, now
from validation import (check_decodable, forbidden, invalid, prune_unknown, required,
                        validate, validate_update)

PATCH_TYPES = {
    "application/json-patch+json": "json",
    "application/merge-patch+json": "merge",
    "application/strategic-merge-patch+json": "strategic",
    "application/apply-patch+yaml": "apply",
}
CR_PATCH_TYPES = ["application/json-patch+json", "application/merge-patch+json",
                  "application/apply-patch+yaml"]
PROTECTED_NAMESPACES = ("default", "kube-system", "kube-public")
SYSTEM_NAMESPACES = ("default", "kube-system", "kube-public", "kube-node-lease")
CRD_FINALIZER = "customresourcecleanup.apiextensions.k8s.io"
# Written by the server alone; ignored in request bodies.
_SERVER_META = ("uid", "creationTimestamp", "generation", "deletionTimestamp",
                "deletionGracePeriodSeconds", "selfLink")
_META_ORDER = ("name", "generateName", "namespace", "uid", "resourceVersion", "generation",
               "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "labels",
               "annotations", "ownerReferences", "finalizers", "managedFields")
_NAME_CHARS = "bcdfghjklmnpqrstvwxz2456789"  # k8s.io/apimachinery/pkg/util/rand
log = logging.getLogger("kube-double.api")


@dataclass
class Request:
    method: str
    path: str
    query: dict  # name -> list of values
    headers: dict  # lower-case names
    body: bytes = b""
    client_gone: Callable[[], bool] = lambda: False
    verb: str = ""  # filled in while routing: get, list, watch, create, apply, ...
    warnings: list = field(default_factory=list)  # sent back in a Warning header

    def param(self, name: str, default=None):
        values = self.query.get(name)
        return values[-1] if values else default

    def header(self, name: str, default: str = "") -> str:
        return self.headers.get(name.lower(), default)


@dataclass
class Response:
    code: int
    body: bytes = b""
    content_type: str = JSON
    headers: dict = field(default_factory=dict)
    stream: Iterator[bytes] | None = None


def error_response(e: ApiError) -> Response:
    return Response(e.code, dumps(e.status()), JSON, dict(e.headers))


def _encode(v, choice: Choice) -> bytes:
    if choice.media_type == YAML:
        return yaml.safe_dump(v, sort_keys=False).encode()
    return dumps(v)


def _canonical(obj: dict) -> dict:
    """Key order as the API server serialises: apiVersion, kind, metadata, ..., status."""
    meta = obj["metadata"]
    ordered = {k: meta[k] for k in _META_ORDER if k in meta}
    ordered.update((k, v) for k, v in meta.items() if k not in ordered)
    out = {"apiVersion": obj.get("apiVersion"), "kind": obj.get("kind"), "metadata": ordered}
    out.update((k, v) for k, v in obj.items() if k not in out and k != "status")
    if "status" in obj:
        out["status"] = obj["status"]
    return out


def _set_managed_fields(obj: dict, managers: Managers):
    entries = managers.encode()
    if entries:
        obj["metadata"]["managedFields"] = entries
    else:
        obj["metadata"].pop("managedFields", None)


def _spec_part(obj: dict) -> dict:
    """What metadata.generation tracks: everything but metadata and status."""
    return {k: v for k, v in obj.items() if k not in ("metadata", "status", "apiVersion", "kind")}


def _scoped(rt: ResourceType, obj: dict, sub: str) -> dict:
    """The part of an object a write to `sub` may change, for field ownership:
    with a status subresource, the main resource excludes status and the
    status subresource is only status."""
    if not rt.status:
        return obj
    if sub == "status":
        return {"status": obj["status"]} if "status" in obj else {}
    return {k: v for k, v in obj.items() if k != "status"}


class Api:
    def __init__(self, store: Store, registry: Registry, server_address: Callable[[], str]):
        self.store = store
        self.registry = registry
        self.server_address = server_address
        self.allocator = Allocator()

    def bootstrap(self):
        """The objects a new cluster has: system namespaces, the kubernetes Service."""
        for ns in SYSTEM_NAMESPACES:
            self.create_internal(NAMESPACES, {"metadata": {"name": ns}}, "kube-apiserver")
        svc = self.registry.lookup("", "v1", "services")
        self.create_internal(svc, {
            "metadata": {"name": "kubernetes", "namespace": "default",
                         "labels": {"component": "apiserver", "provider": "kubernetes"}},
            "spec": {"clusterIP": "10.96.0.1",
                     "ports": [{"name": "https", "port": 443, "protocol": "TCP", "targetPort": 6443}]},
        }, "kube-apiserver")

    # Routing ---------------------------------------------------------------

    def handle(self, req: Request) -> Response:
        try:
            resp = self._route(req)
        except ApiError as e:
            resp = error_response(e)
        except Exception as e:  # a bug in the double: answer like a panicking handler
            log.exception("%s %s", req.method, req.path)
            resp = error_response(errors.internal(f"{type(e).__name__}: {e}"))
        if req.warnings:
            resp.headers["Warning"] = ", ".join(
                '299 - "%s"' % w.replace("\\", "\\\\").replace('"', '\\"') for w in req.warnings)
        return resp

    def _route(self, req: Request) -> Response:
        parts = [p for p in req.path.split("/") if p]
        if req.path in ("/healthz", "/readyz", "/livez"):
            req.verb = "health"
            return Response(200, b"ok", "text/plain; charset=utf-8")
        if parts == ["version"]:
            req.verb = "discovery"
            return self._json(req, discovery.VERSION_INFO)
        if parts[:1] == ["openapi"]:
            req.verb = "openapi"
            return self._openapi(req, parts[1:])
        if parts[:1] == ["api"]:
            if len(parts) == 1:
                return self._discovery(req, discovery.api_versions(self.server_address()), legacy=True)
            group, version, rest = "", parts[1], parts[2:]
        elif parts[:1] == ["apis"]:
            if len(parts) == 1:
                return self._discovery(req, discovery.api_group_list(self.registry), legacy=False)
            if len(parts) == 2:
                req.verb = "discovery"
                doc = discovery.api_group(self.registry, parts[1])
                if doc is None:
                    raise errors.path_not_found()
                return self._json(req, doc)
            group, version, rest = parts[1], parts[2], parts[3:]
        else:
            raise errors.path_not_found()
        if not rest:
            req.verb = "discovery"
            doc = discovery.api_resource_list(self.registry, group, version)
            if doc is None:
                raise errors.path_not_found()
            return self._json(req, doc)
        return self._resource(req, group, version, rest)

    def _resource(self, req: Request, group: str, version: str, rest: list) -> Response:
        ns = None
        legacy_ns_sub = group == "" and len(rest) == 3 and rest[2] in ("status", "finalize")
        if rest[0] == "namespaces" and len(rest) >= 3 and not legacy_ns_sub:
            ns, rest = rest[1], rest[2:]
        if len(rest) > 3:
            raise errors.path_not_found()
        rt = self.registry.lookup(group, version, rest[0])
        if rt is None or (ns is not None and not rt.namespaced):
            raise errors.path_not_found()
        name = rest[1] if len(rest) > 1 else None
        sub = rest[2] if len(rest) > 2 else ""
        if name and rt.namespaced and ns is None:
            raise errors.path_not_found()
        allowed_subs = {"status": rt.status, "scale": rt.scale, "finalize": rt is NAMESPACES}
        if sub and not allowed_subs.get(sub):
            raise errors.path_not_found()
        ns = ns or ""
        m = req.method
        if name is None:
            if m == "GET":
                watch = req.param("watch", "") in ("true", "1")
                req.verb = "watch" if watch else "list"
                return self._watch(req, rt, ns) if watch else self._list(req, rt, ns)
            if m == "POST":
                req.verb = "create"
                return self._create(req, rt, ns)
            if m == "DELETE":
                req.verb = "deletecollection"
                return self._delete_collection(req, rt, ns)
        else:
            if sub == "scale":
                return self._scale(req, rt, ns, name)
            if m == "GET":
                req.verb = "get"
                return self._get(req, rt, ns, name)
            if m == "PUT":
                req.verb = "update"
                return self._update(req, rt, ns, name, sub)
            if m == "PATCH":
                req.verb = "patch"
                return self._patch(req, rt, ns, name, sub)
            if m == "DELETE" and not sub:
                req.verb = "delete"
                return self._delete(req, rt, ns, name)
        raise errors.method_not_allowed(rt)

    # Discovery ---------------------------------------------------------------

    def _json(self, req: Request, doc: dict, code: int = 200) -> Response:
        choice = negotiate(req.header("accept"))
        return Response(code, _encode(doc, choice), choice.content_type)

    def _discovery(self, req: Request, legacy_doc: dict, legacy: bool) -> Response:
        req.verb = "discovery"
        choice = negotiate(req.header("accept"), ("APIGroupDiscoveryList",))
        if choice.representation:
            doc = discovery.aggregated(self.registry, legacy, choice.version)
            return Response(200, _encode(doc, choice), choice.content_type, {"Vary": "Accept"})
        return Response(200, _encode(legacy_doc, choice), choice.content_type, {"Vary": "Accept"})

    def _openapi(self, req: Request, parts: list) -> Response:
        if parts == ["v2"]:
            if any(t in req.header("accept") for t in openapi.V2_PROTOBUF):
                # the response names the form of the type that Go's mime parser accepts
                return Response(200, openapi.v2_protobuf(), openapi.V2_PROTOBUF[1])
            return self._json(req, openapi.v2_json())
        if parts == ["v3"]:
            return self._json(req, openapi.v3_root(self.registry))
        if parts[:1] == ["v3"] and len(parts) >= 2:
            doc = openapi.v3_group_version(self.registry, "/".join(parts[1:]))
            if doc is not None:
                return self._json(req, doc)
        raise errors.path_not_found()

    # Rendering ---------------------------------------------------------------

    def _out(self, rt: ResourceType, obj: dict) -> dict:
        """The object as served by rt's version (custom resources may be
        stored through another served version)."""
        if obj.get("apiVersion") == rt.group_version:
            return obj
        return dict(obj, apiVersion=rt.group_version)

    def _render(self, req: Request, rt: ResourceType, obj: dict, code: int = 200) -> Response:
        choice = negotiate(req.header("accept"), ("Table", "PartialObjectMetadata"))
        obj = self._out(rt, obj)
        if choice.representation == "Table":
            doc = tables.table(rt, [obj], choice.version, req.param("includeObject", "Metadata"),
                               {"resourceVersion": obj["metadata"].get("resourceVersion", "")})
        elif choice.representation == "PartialObjectMetadata":
            doc = tables.partial(obj, choice.version)
        else:
            doc = obj
        return Response(code, _encode(doc, choice), choice.content_type)

    # Reads -------------------------------------------------------------------

    def _get(self, req: Request, rt: ResourceType, ns: str, name: str) -> Response:
        obj = self.store.get(rt.rid, ns, name)
        if obj is None:
            raise errors.not_found(rt, name)
        return self._render(req, rt, obj)

    def _selectors(self, req: Request, rt: ResourceType):
        labels = parse_labels(req.param("labelSelector", ""))
        fields = parse_fields(req.param("fieldSelector", ""), rt.rid)
        return labels, fields

    def _list(self, req: Request, rt: ResourceType, ns: str) -> Response:
        choice = negotiate(req.header("accept"), ("Table", "PartialObjectMetadataList"))
        labels, fields = self._selectors(req, rt)
        limit = int(req.param("limit", "0") or 0)
        token = req.param("continue")
        rv_param, rv_match = req.param("resourceVersion", ""), req.param("resourceVersionMatch", "")
        start = ""
        with self.store.lock:
            try:
                if token:
                    at_rv, start = _decode_continue(token)
                    items = self.store.snapshot(rt.rid, ns or None, at_rv)
                elif rv_param and rv_match == "Exact":
                    at_rv = _int_rv(rv_param)
                    items = self.store.snapshot(rt.rid, ns or None, at_rv)
                else:
                    at_rv, items = self.store.rv, self.store.current(rt.rid, ns or None)
            except Compacted:
                if token:
                    fresh = _encode_continue(self.store.rv, start)
                    raise errors.gone(
                        "The provided continue parameter is too old to display a consistent list "
                        "result. You can start a new list without the continue parameter, or use "
                        "the continue token in this response to retrieve the remainder of the "
                        "results. Continuing with the provided token results in an inconsistent "
                        "list - objects that were created, modified, or deleted between the time "
                        "the first chunk was returned and now may show up in the list.",
                        {"continue": fresh})
                raise errors.gone(f"too old resource version: {rv_param} ({self.store.compacted})")
        matched = [o for o in items
                   if (not start or sort_key(_key(o)) > start)
                   and match_labels(labels, o["metadata"].get("labels") or {})
                   and match_fields(fields, o)]
        meta = {"resourceVersion": str(at_rv)}
        if limit > 0 and len(matched) > limit:
            page, rest = matched[:limit], matched[limit:]
            meta["continue"] = _encode_continue(at_rv, sort_key(_key(page[-1])))
            if not labels and not fields:
                meta["remainingItemCount"] = len(rest)
        else:
            page = matched
        page = [self._out(rt, o) for o in page]
        if choice.representation == "Table":
            doc = tables.table(rt, page, choice.version, req.param("includeObject", "Metadata"), meta)
        elif choice.representation == "PartialObjectMetadataList":
            doc = tables.partial_list(page, choice.version, meta)
        else:
            if not rt.custom:  # typed lists carry no per-item apiVersion/kind
                page = [{k: v for k, v in o.items() if k not in ("apiVersion", "kind")} for o in page]
            doc = {"kind": rt.list_kind, "apiVersion": rt.group_version, "metadata": meta,
                   "items": page}
        return Response(200, _encode(doc, choice), choice.content_type)

    def _watch(self, req: Request, rt: ResourceType, ns: str) -> Response:
        choice = negotiate(req.header("accept"), ("Table",))
        labels, fields = self._selectors(req, rt)
        timeout = float(req.param("timeoutSeconds", "0") or 0) or random.uniform(1800, 3600)
        rv = req.param("resourceVersion", "")
        initial = req.param("sendInitialEvents", "") == "true"
        bookmarks = req.param("allowWatchBookmarks", "") == "true"

        def matches(o):
            return (o is not None and (not ns or o["metadata"].get("namespace") == ns)
                    and match_labels(labels, o["metadata"].get("labels") or {})
                    and match_fields(fields, o))

        first = [True]

        def encode(ev_type, obj):
            obj = self._out(rt, obj)
            if choice.representation == "Table":
                obj = tables.table(rt, [obj], choice.version, req.param("includeObject", "Metadata"),
                                   {"resourceVersion": obj["metadata"].get("resourceVersion", "")},
                                   with_columns=first[0])
                first[0] = False
            return dumps({"type": ev_type, "object": obj}) + b"\n"

        with self.store.lock:
            last = self.store.rv
            if rv in ("", "0") or initial:
                pending = [encode("ADDED", o) for o in self.store.current(rt.rid, ns or None) if matches(o)]
                if initial and bookmarks:
                    pending.append(dumps({"type": "BOOKMARK", "object": {
                        "kind": rt.kind, "apiVersion": rt.group_version,
                        "metadata": {"resourceVersion": str(last),
                                     "annotations": {"k8s.io/initial-events-end": "true"}}}}) + b"\n")
            else:
                last = _int_rv(rv)
                pending = []
                if last < self.store.compacted:
                    status = errors.gone(f"too old resource version: {last} ({self.store.compacted})").status()
                    return Response(200, dumps({"type": "ERROR", "object": status}) + b"\n")

        def stream():
            nonlocal last
            yield b"".join(pending)
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline and not req.client_gone():
                out = []
                with self.store.changed:
                    if self.store.rv <= last:
                        self.store.changed.wait(min(2.0, max(0.0, deadline - time.monotonic())))
                    try:
                        events = self.store.events_after(last)
                    except Compacted:
                        st = errors.gone(f"too old resource version: {last} ({self.store.compacted})").status()
                        yield dumps({"type": "ERROR", "object": st}) + b"\n"
                        return
                    if events:
                        last = events[-1].rv
                    for ev in events:
                        if ev.rid != rt.rid:
                            continue
                        was, now_ = matches(ev.prev), matches(ev.obj) and ev.type != "DELETED"
                        if ev.type == "DELETED" and was:
                            out.append(encode("DELETED", ev.obj))
                        elif now_ and was:
                            out.append(encode("MODIFIED", ev.obj))
                        elif now_:
                            out.append(encode("ADDED", ev.obj))
                        elif was:  # no longer matches the selectors
                            out.append(encode("DELETED", ev.obj))
                if out:
                    yield b"".join(out)

        ctype = choice.content_type if choice.representation else JSON
        return Response(200, content_type=ctype, stream=stream())

    # Writes ------------------------------------------------------------------

    def _body(self, req: Request) -> dict:
        ctype = req.header("content-type", JSON).split(";")[0].strip().lower()
        try:
            if ctype in (JSON, ""):
                body = json.loads(req.body or b"null")
            elif ctype == YAML:
                body = _load_yaml(req.body)
            else:
                raise errors.unsupported_media_type([JSON, YAML])
        except (ValueError, yaml.YAMLError) as e:
            raise bad_request(f"couldn't get version/kind; json parse error: {e}")
        if not isinstance(body, dict):
            raise bad_request("Object 'Kind' is missing in request body")
        return body

    @staticmethod
    def _dry_run(req: Request) -> bool:
        values = req.query.get("dryRun") or []
        for v in values:
            if v != "All":
                raise ApiError(400, "BadRequest",
                               f'dryRun: Unsupported value: "{v}": supported values: "All"')
        return bool(values)

    @staticmethod
    def _manager_name(req: Request) -> str:
        name = req.param("fieldManager") or req.header("user-agent").split("/")[0]
        if len(name) > 128:
            raise bad_request(f'fieldManager: Too long: may not be more than 128 bytes')
        return name

    @staticmethod
    def _check_type(rt: ResourceType, body: dict, required_gvk: bool = False):
        api_version, kind = body.get("apiVersion"), body.get("kind")
        if required_gvk and (not api_version or not kind):
            raise bad_request("Object 'Kind' is missing in '" + json.dumps(body)[:200] + "'"
                              if not kind else "Object 'apiVersion' is missing")
        if api_version and api_version != rt.group_version:
            raise bad_request(f"the API version in the data ({api_version}) does not match the "
                              f"expected API version ({rt.group_version})")
        if kind and kind != rt.kind:
            raise bad_request(f"the object provided is unrecognized (must be of type {rt.kind}): "
                              f'kind "{kind}"')
        if not isinstance(body.get("metadata", {}), dict):
            raise bad_request("metadata must be an object")

    @staticmethod
    def _check_name(rt: ResourceType, body: dict, ns: str, name: str | None):
        meta = body.setdefault("metadata", {})
        if name is not None and meta.get("name") not in (None, "", name):
            raise bad_request(f"the name of the object ({meta['name']}) does not match the name "
                              f"on the URL ({name})")
        if name is not None:
            meta["name"] = name
        if rt.namespaced:
            if meta.get("namespace") not in (None, "", ns):
                raise bad_request("the namespace of the provided object does not match the "
                                  "namespace sent on the request")
            meta["namespace"] = ns
        else:
            meta.pop("namespace", None)

    def _check_namespace(self, rt: ResourceType, ns: str, name: str):
        """Creating namespaced objects needs an existing, active namespace."""
        if not rt.namespaced:
            return
        nso = self.store.get(NAMESPACES.rid, "", ns)
        if nso is None:
            raise errors.not_found(NAMESPACES, ns)
        if nso["metadata"].get("deletionTimestamp"):
            msg = (f"unable to create new content in namespace {ns} because it is being terminated")
            raise errors.forbidden(rt, name, msg, [{"reason": "NamespaceTerminating",
                                                     "message": msg, "field": "metadata.namespace"}])

    @staticmethod
    def _field_validation(req: Request, rt: ResourceType, obj: dict):
        """Drops the fields a custom resource's schema does not declare; the
        fieldValidation parameter makes that an error (Strict), a warning
        (Warn, the default) or silent (Ignore). Built-in kinds carry no
        schema here, so their unknown fields are kept."""
        directive = req.param("fieldValidation", "Warn")
        if directive not in ("Ignore", "Warn", "Strict"):
            raise bad_request(f'fieldValidation: Unsupported value: "{directive}": supported '
                              'values: "Ignore", "Strict", "Warn"')
        if not (rt.custom and rt.schema):
            return
        unknown = prune_unknown(obj, rt.schema)
        if not unknown:
            return
        msgs = [f'unknown field "{f}"' for f in unknown]
        if directive == "Strict":
            raise bad_request(f'{rt.kind} in version "{rt.version}" cannot be handled as a '
                              f'{rt.kind}: strict decoding error: {", ".join(msgs)}')
        if directive == "Warn":
            req.warnings.extend(msgs)

    def _new_object(self, rt: ResourceType, body: dict, ts: str) -> dict:
        obj = clone(body)
        obj["apiVersion"], obj["kind"] = rt.group_version, rt.kind
        meta = obj["metadata"]
        if meta.get("resourceVersion"):
            raise errors.internal("resourceVersion should not be set on objects to be created")
        for k in _SERVER_META + ("resourceVersion",):
            meta.pop(k, None)
        meta["uid"] = str(uuid.uuid4())
        meta["creationTimestamp"] = ts
        if rt.generation:
            meta["generation"] = 1
        if rt.status:
            obj.pop("status", None)
        if rt is CRD:
            meta["finalizers"] = list(dict.fromkeys((meta.get("finalizers") or []) + [CRD_FINALIZER]))
        apply_defaults(rt.rid, obj)
        self.allocator.on_create(rt.rid, obj)
        return obj

    def _prepare_update(self, rt: ResourceType, live: dict, new: dict, sub: str) -> dict:
        """The object an update of `sub` stores: server-owned fields come from
        the live object, and only the part the endpoint may change changes."""
        new = clone(new)
        new["apiVersion"], new["kind"] = rt.group_version, rt.kind
        if sub == "status":
            status = new.get("status")
            new = clone(live)
            if status is None:
                new.pop("status", None)
            else:
                new["status"] = status
        elif sub == "finalize":
            finalizers = dig(new, "spec", "finalizers", default=[])
            new = clone(live)
            new.setdefault("spec", {})["finalizers"] = finalizers
        else:
            if rt.status:
                if "status" in live:
                    new["status"] = clone(live["status"])
                else:
                    new.pop("status", None)
            if rt is NAMESPACES:
                new.setdefault("spec", {})["finalizers"] = dig(live, "spec", "finalizers", default=[])
            if rt.rid == ("", "services"):
                self._keep_allocations(live, new)
        meta, live_meta = new["metadata"], live["metadata"]
        for k in _SERVER_META:
            meta.pop(k, None)
            if k in live_meta:
                meta[k] = live_meta[k]
        meta["name"] = live_meta["name"]
        if "namespace" in live_meta:
            meta["namespace"] = live_meta["namespace"]
        apply_defaults(rt.rid, new)
        return new

    @staticmethod
    def _keep_allocations(live: dict, new: dict):
        """An update that leaves out the allocated cluster IP or node ports keeps them."""
        spec, old = new.get("spec"), live.get("spec") or {}
        if not isinstance(spec, dict):
            return
        if not spec.get("clusterIP") and old.get("clusterIP"):
            for k in ("clusterIP", "clusterIPs", "ipFamilies", "ipFamilyPolicy"):
                if k in old:
                    spec.setdefault(k, old[k])
        old_ports = {(p.get("port"), p.get("protocol", "TCP")): p for p in old.get("ports") or []}
        for p in spec.get("ports") or []:
            prev = old_ports.get((p.get("port"), p.get("protocol", "TCP")))
            if isinstance(p, dict) and prev and "nodePort" in prev and spec.get("type") in ("NodePort", "LoadBalancer"):
                p.setdefault("nodePort", prev["nodePort"])

    def _commit(self, rt: ResourceType, live: dict | None, new: dict, dry_run: bool) -> tuple[dict, bool]:
        """Validates and stores a new version of an object (the caller holds
        the lock). Returns (object, created)."""
        check_decodable(rt, new)
        name = new["metadata"]["name"]
        errs = validate(rt, new)
        if live is not None:
            errs += validate_update(rt, new, live)
            if live["metadata"].get("deletionTimestamp"):
                added = set(new["metadata"].get("finalizers") or []) - set(live["metadata"].get("finalizers") or [])
                if added:
                    errs.append(forbidden("metadata.finalizers",
                                          "no new finalizers can be added if the object is being deleted, "
                                          f"found new finalizers {json.dumps(sorted(added))}"))
        if errs:
            raise errors.invalid(rt, name, errs)
        if live is None:
            new = _canonical(new)
            if dry_run:
                return new, True
            return self.store.put(rt.rid, new), True
        if rt.generation and _spec_part(new) != _spec_part(live):
            new["metadata"]["generation"] = live["metadata"].get("generation", 0) + 1
        new["metadata"]["resourceVersion"] = live["metadata"]["resourceVersion"]
        new = _canonical(new)
        if new == live:
            return live, False
        if dry_run:
            return new, False
        if live["metadata"].get("deletionTimestamp") and not self._finalizers(rt, new):
            return self.store.delete(rt.rid, new["metadata"].get("namespace", ""), name), False
        return self.store.put(rt.rid, new), False

    @staticmethod
    def _finalizers(rt: ResourceType, obj: dict) -> list:
        fins = list(obj["metadata"].get("finalizers") or [])
        if rt is NAMESPACES:
            fins += dig(obj, "spec", "finalizers", default=[]) or []
        return fins

    @staticmethod
    def _preconditions(rt: ResourceType, live: dict, meta: dict):
        rv, uid = meta.get("resourceVersion"), meta.get("uid")
        if rv and rv != live["metadata"]["resourceVersion"]:
            raise errors.stale(rt, live["metadata"]["name"])
        if uid and uid != live["metadata"]["uid"]:
            raise errors.conflict(rt, live["metadata"]["name"],
                                  f"Precondition failed: UID in precondition: {uid}, "
                                  f"UID in object meta: {live['metadata']['uid']}")

    def _update_fields(self, rt: ResourceType, live: dict | None, new: dict, who: Manager, sub: str):
        """Ownership after an Update operation, stored into new's metadata.
        Like the real field manager, it starts from the managedFields the
        request carries if any (`[{}]` resets them), else from the live ones."""
        sent = new["metadata"].get("managedFields")
        if sent == [{}]:
            base = None
        elif sent and sub not in ("status", "scale"):
            base = sent
        else:
            base = live["metadata"].get("managedFields") if live else None
        try:
            managers = Managers(base)
        except (AttributeError, TypeError, ValueError):
            raise bad_request("metadata.managedFields: Invalid value: could not decode the managed fields")
        before = _scoped(rt, live, sub) if live else {}
        ssa_update(before, _scoped(rt, new, sub), managers, who, Schema(rt), now())
        _set_managed_fields(new, managers)

    def _who(self, req: Request, rt: ResourceType, operation: str, sub: str) -> Manager:
        return Manager(self._manager_name(req), operation, rt.group_version,
                       sub if sub in ("status", "scale") else "")

    def create_internal(self, rt: ResourceType, body: dict, manager: str) -> dict:
        with self.store.lock:
            obj = self._new_object(rt, dict(body, apiVersion=rt.group_version, kind=rt.kind), now())
            self._update_fields(rt, None, obj, Manager(manager, "Update", rt.group_version), "")
            return self._commit(rt, None, obj, False)[0]

    def _create(self, req: Request, rt: ResourceType, ns: str) -> Response:
        body = self._body(req)
        dry = self._dry_run(req)
        self._check_type(rt, body)
        self._check_name(rt, body, ns, None)
        meta = body["metadata"]
        if not meta.get("name"):
            if not meta.get("generateName"):
                raise errors.invalid(rt, "", [required("metadata.name", "name or generateName is required")])
            meta["name"] = meta["generateName"] + "".join(random.choice(_NAME_CHARS) for _ in range(5))
        who = self._who(req, rt, "Update", "")
        with self.store.lock:
            self._check_namespace(rt, ns, meta["name"])
            if self.store.get(rt.rid, ns, meta["name"]) is not None:
                raise errors.already_exists(rt, meta["name"])
            obj = self._new_object(rt, body, now())
            self._field_validation(req, rt, obj)
            self._update_fields(rt, None, obj, who, "")
            obj, _ = self._commit(rt, None, obj, dry)
        return self._render(req, rt, obj, 201)

    def _update(self, req: Request, rt: ResourceType, ns: str, name: str, sub: str) -> Response:
        body = self._body(req)
        dry = self._dry_run(req)
        self._check_type(rt, body)
        self._check_name(rt, body, ns, name)
        who = self._who(req, rt, "Update", sub)
        with self.store.lock:
            live = self.store.get(rt.rid, ns, name)
            if live is None:
                raise errors.not_found(rt, name)
            self._preconditions(rt, live, body["metadata"])
            new = self._prepare_update(rt, live, body, sub)
            self._field_validation(req, rt, new)
            self._update_fields(rt, live, new, who, sub)
            obj, _ = self._commit(rt, live, new, dry)
        return self._render(req, rt, obj)

    def update_internal(self, rt: ResourceType, live: dict, new: dict, manager: str, sub: str = "") -> dict:
        """An Update by a built-in controller (the caller holds the lock)."""
        new = self._prepare_update(rt, live, new, sub)
        self._update_fields(rt, live, new, Manager(manager, "Update", rt.group_version,
                                                   sub if sub == "status" else ""), sub)
        return self._commit(rt, live, new, False)[0]

    def _patch(self, req: Request, rt: ResourceType, ns: str, name: str, sub: str) -> Response:
        ctype = req.header("content-type").split(";")[0].strip().lower()
        kind = PATCH_TYPES.get(ctype)
        if kind is None or (kind == "strategic" and rt.custom):
            raise errors.unsupported_media_type(CR_PATCH_TYPES if rt.custom else list(PATCH_TYPES))
        if sub == "finalize":
            raise errors.method_not_allowed(rt)
        dry = self._dry_run(req)
        if kind == "apply":
            return self._apply(req, rt, ns, name, sub, dry)
        try:
            patch = json.loads(req.body or b"null")
        except ValueError as e:
            raise bad_request(f"error decoding patch: {e}")
        who = self._who(req, rt, "Update", sub)
        with self.store.lock:
            live = self.store.get(rt.rid, ns, name)
            if live is None:
                raise errors.not_found(rt, name)
            patched = self._apply_patch(rt, live, patch, kind)
            self._check_type(rt, patched)
            self._check_name(rt, patched, ns, name)
            self._preconditions(rt, live, patched["metadata"])
            new = self._prepare_update(rt, live, patched, sub)
            self._field_validation(req, rt, new)
            self._update_fields(rt, live, new, who, sub)
            obj, _ = self._commit(rt, live, new, dry)
        return self._render(req, rt, obj)

    @staticmethod
    def _apply_patch(rt: ResourceType, target: dict, patch, kind: str) -> dict:
        try:
            if kind == "json":
                out = json_patch(target, patch)
            elif not isinstance(patch, dict):
                raise bad_request("the patch must be a JSON object")
            elif kind == "merge":
                out = merge_patch(target, patch)
            else:
                out = strategic_merge_patch(target, patch, Schema(rt))
        except PatchError as e:
            raise ApiError(422, "Invalid", str(e))
        if not isinstance(out, dict):
            raise bad_request("the patched object is not a JSON object")
        return out

    def _apply(self, req: Request, rt: ResourceType, ns: str, name: str, sub: str, dry: bool) -> Response:
        req.verb = "apply"
        if not req.param("fieldManager"):
            raise bad_request("fieldManager is required for apply requests")
        force = req.param("force", "") == "true"
        config = _load_yaml(req.body)
        if not isinstance(config, dict):
            raise bad_request("error decoding YAML: the apply configuration must be an object")
        self._check_type(rt, config, required_gvk=True)
        self._check_name(rt, config, ns, name)
        if config["metadata"].get("managedFields") is not None:
            raise bad_request("metadata.managedFields must be nil")
        if sub == "status":
            config = {k: v for k, v in config.items() if k in ("apiVersion", "kind", "metadata", "status")}
        elif rt.status:
            config.pop("status", None)
        self._field_validation(req, rt, config)
        who = self._who(req, rt, "Apply", sub)
        ts = now()
        with self.store.lock:
            live = self.store.get(rt.rid, ns, name)
            if live is None:
                if sub:
                    raise errors.not_found(rt, name)
                self._check_namespace(rt, ns, name)
                if config["metadata"].get("resourceVersion"):
                    raise errors.internal("resourceVersion should not be set on objects to be created")
                base = {"apiVersion": rt.group_version, "kind": rt.kind,
                        "metadata": {k: v for k, v in config["metadata"].items()
                                     if k in ("name", "namespace")}}
            else:
                self._preconditions(rt, live, config["metadata"])
                base = dict(live, metadata={k: v for k, v in live["metadata"].items() if k != "managedFields"})
            managers = Managers(live["metadata"].get("managedFields") if live else None)
            merged = ssa_apply(base, config, managers, who, force, Schema(rt), ts)
            if live is None:
                new = self._new_object(rt, merged, ts)
            else:
                new = self._prepare_update(rt, live, merged, sub)
            _set_managed_fields(new, managers)
            obj, created = self._commit(rt, live, new, dry)
        return self._render(req, rt, obj, 201 if created else 200)

    # Scale subresource --------------------------------------------------------

    def _scale_of(self, rt: ResourceType, obj: dict) -> dict:
        spec_path, status_path, selector_path = ".spec.replicas", ".status.replicas", ".status.selector"
        if rt.scale_paths:
            spec_path = rt.scale_paths.get("specReplicasPath", spec_path)
            status_path = rt.scale_paths.get("statusReplicasPath", status_path)
            selector_path = rt.scale_paths.get("labelSelectorPath", "")
        meta = obj["metadata"]
        scale = {"kind": "Scale", "apiVersion": "autoscaling/v1",
                 "metadata": {k: meta[k] for k in ("name", "namespace", "uid", "resourceVersion",
                                                    "creationTimestamp") if k in meta},
                 "spec": {"replicas": dig(obj, *spec_path.lstrip(".").split("."), default=0)},
                 "status": {"replicas": dig(obj, *status_path.lstrip(".").split("."), default=0)}}
        if rt.custom:
            selector = dig(obj, *selector_path.lstrip(".").split(".")) if selector_path else None
        else:
            sel = dig(obj, "spec", "selector", "matchLabels", default={}) or {}
            selector = ",".join(f"{k}={v}" for k, v in sel.items())
        if selector:
            scale["status"]["selector"] = selector
        return scale

    def _scale(self, req: Request, rt: ResourceType, ns: str, name: str) -> Response:
        choice = negotiate(req.header("accept"))
        m = req.method
        req.verb = {"GET": "get", "PUT": "update", "PATCH": "patch"}.get(m, m.lower())
        if m not in ("GET", "PUT", "PATCH"):
            raise errors.method_not_allowed(rt)
        dry = self._dry_run(req)
        with self.store.lock:
            live = self.store.get(rt.rid, ns, name)
            if live is None:
                raise errors.not_found(rt, name)
            scale = self._scale_of(rt, live)
            if m != "GET":
                if m == "PUT":
                    body = self._body(req)
                else:
                    kind = PATCH_TYPES.get(req.header("content-type").split(";")[0].strip().lower())
                    if kind in (None, "apply"):
                        raise errors.unsupported_media_type(list(PATCH_TYPES)[:3])
                    try:
                        patch = json.loads(req.body or b"null")
                    except ValueError as e:
                        raise bad_request(f"error decoding patch: {e}")
                    body = self._apply_patch(rt, scale, patch, "merge" if kind == "strategic" else kind)
                self._preconditions(rt, live, body.get("metadata") or {})
                replicas = dig(body, "spec", "replicas")
                if not isinstance(replicas, int) or replicas < 0:
                    raise errors.invalid(rt, name, [invalid("spec.replicas", replicas,
                                                            "must be greater than or equal to 0")])
                path = (rt.scale_paths or {}).get("specReplicasPath", ".spec.replicas").lstrip(".").split(".")
                new = clone(live)
                cur = new
                for p in path[:-1]:
                    cur = cur.setdefault(p, {})
                cur[path[-1]] = replicas
                who = self._who(req, rt, "Update", "scale")
                new = self._prepare_update(rt, live, new, "")
                self._update_fields(rt, live, new, who, "")
                obj, _ = self._commit(rt, live, new, dry)
                scale = self._scale_of(rt, obj)
        return Response(200, _encode(scale, choice), choice.content_type)

    # Deletion ------------------------------------------------------------------

    def _delete_options(self, req: Request) -> tuple[dict, bool]:
        """DeleteOptions from the body and query; returns (options, dry run)."""
        opts = self._body(req) if req.body.strip() else {}
        for k in ("propagationPolicy", "gracePeriodSeconds"):
            if req.param(k) is not None:
                opts[k] = req.param(k)
        if "orphanDependents" in opts and "propagationPolicy" not in opts:
            opts["propagationPolicy"] = "Orphan" if opts["orphanDependents"] else "Background"
        policy = opts.get("propagationPolicy")
        if policy not in (None, "Orphan", "Background", "Foreground"):
            raise ApiError(422, "Invalid", f'DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: '
                                           f'Unsupported value: "{policy}": supported values: '
                                           '"Foreground", "Background", "Orphan", "nil"')
        req.query.setdefault("dryRun", []).extend(opts.get("dryRun") or [])
        return opts, self._dry_run(req)

    def delete_internal(self, rt: ResourceType, live: dict, policy: str | None = None,
                        dry_run: bool = False) -> tuple[dict, bool]:
        """Deletes an object, or marks it for deletion while finalizers remain
        (the caller holds the lock). Returns (object, deleted now)."""
        meta = live["metadata"]
        ns, name = meta.get("namespace", ""), meta["name"]
        if rt is NAMESPACES and name in PROTECTED_NAMESPACES:
            raise errors.forbidden(rt, name, "this namespace may not be deleted")
        finalizers = list(meta.get("finalizers") or [])
        if policy == "Foreground" and "foregroundDeletion" not in finalizers:
            finalizers.append("foregroundDeletion")
        elif policy == "Orphan" and "orphan" not in finalizers:
            finalizers.append("orphan")
        if meta.get("deletionTimestamp"):
            if rt is NAMESPACES:
                raise errors.conflict(rt, name, "The system is ensuring all content is removed from "
                                                "this namespace.  Upon completion, this namespace will "
                                                "automatically be purged by the system.")
            if finalizers == list(meta.get("finalizers") or []):
                return live, False
        if finalizers or rt is NAMESPACES:
            new = clone(live)
            new["metadata"]["finalizers"] = finalizers
            if not finalizers:
                del new["metadata"]["finalizers"]
            new["metadata"].setdefault("deletionTimestamp", now())
            new["metadata"].setdefault("deletionGracePeriodSeconds", 0)
            if rt.generation:
                new["metadata"]["generation"] = meta.get("generation", 0) + 1
            if rt is NAMESPACES:
                new["status"] = dict(new.get("status") or {}, phase="Terminating")
            new = _canonical(new)
            return (new if dry_run else self.store.put(rt.rid, new)), False
        if dry_run:
            return live, True
        return self.store.delete(rt.rid, ns, name), True

    def _delete(self, req: Request, rt: ResourceType, ns: str, name: str) -> Response:
        opts, dry = self._delete_options(req)
        with self.store.lock:
            live = self.store.get(rt.rid, ns, name)
            if live is None:
                raise errors.not_found(rt, name)
            pre = opts.get("preconditions") or {}
            if pre.get("uid") and pre["uid"] != live["metadata"]["uid"]:
                raise errors.conflict(rt, name, f"Precondition failed: UID in precondition: {pre['uid']}, "
                                                f"UID in object meta: {live['metadata']['uid']}")
            if pre.get("resourceVersion") and pre["resourceVersion"] != live["metadata"]["resourceVersion"]:
                raise errors.conflict(rt, name, "Precondition failed: ResourceVersion in precondition: "
                                                f"{pre['resourceVersion']}, ResourceVersion in object meta: "
                                                f"{live['metadata']['resourceVersion']}")
            obj, deleted = self.delete_internal(rt, live, opts.get("propagationPolicy"), dry)
        if deleted and not rt.custom and rt.rid != ("", "pods"):
            details = {"name": name, "kind": rt.resource, "uid": obj["metadata"]["uid"]}
            if rt.group:
                details["group"] = rt.group
            return self._json(req, {"kind": "Status", "apiVersion": "v1", "metadata": {},
                                    "status": "Success", "details": details})
        return self._render(req, rt, obj)

    def _delete_collection(self, req: Request, rt: ResourceType, ns: str) -> Response:
        if "deletecollection" not in rt.verbs:
            raise errors.method_not_allowed(rt)
        opts, dry = self._delete_options(req)
        labels, fields = self._selectors(req, rt)
        deleted = []
        with self.store.lock:
            for live in self.store.current(rt.rid, ns or None):
                if match_labels(labels, live["metadata"].get("labels") or {}) and match_fields(fields, live):
                    deleted.append(self.delete_internal(rt, live, opts.get("propagationPolicy"), dry)[0])
            rv = self.store.rv
        return self._json(req, {"kind": rt.list_kind, "apiVersion": rt.group_version,
                                "metadata": {"resourceVersion": str(rv)},
                                "items": [self._out(rt, o) for o in deleted]})


# Continue tokens --------------------------------------------------------------

def _key(obj: dict) -> tuple:
    return (obj["metadata"].get("namespace", ""), obj["metadata"]["name"])


def _encode_continue(rv: int, start: str) -> str:
    raw = json.dumps({"v": "meta.k8s.io/v1", "rv": rv, "start": start + "\x00"})
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode_continue(token: str) -> tuple[int, str]:
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        data = json.loads(raw)
        if data.get("v") != "meta.k8s.io/v1" or not isinstance(data.get("rv"), int) or data["rv"] <= 0:
            raise ValueError("unsupported or invalid token")
        start = data.get("start", "")
        if not isinstance(start, str) or not start.endswith("\x00"):
            raise ValueError("invalid start key")
        return data["rv"], start[:-1]
    except (ValueError, TypeError, json.JSONDecodeError) as e:
        raise bad_request(f"continue key is not valid: {e}")


def _load_yaml(data: bytes):
    """Parses an apply configuration: YAML, which clients mostly send as JSON
    (a YAML subset that the JSON parser reads far faster)."""
    try:
        return json.loads(data)
    except ValueError:
        pass
    try:
        return yaml.load(data, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as e:
        raise bad_request(f"error decoding YAML: {e}")


def _int_rv(rv: str) -> int:
    if not rv.isdigit():
        raise bad_request(f'resourceVersion: Invalid value: "{rv}": must be a valid integer')
    return int(rv)
