"""Field ownership (metadata.managedFields) and server-side apply, following
sigs.k8s.io/structured-merge-diff: managers own sets of field paths in the
fieldsV1 notation (`f:spec`, `k:{"name":"app"}`, `v:"x"`); Update operations
take ownership of what they change, Apply operations own exactly what they
applied, conflict with other owners of values they change, and prune what
they stopped applying when nobody else owns it.
"""

import json
from dataclasses import dataclass, field

from errors import ApiError, bad_request
from schema import ListType, Schema
from util import clone

# Metadata the server owns: never part of a field set (structured-merge-diff's
# "stripMeta").
_SERVER_META = {"name", "namespace", "uid", "resourceVersion", "generation",
                "creationTimestamp", "managedFields", "selfLink"}
_MISSING = object()


@dataclass
class Manager:
    manager: str
    operation: str  # Apply or Update
    api_version: str
    subresource: str = ""
    time: str = ""
    fields: set = field(default_factory=set)

    @property
    def ident(self) -> tuple:
        """Entries are distinct per manager, operation, subresource, and for
        Update operations also per API version (like BuildManagerIdentifier)."""
        return (self.manager, self.operation, self.subresource,
                self.api_version if self.operation == "Update" else "")

    def describe(self) -> str:
        """How conflict messages name the manager (printManager in k8s)."""
        if self.operation == "Update":
            return f'"{self.manager}" using {self.api_version}'
        if self.subresource:
            return f'"{self.manager}" with subresource "{self.subresource}"'
        return f'"{self.manager}"'


# Paths ---------------------------------------------------------------------

def _key_element(item: dict, lt: ListType) -> str:
    defaults = dict(lt.defaults)
    key = {}
    for k in sorted(lt.keys):
        if k in item:
            key[k] = item[k]
        elif k in defaults:
            key[k] = defaults[k]
    return "k:" + json.dumps(key, separators=(",", ":"), sort_keys=True)


def _value_element(v) -> str:
    return "v:" + json.dumps(v, separators=(",", ":"), sort_keys=True)


def path_string(path: tuple) -> str:
    """A path as structured-merge-diff prints it: .spec.containers[name="app"].image"""
    out = []
    for pe in path:
        kind, text = pe[0], pe[2:]
        if kind == "f":
            out.append("." + text)
        elif kind == "k":
            keys = json.loads(text)
            out.append("[" + ",".join(f"{k}={json.dumps(v)}" for k, v in keys.items()) + "]")
        elif kind == "v":
            out.append(f"[={text}]")
        else:
            out.append(f"[{text}]")
    return "".join(out)


def _keyed(v, lt: ListType) -> bool:
    return lt.kind == "map" and isinstance(v, list) and bool(v) and all(isinstance(x, dict) for x in v)


def _shape(v, schema: Schema, names: tuple, lt: ListType | None = None) -> str:
    """map, keyed (list of keyed items), set, or leaf (owned as a whole)."""
    if isinstance(v, dict):
        return "map" if v and not schema.atomic_map(names) else "leaf"
    if isinstance(v, list) and v:
        lt = lt or schema.list_type(names)
        if _keyed(v, lt):
            for i, item in enumerate(v):
                missing = [k for k in lt.keys if k not in item and k not in dict(lt.defaults)]
                if missing:
                    raise bad_request(
                        f"failed to create typed object: .{'.'.join(names)}: element {i}: "
                        f"associative list with keys has an element that omits key field "
                        f'"{missing[0]}" (and doesn\'t have default value)')
            return "keyed"
        if lt.kind == "set":
            return "set"
    return "leaf"


def strip_meta(obj: dict) -> dict:
    """obj without apiVersion, kind and server-owned metadata."""
    out = {k: v for k, v in obj.items() if k not in ("apiVersion", "kind")}
    meta = {k: v for k, v in (obj.get("metadata") or {}).items() if k not in _SERVER_META}
    if meta:
        out["metadata"] = meta
    else:
        out.pop("metadata", None)
    return out


def field_set(obj: dict, schema: Schema) -> set:
    """Every owned path of an object (leaves, keyed items and set values)."""
    out = set()
    _collect(strip_meta(obj), schema, (), (), out)
    out.discard(())
    return out


def _collect(v, schema, path, names, out):
    shape = _shape(v, schema, names) if names else "map"
    if shape == "map":
        for k, x in v.items():
            _collect(x, schema, path + ("f:" + k,), names + (k,), out)
    elif shape == "keyed":
        lt = schema.list_type(names)
        for item in v:
            ip = path + (_key_element(item, lt),)
            out.add(ip)
            for k, x in item.items():
                _collect(x, schema, ip + ("f:" + k,), names + (k,), out)
    elif shape == "set":
        out.update(path + (_value_element(x),) for x in v)
    else:
        out.add(path)


def compare(old: dict, new: dict, schema: Schema) -> tuple[set, set, set]:
    """(added, modified, removed) paths between two objects."""
    added, modified, removed = set(), set(), set()
    _cmp(strip_meta(old), strip_meta(new), schema, (), (), added, modified, removed)
    return added, modified, removed


def _sub_set(v, schema, path, names) -> set:
    out = set()
    _collect(v, schema, path, names, out)
    return out


def _cmp(a, b, schema, path, names, added, modified, removed):
    if a is _MISSING:
        added |= _sub_set(b, schema, path, names)
        return
    if b is _MISSING:
        removed |= _sub_set(a, schema, path, names)
        return
    sa = _shape(a, schema, names) if names else "map"
    sb = _shape(b, schema, names) if names else "map"
    if sa != sb:
        removed |= _sub_set(a, schema, path, names)
        added |= _sub_set(b, schema, path, names)
    elif sa == "map":
        for k in a.keys() | b.keys():
            _cmp(a.get(k, _MISSING), b.get(k, _MISSING), schema, path + ("f:" + k,), names + (k,),
                 added, modified, removed)
    elif sa == "keyed":
        lt = schema.list_type(names)
        ia = {_key_element(x, lt): x for x in a}
        ib = {_key_element(x, lt): x for x in b}
        for pe in ia.keys() | ib.keys():
            ip = path + (pe,)
            if pe not in ib:
                removed.add(ip)
                removed |= _sub_set(ia[pe], schema, ip, names) - {ip}
            elif pe not in ia:
                added.add(ip)
                added |= _sub_set(ib[pe], schema, ip, names) - {ip}
            else:
                _cmp(ia[pe], ib[pe], schema, ip, names, added, modified, removed)
    elif sa == "set":
        va = {_value_element(x) for x in a}
        vb = {_value_element(x) for x in b}
        added |= {path + (v,) for v in vb - va}
        removed |= {path + (v,) for v in va - vb}
    elif a != b:
        modified.add(path)


# Merging and pruning ------------------------------------------------------

def _merge(live, config, schema, names):
    """structured-merge-diff's merge of an applied configuration into a live value."""
    if live is _MISSING or config is None:
        return config
    if isinstance(live, dict) and isinstance(config, dict) and not schema.atomic_map(names):
        out = dict(live)
        for k, v in config.items():
            out[k] = _merge(live.get(k, _MISSING), v, schema, names + (k,))
        return out
    if isinstance(live, list) and isinstance(config, list):
        lt = schema.list_type(names)
        if _keyed(config, lt) and (_keyed(live, lt) or not live):
            return _merge_keyed(live, config, lt, schema, names)
        if lt.kind == "set":
            return live + [x for x in config if x not in live]
    return config


def _merge_keyed(live: list, config: list, lt, schema, names) -> list:
    """structured-merge-diff's list-map merge: items only in live keep their
    place, items in both follow the applied order with their values merged,
    new items come where they were applied."""
    lkeys = [_key_element(x, lt) for x in live]
    rkeys = [_key_element(x, lt) for x in config]
    lmap, rmap = dict(zip(lkeys, live)), dict(zip(rkeys, config))
    shared = [k for k in rkeys if k in lmap]
    out, merged, li, ri = [], set(), 0, 0

    def take_rhs(k):
        out.append(_merge(lmap.get(k, _MISSING), rmap[k], schema, names))
        merged.add(k)
        if shared and shared[0] == k:
            shared.pop(0)

    while li < len(lkeys) or ri < len(rkeys):
        if li < len(lkeys) and ri < len(rkeys):
            lk = lkeys[li]
            if lk == rkeys[ri]:
                take_rhs(lk)
                li, ri = li + 1, ri + 1
                continue
            if lk in rmap and shared and shared[0] != lk:
                li += 1  # a shared item, placed when the applied order reaches it
                continue
        if li < len(lkeys):
            lk = lkeys[li]
            if lk not in rmap:
                out.append(lmap[lk])
                li += 1
                continue
            if lk in merged:
                li += 1
                continue
        if ri < len(rkeys):
            take_rhs(rkeys[ri])
            ri += 1
    return out


def _remove_path(obj: dict, path: tuple, schema: Schema):
    """Removes the value at path (if present) and any maps emptied by that."""
    trail, cur, names = [], obj, ()
    for pe in path[:-1]:
        nxt, names = _step(cur, pe, schema, names)
        if nxt is None:
            return
        trail.append((cur, pe))
        cur = nxt
    _delete(cur, path[-1], schema, names)
    while trail and isinstance(cur, dict) and not cur:
        parent, pe = trail.pop()
        if pe == "f:metadata" or not isinstance(parent, dict):
            break
        del parent[pe[2:]]
        cur = parent


def _step(cur, pe, schema, names):
    if pe.startswith("f:") and isinstance(cur, dict):
        return cur.get(pe[2:]), names + (pe[2:],)
    if pe.startswith("k:") and isinstance(cur, list):
        lt = schema.list_type(names)
        for item in cur:
            if isinstance(item, dict) and _key_element(item, lt) == pe:
                return item, names
    return None, names


def _delete(cur, pe, schema, names):
    if pe.startswith("f:") and isinstance(cur, dict):
        cur.pop(pe[2:], None)
    elif pe.startswith("k:") and isinstance(cur, list):
        lt = schema.list_type(names)
        cur[:] = [x for x in cur if not (isinstance(x, dict) and _key_element(x, lt) == pe)]
    elif pe.startswith("v:") and isinstance(cur, list):
        cur[:] = [x for x in cur if _value_element(x) != pe]


# Operations ----------------------------------------------------------------

class Managers:
    """The managedFields of one object, decoded."""

    def __init__(self, entries: list | None):
        self.by_ident: dict[tuple, Manager] = {}
        for e in entries or []:
            m = Manager(e.get("manager", ""), e.get("operation", "Update"),
                        e.get("apiVersion", ""), e.get("subresource", ""), e.get("time", ""),
                        decode_fields(e.get("fieldsV1") or {}))
            self.by_ident[m.ident] = m

    def encode(self) -> list:
        out = []
        for m in self.by_ident.values():
            e = {"manager": m.manager, "operation": m.operation, "apiVersion": m.api_version,
                 "time": m.time, "fieldsType": "FieldsV1", "fieldsV1": encode_fields(m.fields)}
            if m.subresource:
                e["subresource"] = m.subresource
            out.append(e)
        out.sort(key=lambda e: (e["operation"], e["time"], e["manager"], e["apiVersion"],
                                e.get("subresource", "")))
        return out

    def drop_empty(self):
        self.by_ident = {k: m for k, m in self.by_ident.items() if m.fields}


def update(live: dict, new: dict, managers: Managers, who: Manager, schema: Schema, now: str):
    """Ownership after an Update operation: `who` takes whatever it changed."""
    added, modified, removed = compare(live, new, schema)
    if not (added or modified or removed):
        return
    changed = added | modified
    for m in managers.by_ident.values():
        if m.ident != who.ident:
            m.fields -= changed | removed
    mine = managers.by_ident.setdefault(who.ident, who)
    mine.fields = (mine.fields - removed) | changed
    mine.time = now
    managers.drop_empty()


def apply(live: dict, config: dict, managers: Managers, who: Manager, force: bool,
          schema: Schema, now: str) -> dict:
    """Server-side apply of `config` by `who`; returns the merged object (not
    yet defaulted) and updates `managers`. Raises a 409 on conflicts."""
    merged = clone(_merge(live, config, schema, ()))
    new_set = field_set(config, schema)
    previous = managers.by_ident.get(who.ident)
    last_set = previous.fields if previous else set()
    others = [m for m in managers.by_ident.values() if m.ident != who.ident]

    # Prune what the applier owned before, no longer applies, and nobody else owns.
    owned_prefixes = set()
    for s in [new_set] + [m.fields for m in others]:
        for p in s:
            owned_prefixes.update(p[:i] for i in range(1, len(p) + 1))
    for p in sorted(last_set - new_set, key=len):
        if p not in owned_prefixes:
            _remove_path(merged, p, schema)
    _drop_nulls(merged)

    added, modified, removed = compare(live, merged, schema)
    conflicts = [(m, p) for m in others for p in sorted(m.fields & (added | modified))]
    if conflicts and not force:
        raise conflict_error(conflicts)
    changed_by_others = {m.ident for m, _ in conflicts}
    for m in others:
        if m.ident in changed_by_others:
            m.fields = m.fields - (added | modified)
        m.fields -= removed
    if previous is None or new_set != last_set or added or modified or removed:
        who.time = now
    else:
        who.time = previous.time
    who.fields = new_set - removed
    managers.by_ident[who.ident] = who
    managers.drop_empty()
    return merged


def _drop_nulls(v):
    if isinstance(v, dict):
        for k in [k for k, x in v.items() if x is None]:
            del v[k]
        for x in v.values():
            _drop_nulls(x)
    elif isinstance(v, list):
        for x in v:
            _drop_nulls(x)


def conflict_error(conflicts: list) -> ApiError:
    causes = [{"type": "FieldManagerConflict", "message": f"conflict with {m.describe()}",
               "field": path_string(p)} for m, p in conflicts]
    if len(conflicts) == 1:
        m, p = conflicts[0]
        msg = f"Apply failed with 1 conflict: conflict with {m.describe()}: {path_string(p)}"
    else:
        by_manager: dict[str, list] = {}
        for m, p in conflicts:
            by_manager.setdefault(m.describe(), []).append(path_string(p))
        lines = []
        for name in sorted(by_manager):
            lines.append(f"conflicts with {name}:")
            lines.extend(f"- {p}" for p in by_manager[name])
        msg = f"Apply failed with {len(conflicts)} conflicts: " + "\n".join(lines)
    return ApiError(409, "Conflict", msg, {"causes": causes})


# fieldsV1 encoding ---------------------------------------------------------

_ORDER = {"f": 0, "k": 1, "v": 2, "i": 3}


def encode_fields(paths: set) -> dict:
    tree: dict = {}
    members = set()
    for p in paths:
        node = tree
        for pe in p:
            node = node.setdefault(pe, {})
        members.add(p)

    def render(node, prefix):
        out = {}
        if node and prefix in members:
            out["."] = {}
        for pe in sorted(node, key=lambda e: (_ORDER.get(e[0], 4), e)):
            out[pe] = render(node[pe], prefix + (pe,))
        return out
    return render(tree, ())


def decode_fields(tree: dict, prefix: tuple = ()) -> set:
    out = set()
    for pe, sub in tree.items():
        if pe == ".":
            out.add(prefix)
            continue
        p = prefix + (pe,)
        if not sub:
            out.add(p)
        else:
            out |= decode_fields(sub, p)
    return out
