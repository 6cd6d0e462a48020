"""A small OpenAPI v3 description of what the double serves: one document per
group/version with every path and operation (with the
x-kubernetes-group-version-kind and x-kubernetes-action extensions and the
query parameters the server accepts), and a schema per kind.

Built-in kinds get an open object schema (the double does not carry the real
type definitions); custom resources get their CRD's openAPIV3Schema. Patch
operations list the patch types the server accepts for the kind; for
built-ins strategic merge patch is left out because no patch metadata is
published, so clients fall back to their compiled-in knowledge of it.

OpenAPI v2 is served as an empty document (no paths, no definitions), in
JSON or in the protobuf encoding clients ask for: clients that validate
against it find no schema for any kind and skip client-side validation."""

import hashlib
import json

from resources import Registry, ResourceType

_PARAMS = {
    "dryRun": "When present, indicates that modifications should not be persisted.",
    "fieldManager": "fieldManager is a name associated with the actor or entity that is making these changes.",
    "fieldValidation": "fieldValidation instructs the server on how to handle objects in the request "
                       "containing unknown or duplicate fields.",
    "force": "Force is going to \"force\" Apply requests.",
    "labelSelector": "A selector to restrict the list of returned objects by their labels.",
    "fieldSelector": "A selector to restrict the list of returned objects by their fields.",
    "limit": "limit is a maximum number of responses to return for a list call.",
    "continue": "The continue option should be set when retrieving more results from the server.",
    "resourceVersion": "resourceVersion sets a constraint on what resource versions a request may be served from.",
    "watch": "Watch for changes to the described resources.",
    "propagationPolicy": "Whether and how garbage collection will be performed.",
}


V2_PROTOBUF = ("application/com.github.proto-openapi.spec.v2@v1.0+protobuf",
               "application/com.github.proto-openapi.spec.v2.v1.0+protobuf")
_TITLE, _VERSION = "Kubernetes", "v1.32.0"


def v2_json() -> dict:
    return {"swagger": "2.0", "info": {"title": _TITLE, "version": _VERSION}, "paths": {}}


def _pb_field(number: int, payload: bytes) -> bytes:
    """A length-delimited protobuf field (payloads here are under 128 bytes)."""
    return bytes([number << 3 | 2, len(payload)]) + payload


def v2_protobuf() -> bytes:
    """v2_json() as a gnostic openapi.v2.Document message (swagger=1, info=2
    {title=1, version=2}, paths=8)."""
    info = _pb_field(1, _TITLE.encode()) + _pb_field(2, _VERSION.encode())
    return _pb_field(1, b"2.0") + _pb_field(2, info) + _pb_field(8, b"")


def _gv_path(group: str, version: str) -> str:
    return f"apis/{group}/{version}" if group else f"api/{version}"


def _schema_name(rt: ResourceType) -> str:
    if rt.custom:
        return ".".join(reversed(rt.group.split("."))) + f".{rt.version}.{rt.kind}"
    group = rt.group.split(".")[0] if rt.group else "core"
    return f"io.k8s.api.{group}.{rt.version}.{rt.kind}"


def _param(name: str) -> dict:
    return {"name": name, "in": "query", "description": _PARAMS[name], "schema": {
        "type": "boolean" if name in ("force", "watch") else "integer" if name == "limit" else "string"}}


def _op(rt: ResourceType, action: str, params: list, body_types: list | None = None,
        response_kind: str | None = None) -> dict:
    ref = {"$ref": f"#/components/schemas/{_schema_name(rt)}"}
    op = {"operationId": f"{action}{rt.kind}", "parameters": [_param(p) for p in params],
          "responses": {"200": {"description": "OK", "content": {"application/json": {"schema": ref}}},
                        "401": {"description": "Unauthorized"}},
          "x-kubernetes-action": action,
          "x-kubernetes-group-version-kind": {"group": rt.group, "version": rt.version, "kind": rt.kind}}
    if response_kind:
        op["responses"]["200"]["content"]["application/json"]["schema"] = {"type": "object"}
    if body_types:
        op["requestBody"] = {"content": {t: {"schema": ref} for t in body_types}, "required": True}
    return op


def _schema(rt: ResourceType) -> dict:
    gvk = [{"group": rt.group, "version": rt.version, "kind": rt.kind}]
    if rt.custom and rt.schema:
        return dict(rt.schema, **{"x-kubernetes-group-version-kind": gvk})
    return {"type": "object", "description": f"{rt.kind} ({rt.group_version})",
            "properties": {"apiVersion": {"type": "string"}, "kind": {"type": "string"},
                           "metadata": {"type": "object"}},
            "x-kubernetes-preserve-unknown-fields": True,
            "x-kubernetes-group-version-kind": gvk}


def v3_group_version(registry: Registry, gv_path: str) -> dict | None:
    parts = gv_path.split("/")
    if parts[:1] == ["api"] and len(parts) == 2:
        group, version = "", parts[1]
    elif parts[:1] == ["apis"] and len(parts) == 3:
        group, version = parts[1], parts[2]
    else:
        return None
    types = registry.resources(group, version)
    if not types:
        return None
    base = "/" + gv_path
    paths, schemas = {}, {}
    write = ["dryRun", "fieldManager", "fieldValidation"]
    for rt in types:
        coll = base + ("/namespaces/{namespace}" if rt.namespaced else "") + "/" + rt.resource
        item = coll + "/{name}"
        patch_types = ["application/json-patch+json", "application/merge-patch+json",
                       "application/apply-patch+yaml"]
        paths[coll] = {
            "get": _op(rt, "list", ["labelSelector", "fieldSelector", "limit", "continue",
                                    "resourceVersion", "watch"], response_kind=rt.list_kind),
            "post": _op(rt, "post", write, ["application/json", "application/yaml"]),
        }
        if "deletecollection" in rt.verbs:
            paths[coll]["delete"] = _op(rt, "deletecollection", ["dryRun", "labelSelector",
                                                                 "fieldSelector", "propagationPolicy"])
        paths[item] = {
            "get": _op(rt, "get", []),
            "put": _op(rt, "put", write, ["application/json", "application/yaml"]),
            "patch": _op(rt, "patch", write + ["force"], patch_types),
            "delete": _op(rt, "delete", ["dryRun", "propagationPolicy"]),
        }
        for sub, on in (("status", rt.status), ("scale", rt.scale)):
            if on:
                paths[f"{item}/{sub}"] = {
                    "get": _op(rt, "get", []),
                    "put": _op(rt, "put", write, ["application/json"]),
                    "patch": _op(rt, "patch", write + ["force"], patch_types),
                }
        schemas[_schema_name(rt)] = _schema(rt)
    return {"openapi": "3.0.0", "info": {"title": _TITLE, "version": _VERSION},
            "paths": paths, "components": {"schemas": schemas}}


def v3_root(registry: Registry) -> dict:
    paths = {}
    for group, versions in registry.groups():
        for version in versions:
            gv = _gv_path(group, version)
            doc = v3_group_version(registry, gv)
            digest = hashlib.sha512(json.dumps(doc, sort_keys=True).encode()).hexdigest()[:64].upper()
            paths[gv] = {"serverRelativeURL": f"/openapi/v3/{gv}?hash={digest}"}
    return {"paths": paths}
