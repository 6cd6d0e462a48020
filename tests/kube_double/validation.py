"""Validation that answers 422 Invalid like the real registry strategies, for
object metadata and the rules of built-in types that deploy tools most often
run into (selectors, containers, immutable fields, CRD names). Custom
resources are validated against their CRD's schema (and pruned to it by
prune_unknown)."""

import base64
import binascii
import json
import re

from errors import bad_request
from selection import match_label_selector
from util import dig

_SUBDOMAIN = re.compile(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*")
_LABEL_1123 = re.compile(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?")
_LABEL_1035 = re.compile(r"[a-z]([-a-z0-9]*[a-z0-9])?")
_QUALIFIED = re.compile(r"([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]")
_LABEL_VALUE = re.compile(r"(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?")
_CONFIG_KEY = re.compile(r"[-._a-zA-Z0-9]+")

SUBDOMAIN_MSG = ("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric "
                 "characters, '-' or '.', and must start and end with an alphanumeric character "
                 "(e.g. 'example.com', regex used for validation is "
                 "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")
_LABEL_1123_MSG = ("a lowercase RFC 1123 label must consist of lower case alphanumeric characters "
                   "or '-', and must start and end with an alphanumeric character (e.g. 'my-name',"
                   "  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')")
_LABEL_1035_MSG = ("a DNS-1035 label must consist of lower case alphanumeric characters or '-', "
                   "start with an alphabetic character, and end with an alphanumeric character "
                   "(e.g. 'my-name',  or 'abc-123', regex used for validation is "
                   "'[a-z]([-a-z0-9]*[a-z0-9])?')")
_VALUE_MSG = ("a valid label must be an empty string or consist of alphanumeric characters, "
              "'-', '_' or '.', and must start and end with an alphanumeric character (e.g. "
              "'MyValue',  or 'my_value',  or '12345', regex used for validation is "
              "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')")
_NAME_PART_MSG = ("name part must consist of alphanumeric characters, '-', '_' or '.', and must "
                  "start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  "
                  "or '123-abc', regex used for validation is "
                  "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')")
_IMMUTABLE = "field is immutable"


def _show(v) -> str:
    return json.dumps(v) if isinstance(v, str) else json.dumps(v, separators=(",", ":"))


def required(field: str, detail: str = "") -> dict:
    return {"reason": "FieldValueRequired", "message": "Required value" + (f": {detail}" if detail else ""),
            "field": field}


def invalid(field: str, value, detail: str) -> dict:
    return {"reason": "FieldValueInvalid", "message": f"Invalid value: {_show(value)}: {detail}",
            "field": field}


def unsupported(field: str, value, supported: list) -> dict:
    vals = ", ".join(json.dumps(s) for s in supported)
    return {"reason": "FieldValueNotSupported",
            "message": f"Unsupported value: {_show(value)}: supported values: {vals}", "field": field}


def forbidden(field: str, detail: str) -> dict:
    return {"reason": "FieldValueForbidden", "message": f"Forbidden: {detail}", "field": field}


def duplicate(field: str, value) -> dict:
    return {"reason": "FieldValueDuplicate", "message": f"Duplicate value: {_show(value)}", "field": field}


# Names and metadata ----------------------------------------------------------

def _name_kind(rid: tuple) -> str:
    if rid in (("", "namespaces"),):
        return "label"
    if rid == ("", "services"):
        return "dns1035"
    if rid[0] == "rbac.authorization.k8s.io":
        return "path"
    return "subdomain"


def name_errors(rid: tuple, name: str, field: str = "metadata.name") -> list:
    kind = _name_kind(rid)
    if kind == "path":
        if name in (".", ".."):
            return [invalid(field, name, f'may not be \'{name}\'')]
        for bad in ("/", "%"):
            if bad in name:
                return [invalid(field, name, f"may not contain '{bad}'")]
        return []
    limit, rx, msg = {"label": (63, _LABEL_1123, _LABEL_1123_MSG),
                      "dns1035": (63, _LABEL_1035, _LABEL_1035_MSG),
                      "subdomain": (253, _SUBDOMAIN, SUBDOMAIN_MSG)}[kind]
    errs = []
    if len(name) > limit:
        errs.append(invalid(field, name, f"must be no more than {limit} characters"))
    if not rx.fullmatch(name):
        errs.append(invalid(field, name, msg))
    return errs


def _qualified_name_errors(field: str, key: str) -> list:
    prefix, _, name = key.rpartition("/")
    errs = []
    if prefix and (len(prefix) > 253 or not _SUBDOMAIN.fullmatch(prefix)):
        errs.append(invalid(field, key, "prefix part " + SUBDOMAIN_MSG))
    if not name:
        errs.append(invalid(field, key, "name part must be non-empty"))
    elif len(name) > 63:
        errs.append(invalid(field, key, "name part must be no more than 63 characters"))
    elif not _QUALIFIED.fullmatch(name):
        errs.append(invalid(field, key, _NAME_PART_MSG))
    return errs


def metadata_errors(meta: dict, field: str = "metadata") -> list:
    errs = []
    labels = meta.get("labels") or {}
    if not isinstance(labels, dict):
        return [invalid(f"{field}.labels", labels, "must be a map of strings")]
    for k, v in labels.items():
        errs += _qualified_name_errors(f"{field}.labels", k)
        if not isinstance(v, str):
            errs.append(invalid(f"{field}.labels", v, "must be a string"))
        elif len(v) > 63:
            errs.append(invalid(f"{field}.labels", v, "must be no more than 63 characters"))
        elif not _LABEL_VALUE.fullmatch(v):
            errs.append(invalid(f"{field}.labels", v, _VALUE_MSG))
    annotations = meta.get("annotations") or {}
    for k, v in annotations.items():
        errs += [dict(e, field=f"{field}.annotations") for e in _qualified_name_errors(field, k)]
        if not isinstance(v, str):
            errs.append(invalid(f"{field}.annotations", v, "must be a string"))
    size = sum(len(k) + len(v) for k, v in annotations.items() if isinstance(v, str))
    if size > 256 * 1024:
        errs.append({"reason": "FieldValueTooLong", "field": f"{field}.annotations",
                     "message": "Too long: may not be more than 262144 bytes"})
    return errs


# Built-in types --------------------------------------------------------------

def _containers(spec: dict, field: str) -> list:
    errs = []
    containers = spec.get("containers")
    if not containers:
        return [required(f"{field}.containers")]
    seen = set()
    for i, c in enumerate(containers):
        f = f"{field}.containers[{i}]"
        name = c.get("name") if isinstance(c, dict) else None
        if not name:
            errs.append(required(f"{f}.name"))
        else:
            errs += name_errors(("", "namespaces"), name, f"{f}.name")
            if name in seen:
                errs.append(duplicate(f"{f}.name", name))
            seen.add(name)
        if isinstance(c, dict) and not c.get("image"):
            errs.append(required(f"{f}.image"))
    return errs


def _workload(kind: str, spec: dict, needs_selector=True) -> list:
    errs = []
    if spec.get("replicas") is not None and spec["replicas"] < 0:
        errs.append(invalid("spec.replicas", spec["replicas"], "must be greater than or equal to 0"))
    selector = spec.get("selector")
    tmpl = spec.get("template") or {}
    labels = dig(tmpl, "metadata", "labels") or {}
    if needs_selector and not selector:
        errs.append(required("spec.selector"))
    elif selector is not None:
        if not selector.get("matchLabels") and not selector.get("matchExpressions"):
            errs.append(invalid("spec.selector", selector, f"empty selector is invalid for {kind}"))
        elif not match_label_selector(selector, labels):
            errs.append(invalid("spec.template.metadata.labels", labels,
                                "`selector` does not match template `labels`"))
    if not tmpl.get("spec"):
        errs.append(required("spec.template.spec.containers"))
    else:
        errs += _containers(tmpl["spec"], "spec.template.spec")
    return errs


def _job(spec: dict) -> list:
    errs = _workload("job", spec, needs_selector=False)
    restart = dig(spec, "template", "spec", "restartPolicy")
    field = "spec.template.spec.restartPolicy"
    if restart is None:
        errs.append(required(field, 'valid values: "OnFailure", "Never"'))
    elif restart not in ("OnFailure", "Never"):
        errs.append(unsupported(field, restart, ["OnFailure", "Never"]))
    return errs


def _service(spec: dict) -> list:
    errs = []
    types = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"]
    if spec.get("type") not in types:
        errs.append(unsupported("spec.type", spec.get("type"), types))
    ports = spec.get("ports") or []
    if not ports and spec.get("clusterIP") != "None" and spec.get("type") != "ExternalName":
        errs.append(required("spec.ports"))
    names = set()
    for i, p in enumerate(ports):
        port = p.get("port")
        if not isinstance(port, int) or not 1 <= port <= 65535:
            errs.append(invalid(f"spec.ports[{i}].port", port, "must be between 1 and 65535, inclusive"))
        name = p.get("name")
        if len(ports) > 1 and not name:
            errs.append(required(f"spec.ports[{i}].name"))
        elif name in names:
            errs.append(duplicate(f"spec.ports[{i}].name", name))
        names.add(name)
    return errs


def _config_keys(obj: dict) -> list:
    errs = []
    for section in ("data", "binaryData"):
        for k in obj.get(section) or {}:
            if not _CONFIG_KEY.fullmatch(k):
                errs.append(invalid(f"{section}[{k}]", k,
                                    "a valid config key must consist of alphanumeric characters, "
                                    "'-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or "
                                    "'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"))
    return errs


def _crd(obj: dict) -> list:
    spec = obj.get("spec") or {}
    names = spec.get("names") or {}
    group, plural = spec.get("group") or "", names.get("plural") or ""
    errs = []
    if obj["metadata"]["name"] != f"{plural}.{group}":
        errs.append(invalid("metadata.name", obj["metadata"]["name"],
                            'must be spec.names.plural+"."+spec.group'))
    if not group:
        errs.append(required("spec.group"))
    elif "." not in group:
        errs.append(invalid("spec.group", group, "should be a domain with at least one dot"))
    for key in ("plural", "kind"):
        if not names.get(key):
            errs.append(required(f"spec.names.{key}"))
    if spec.get("scope") not in ("Namespaced", "Cluster"):
        errs.append(unsupported("spec.scope", spec.get("scope"), ["Cluster", "Namespaced"]))
    versions = spec.get("versions") or []
    if not versions:
        errs.append(required("spec.versions"))
    elif sum(1 for v in versions if v.get("storage")) != 1:
        errs.append(invalid("spec.versions", versions,
                            "must have exactly one version marked as storage version"))
    for i, v in enumerate(versions):
        if not dig(v, "schema", "openAPIV3Schema"):
            errs.append(required(f"spec.versions[{i}].schema.openAPIV3Schema", "schemas are required"))
    return errs


def check_decodable(rt, obj: dict):
    """Errors the real server reports while decoding the body (400)."""
    if rt.rid == ("", "secrets"):
        for k, v in (obj.get("data") or {}).items():
            try:
                base64.b64decode(v or "", validate=True)
            except (binascii.Error, TypeError) as e:
                raise bad_request(f'Secret in version "v1" cannot be handled as a Secret: '
                                  f"illegal base64 data at input byte 0 ({e})")


def validate(rt, obj: dict) -> list:
    """Causes of a 422 for a new or updated object."""
    meta = obj.get("metadata") or {}
    errs = name_errors(rt.rid, meta.get("name", "")) + metadata_errors(meta)
    spec = obj.get("spec") if isinstance(obj.get("spec"), dict) else {}
    rid = rt.rid
    if rid in (("apps", "deployments"), ("apps", "replicasets"), ("apps", "statefulsets"),
               ("apps", "daemonsets")):
        errs += _workload(rt.kind.lower(), spec)
    elif rid == ("batch", "jobs"):
        errs += _job(spec)
    elif rid == ("batch", "cronjobs"):
        if not spec.get("schedule"):
            errs.append(required("spec.schedule"))
        tmpl_spec = dig(spec, "jobTemplate", "spec", "template", "spec")
        errs += _containers(tmpl_spec, "spec.jobTemplate.spec.template.spec") if tmpl_spec \
            else [required("spec.jobTemplate.spec.template.spec.containers")]
    elif rid == ("", "pods"):
        errs += _containers(spec, "spec")
    elif rid == ("", "services"):
        errs += _service(spec)
    elif rid in (("", "configmaps"), ("", "secrets")):
        errs += _config_keys(obj)
    elif rid == ("apiextensions.k8s.io", "customresourcedefinitions"):
        errs += _crd(obj)
    elif rt.custom and rt.schema:
        errs += validate_custom(obj, rt.schema)
    return errs


def validate_update(rt, obj: dict, old: dict) -> list:
    """Causes of a 422 specific to updates (immutable fields)."""
    rid = rt.rid
    spec, old_spec = obj.get("spec") or {}, old.get("spec") or {}
    errs = []
    if rid in (("apps", "deployments"), ("apps", "replicasets"), ("apps", "statefulsets"),
               ("apps", "daemonsets"), ("batch", "jobs")):
        if spec.get("selector") != old_spec.get("selector"):
            errs.append(invalid("spec.selector", spec.get("selector"), _IMMUTABLE))
    if rid == ("apps", "statefulsets"):
        mutable = {"replicas", "ordinals", "template", "updateStrategy",
                   "persistentVolumeClaimRetentionPolicy", "minReadySeconds"}
        if {k: v for k, v in spec.items() if k not in mutable} != \
                {k: v for k, v in old_spec.items() if k not in mutable}:
            errs.append(forbidden("spec", "updates to statefulset spec for fields other than "
                                          "'replicas', 'ordinals', 'template', 'updateStrategy', "
                                          "'persistentVolumeClaimRetentionPolicy' and "
                                          "'minReadySeconds' are forbidden"))
    elif rid == ("batch", "jobs"):
        for key in ("template", "completions"):
            if spec.get(key) != old_spec.get(key):
                errs.append(invalid(f"spec.{key}", spec.get(key), _IMMUTABLE))
    elif rid == ("", "services"):
        if spec.get("clusterIP") != old_spec.get("clusterIP"):
            errs.append(invalid("spec.clusterIP", spec.get("clusterIP"), _IMMUTABLE))
    elif rid in (("", "configmaps"), ("", "secrets")):
        if old.get("immutable"):
            for key in ("data", "binaryData"):
                if obj.get(key) != old.get(key):
                    errs.append(forbidden(key, "field is immutable when `immutable` is set"))
            if not obj.get("immutable"):
                errs.append(forbidden("immutable", "field is immutable when `immutable` is set"))
        if rid == ("", "secrets") and obj.get("type") != old.get("type"):
            errs.append(invalid("type", obj.get("type"), _IMMUTABLE))
    elif rid == ("", "persistentvolumeclaims"):
        strip = lambda s: {k: v for k, v in s.items() if k not in ("resources", "volumeAttributesClassName")}
        if strip(spec) != strip(old_spec):
            errs.append(forbidden("spec", "spec is immutable after creation except "
                                          "resources.requests and volumeAttributesClassName for "
                                          "bound claims"))
    elif rid == ("apiextensions.k8s.io", "customresourcedefinitions"):
        if spec.get("scope") != old_spec.get("scope"):
            errs.append(invalid("spec.scope", spec.get("scope"), _IMMUTABLE))
    return errs


# Custom resources ------------------------------------------------------------

_TYPES = {"object": dict, "array": list, "string": str, "boolean": bool}


def _type_ok(value, t: str) -> bool:
    if t == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if t == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, _TYPES.get(t, object))


def _json_type(v) -> str:
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, int):
        return "integer"
    return {float: "number", str: "string", list: "array", dict: "object"}.get(type(v), "null")


def prune_unknown(obj: dict, schema: dict) -> list:
    """Removes (in place) the fields of a custom resource that its structural
    schema does not declare, as the API server's pruning does; returns their paths."""
    pruned = []
    _prune(obj, schema, "", pruned, top=True)
    return pruned


def _prune(v, s: dict, field: str, pruned: list, top=False):
    if isinstance(v, dict):
        if s.get("x-kubernetes-preserve-unknown-fields") and not s.get("properties"):
            return
        props, extra = s.get("properties") or {}, s.get("additionalProperties")
        for k in list(v):
            sub = f"{field}.{k}" if field else k
            if top and k in ("apiVersion", "kind", "metadata"):
                continue
            if k in props:
                _prune(v[k], props[k], sub, pruned)
            elif isinstance(extra, dict):
                _prune(v[k], extra, sub, pruned)
            elif extra is not True and not s.get("x-kubernetes-preserve-unknown-fields"):
                del v[k]
                pruned.append(sub)
    elif isinstance(v, list) and isinstance(s.get("items"), dict):
        for i, x in enumerate(v):
            _prune(x, s["items"], f"{field}[{i}]", pruned)


def validate_custom(obj: dict, schema: dict) -> list:
    """Validates a custom resource against its CRD schema: types, enums and
    required fields."""
    errs = []
    props = schema.get("properties") or {}
    for k in obj:
        if k not in ("apiVersion", "kind", "metadata") and k in props:
            _check_value(obj[k], props[k], k, errs)
    for r in schema.get("required") or []:
        if r not in obj:
            errs.append(required(r))
    return errs


def _check_value(v, s: dict, field: str, errs: list):
    if v is None:
        if not s.get("nullable"):
            errs.append(invalid(field, "null", f'{field} in body must be of type {s.get("type", "object")}: "null"'))
        return
    t = s.get("type")
    if s.get("x-kubernetes-int-or-string"):
        if not (isinstance(v, str) or _type_ok(v, "integer")):
            errs.append(invalid(field, v, "must be an integer or a string"))
        return
    if t and not _type_ok(v, t):
        actual = _json_type(v)
        errs.append({"reason": "FieldValueTypeInvalid", "field": field,
                     "message": f'Invalid value: "{actual}": {field} in body must be of type {t}: "{actual}"'})
        return
    if "enum" in s and v not in s["enum"]:
        errs.append(unsupported(field, v, s["enum"]))
    if isinstance(v, dict):
        props, extra = s.get("properties") or {}, s.get("additionalProperties")
        for k, x in v.items():
            if k in props:
                _check_value(x, props[k], f"{field}.{k}", errs)
            elif isinstance(extra, dict):
                _check_value(x, extra, f"{field}.{k}", errs)
        for r in s.get("required") or []:
            if r not in v:
                errs.append(required(f"{field}.{r}"))
    elif isinstance(v, list) and isinstance(s.get("items"), dict):
        for i, x in enumerate(v):
            _check_value(x, s["items"], f"{field}[{i}]", errs)
