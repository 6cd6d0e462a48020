"""How lists and maps merge: the few schema facts that strategic merge patch
and server-side apply need.

Built-in types follow the Kubernetes Go types' markers (patchMergeKey,
listType=map/listMapKey, structType/mapType=atomic) for the common fields;
every other list is atomic. Custom resources follow their CRD schema's
x-kubernetes-list-type / x-kubernetes-list-map-keys / x-kubernetes-map-type.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class ListType:
    kind: str  # "map" (keyed items), "set" (unique scalars) or "atomic"
    keys: tuple = ()  # for "map": key field names, in SSA order
    defaults: tuple = ()  # (key, default) for key fields the API server defaults

    @property
    def merge_key(self) -> str:
        """The strategic-merge-patch patchMergeKey (the first key)."""
        return self.keys[0]


ATOMIC = ListType("atomic")
_POD_CONTAINERS = ("containers", "initContainers", "ephemeralContainers")
_NAME = ListType("map", ("name",))

# Keyed lists by field name, wherever they appear in a built-in object.
_BY_NAME = {
    **{c: _NAME for c in _POD_CONTAINERS},
    "env": _NAME, "volumes": _NAME, "imagePullSecrets": _NAME,
    "volumeMounts": ListType("map", ("mountPath",)),
    "volumeDevices": ListType("map", ("devicePath",)),
    "hostAliases": ListType("map", ("ip",)),
    "topologySpreadConstraints": ListType("map", ("topologyKey", "whenUnsatisfiable")),
    "ownerReferences": ListType("map", ("uid",)),
    "conditions": ListType("map", ("type",)),
    "finalizers": ListType("set"),
}
_CONTAINER_PORTS = ListType("map", ("containerPort", "protocol"), (("protocol", "TCP"),))
_SERVICE_PORTS = ListType("map", ("port", "protocol"), (("protocol", "TCP"),))

# Atomic structs and maps (LabelSelector is structType=atomic, selectors of
# services and pods are mapType=atomic).
_ATOMIC_MAPS = {"selector", "podSelector", "namespaceSelector", "nodeSelector"}


def builtin_list_type(path: tuple) -> ListType:
    """path: field names from the object root to the list (no list indices)."""
    name = path[-1] if path else ""
    if name == "ports":
        if len(path) >= 2 and path[-2] in _POD_CONTAINERS:
            return _CONTAINER_PORTS
        if path == ("spec", "ports"):
            return _SERVICE_PORTS
        return ATOMIC
    if name == "finalizers" and path != ("metadata", "finalizers"):
        return ATOMIC  # e.g. Namespace spec.finalizers
    if name == "conditions" and path[:1] != ("status",):
        return ATOMIC
    return _BY_NAME.get(name, ATOMIC)


def _crd_node(schema: dict | None, path: tuple) -> dict | None:
    node = schema
    for name in path:
        if not isinstance(node, dict):
            return None
        if node.get("type") == "array":
            node = node.get("items")
        if not isinstance(node, dict):
            return None
        props = node.get("properties") or {}
        node = props.get(name) if name in props else node.get("additionalProperties")
    return node if isinstance(node, dict) else None


class Schema:
    """Merge semantics of one resource type."""

    def __init__(self, rt):
        self.custom = rt.custom
        self.crd_schema = rt.schema

    def list_type(self, path: tuple) -> ListType:
        if not self.custom:
            return builtin_list_type(path)
        node = _crd_node(self.crd_schema, path) or {}
        lt = node.get("x-kubernetes-list-type")
        if lt == "map":
            return ListType("map", tuple(node.get("x-kubernetes-list-map-keys") or ()))
        if lt == "set":
            return ListType("set")
        return ATOMIC

    def atomic_map(self, path: tuple) -> bool:
        if not self.custom:
            return bool(path) and path[-1] in _ATOMIC_MAPS and path != ("metadata", "labels")
        node = _crd_node(self.crd_schema, path) or {}
        return node.get("x-kubernetes-map-type") == "atomic"
