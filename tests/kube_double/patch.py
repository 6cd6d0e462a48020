"""The three update patch formats: JSON merge patch (RFC 7386), JSON patch
(RFC 6902) and Kubernetes strategic merge patch."""

from schema import Schema
from util import clone


class PatchError(Exception):
    pass


# JSON merge patch ----------------------------------------------------------

def merge_patch(target, patch):
    if not isinstance(patch, dict):
        return clone(patch)
    out = dict(target) if isinstance(target, dict) else {}
    for k, v in patch.items():
        if v is None:
            out.pop(k, None)
        else:
            out[k] = merge_patch(out.get(k), v)
    return out


# JSON patch ----------------------------------------------------------------

def _pointer(ptr: str) -> list[str]:
    if ptr == "":
        return []
    if not ptr.startswith("/"):
        raise PatchError(f"JSON pointer must start with '/': {ptr!r}")
    return [p.replace("~1", "/").replace("~0", "~") for p in ptr[1:].split("/")]


def _index(container: list, token: str, allow_end: bool) -> int:
    if token == "-" and allow_end:
        return len(container)
    if not token.isdigit() or (len(token) > 1 and token[0] == "0"):
        raise PatchError(f"invalid array index: {token!r}")
    i = int(token)
    if i > len(container) or (i == len(container) and not allow_end):
        raise PatchError(f"array index out of bounds: {i}")
    return i


def _parent(doc, parts: list[str], ptr: str):
    cur = doc
    for p in parts[:-1]:
        if isinstance(cur, dict) and p in cur:
            cur = cur[p]
        elif isinstance(cur, list):
            cur = cur[_index(cur, p, False)]
        else:
            raise PatchError(f"doc is missing path: {ptr!r}")
    return cur


def _get(doc, ptr: str):
    parts = _pointer(ptr)
    if not parts:
        return doc
    parent, last = _parent(doc, parts, ptr), parts[-1]
    if isinstance(parent, dict) and last in parent:
        return parent[last]
    if isinstance(parent, list):
        return parent[_index(parent, last, False)]
    raise PatchError(f"doc is missing path: {ptr!r}")


def _remove(doc, ptr: str):
    parts = _pointer(ptr)
    parent, last = _parent(doc, parts, ptr), parts[-1]
    if isinstance(parent, dict) and last in parent:
        return parent.pop(last)
    if isinstance(parent, list):
        return parent.pop(_index(parent, last, False))
    raise PatchError(f"unable to remove nonexistent key: {last}: missing value")


def _add(doc, ptr: str, value, replace=False):
    parts = _pointer(ptr)
    if not parts:
        return value
    parent, last = _parent(doc, parts, ptr), parts[-1]
    if isinstance(parent, dict):
        if replace and last not in parent:
            raise PatchError(f"replace operation does not apply: doc is missing key: {ptr}: missing value")
        parent[last] = value
    elif isinstance(parent, list):
        i = _index(parent, last, not replace)
        if replace:
            parent[i] = value
        else:
            parent.insert(i, value)
    else:
        raise PatchError(f"doc is missing path: {ptr!r}")
    return doc


def json_patch(doc, ops):
    if not isinstance(ops, list):
        raise PatchError("a JSON patch must be a list of operations")
    doc = clone(doc)
    for op in ops:
        if not isinstance(op, dict) or "op" not in op or "path" not in op:
            raise PatchError(f"invalid JSON patch operation: {op!r}")
        kind, path = op["op"], op["path"]
        if kind in ("add", "replace", "test") and "value" not in op:
            raise PatchError(f"missing value for {kind} operation")
        if kind == "add":
            doc = _add(doc, path, clone(op["value"]))
        elif kind == "replace":
            doc = _add(doc, path, clone(op["value"]), replace=True)
        elif kind == "remove":
            _remove(doc, path)
        elif kind in ("move", "copy"):
            value = _remove(doc, op["from"]) if kind == "move" else clone(_get(doc, op["from"]))
            doc = _add(doc, path, value)
        elif kind == "test":
            if _get(doc, path) != op["value"]:
                raise PatchError(f"testing value {path} failed: test failed")
        else:
            raise PatchError(f"unexpected kind of operation: {kind}")
    return doc


# Strategic merge patch -----------------------------------------------------

_DELETE = object()
_ORDER = "$setElementOrder/"
_DELETE_FROM = "$deleteFromPrimitiveList/"


def _strip_directives(v):
    if isinstance(v, dict):
        return {k: _strip_directives(x) for k, x in v.items()
                if not k.startswith("$") and x is not None}
    if isinstance(v, list):
        return [_strip_directives(x) for x in v]
    return v


def strategic_merge_patch(original: dict, patch: dict, schema: Schema) -> dict:
    out = _smp_map(original, patch, schema, ())
    return {} if out is _DELETE else out


def _smp_map(orig, patch, schema, path):
    directive = patch.get("$patch")
    if directive == "delete":
        return _DELETE
    if directive == "replace":
        return _strip_directives(patch)
    if directive not in (None, "merge"):
        raise PatchError(f"Unknown patch type: {directive}")
    out = dict(orig) if isinstance(orig, dict) else {}
    for k, v in patch.items():
        if k.startswith("$"):
            continue
        sub = path + (k,)
        if v is None:
            out.pop(k, None)
        elif isinstance(v, dict):
            merged = _smp_map(out.get(k), v, schema, sub)
            if merged is _DELETE:
                out.pop(k, None)
            else:
                out[k] = merged
        elif isinstance(v, list):
            out[k] = _smp_list(out.get(k), v, schema, sub)
        else:
            out[k] = v
    for k, v in patch.items():
        if k.startswith(_DELETE_FROM):
            field = k[len(_DELETE_FROM):]
            out[field] = [x for x in out.get(field) or [] if x not in v]
    for k, v in patch.items():
        if k.startswith(_ORDER):
            field = k[len(_ORDER):]
            if isinstance(out.get(field), list):
                out[field] = _reorder(out[field], v, schema.list_type(path + (field,)))
    if "$retainKeys" in patch:
        keep = set(patch["$retainKeys"] or [])
        out = {k: v for k, v in out.items() if k in keep}
    return out


def _smp_list(orig, patch: list, schema, path):
    lt = schema.list_type(path)
    orig = orig if isinstance(orig, list) else []
    if lt.kind == "set":
        return orig + [x for x in patch if x not in orig]
    if lt.kind != "map" or not all(isinstance(x, dict) for x in patch):
        return _strip_directives(patch)
    if any(x.get("$patch") == "replace" for x in patch):
        return [_strip_directives(x) for x in patch if x.get("$patch") != "replace"]
    key = lt.merge_key
    out = list(orig)
    for item in patch:
        if key not in item:
            raise PatchError(f"map: {item} does not contain declared merge key: {key}")
        idx = next((i for i, x in enumerate(out) if isinstance(x, dict) and x.get(key) == item[key]), None)
        if item.get("$patch") == "delete":
            out = [x for x in out if not (isinstance(x, dict) and x.get(key) == item[key])]
        elif idx is None:
            out.append(_strip_directives(item))
        else:
            out[idx] = _smp_map(out[idx], item, schema, path)
    return out


def _reorder(items: list, order: list, lt) -> list:
    """Applies $setElementOrder: listed items first in that order, the rest after."""
    def ident(x):
        return x.get(lt.merge_key) if lt.kind == "map" and isinstance(x, dict) else x
    wanted = [ident(o) for o in order]
    rank = {w: i for i, w in enumerate(wanted) if isinstance(w, (str, int, float, bool))}
    return sorted(items, key=lambda x: rank.get(ident(x), len(rank)))
