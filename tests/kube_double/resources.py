"""The resource types the double serves: a table of built-in types and the
ones added by established CustomResourceDefinitions."""

import re
import threading
from dataclasses import dataclass, field

ALL_VERBS = ("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch")
NO_COLLECTION = ("create", "delete", "get", "list", "patch", "update", "watch")
SUBRESOURCE_VERBS = ("get", "patch", "update")


@dataclass
class ResourceType:
    group: str
    version: str
    resource: str  # plural, as in URLs
    kind: str
    namespaced: bool
    singular: str
    short_names: tuple = ()
    categories: tuple = ()
    verbs: tuple = ALL_VERBS
    status: bool = False  # has a /status subresource
    scale: bool = False  # has a /scale subresource
    generation: bool = False  # the registry strategy maintains metadata.generation
    custom: bool = False  # served from a CRD
    schema: dict | None = field(default=None, repr=False)  # a CRD version's openAPIV3Schema
    printer_columns: tuple = ()  # a CRD version's additionalPrinterColumns
    scale_paths: dict | None = None  # a CRD version's subresources.scale

    @property
    def group_version(self) -> str:
        return f"{self.group}/{self.version}" if self.group else self.version

    @property
    def qualified(self) -> str:
        """Group-qualified resource name, as used in error messages."""
        return f"{self.resource}.{self.group}" if self.group else self.resource

    @property
    def rid(self) -> tuple:
        """Storage identity: the same for every served version of a resource."""
        return (self.group, self.resource)

    @property
    def list_kind(self) -> str:
        return self.kind + "List"


def _r(gv, resource, kind, namespaced, short=(), **kw):
    group, _, version = gv.rpartition("/")
    return ResourceType(group, version, resource, kind, namespaced, kind.lower(), tuple(short), **kw)


_WORKLOAD = dict(status=True, generation=True, categories=("all",))
BUILTIN = [
    _r("v1", "namespaces", "Namespace", False, ["ns"], verbs=NO_COLLECTION, status=True),
    _r("v1", "configmaps", "ConfigMap", True, ["cm"]),
    _r("v1", "secrets", "Secret", True),
    _r("v1", "services", "Service", True, ["svc"], status=True, categories=("all",)),
    _r("v1", "serviceaccounts", "ServiceAccount", True, ["sa"]),
    _r("v1", "persistentvolumeclaims", "PersistentVolumeClaim", True, ["pvc"], status=True),
    _r("v1", "pods", "Pod", True, ["po"], status=True, categories=("all",)),
    _r("v1", "events", "Event", True, ["ev"]),
    _r("v1", "endpoints", "Endpoints", True, ["ep"]),
    _r("v1", "limitranges", "LimitRange", True, ["limits"]),
    _r("v1", "resourcequotas", "ResourceQuota", True, ["quota"], status=True),
    _r("v1", "nodes", "Node", False, ["no"], status=True),
    _r("v1", "persistentvolumes", "PersistentVolume", False, ["pv"], status=True),
    _r("apps/v1", "deployments", "Deployment", True, ["deploy"], scale=True, **_WORKLOAD),
    _r("apps/v1", "statefulsets", "StatefulSet", True, ["sts"], scale=True, **_WORKLOAD),
    _r("apps/v1", "daemonsets", "DaemonSet", True, ["ds"], **_WORKLOAD),
    _r("apps/v1", "replicasets", "ReplicaSet", True, ["rs"], scale=True, **_WORKLOAD),
    _r("batch/v1", "jobs", "Job", True, **_WORKLOAD),
    _r("batch/v1", "cronjobs", "CronJob", True, ["cj"], **_WORKLOAD),
    _r("networking.k8s.io/v1", "ingresses", "Ingress", True, ["ing"], status=True, generation=True),
    _r("networking.k8s.io/v1", "networkpolicies", "NetworkPolicy", True, ["netpol"], generation=True),
    _r("networking.k8s.io/v1", "ingressclasses", "IngressClass", False),
    _r("policy/v1", "poddisruptionbudgets", "PodDisruptionBudget", True, ["pdb"],
       status=True, generation=True),
    _r("autoscaling/v2", "horizontalpodautoscalers", "HorizontalPodAutoscaler", True, ["hpa"],
       **_WORKLOAD),
    _r("rbac.authorization.k8s.io/v1", "roles", "Role", True),
    _r("rbac.authorization.k8s.io/v1", "rolebindings", "RoleBinding", True),
    _r("rbac.authorization.k8s.io/v1", "clusterroles", "ClusterRole", False),
    _r("rbac.authorization.k8s.io/v1", "clusterrolebindings", "ClusterRoleBinding", False),
    _r("storage.k8s.io/v1", "storageclasses", "StorageClass", False, ["sc"]),
    _r("scheduling.k8s.io/v1", "priorityclasses", "PriorityClass", False, ["pc"]),
    _r("coordination.k8s.io/v1", "leases", "Lease", True),
    _r("admissionregistration.k8s.io/v1", "mutatingwebhookconfigurations",
       "MutatingWebhookConfiguration", False),
    _r("admissionregistration.k8s.io/v1", "validatingwebhookconfigurations",
       "ValidatingWebhookConfiguration", False),
    _r("apiextensions.k8s.io/v1", "customresourcedefinitions", "CustomResourceDefinition", False,
       ["crd", "crds"], status=True, generation=True, categories=("api-extensions",)),
]

CRD = next(rt for rt in BUILTIN if rt.kind == "CustomResourceDefinition")
NAMESPACES = BUILTIN[0]


def crd_resource_types(crd: dict) -> list[ResourceType]:
    """The resource types an established CRD serves (one per served version)."""
    spec = crd["spec"]
    names = spec["names"]
    out = []
    for v in spec.get("versions", []):
        if not v.get("served", True):
            continue
        sub = v.get("subresources") or {}
        out.append(ResourceType(
            group=spec["group"], version=v["name"], resource=names["plural"], kind=names["kind"],
            namespaced=spec.get("scope", "Namespaced") == "Namespaced",
            singular=names.get("singular") or names["kind"].lower(),
            short_names=tuple(names.get("shortNames") or ()),
            categories=tuple(names.get("categories") or ()),
            status="status" in sub, scale="scale" in sub, generation=True, custom=True,
            schema=(v.get("schema") or {}).get("openAPIV3Schema"),
            printer_columns=tuple(v.get("additionalPrinterColumns") or ()),
            scale_paths=sub.get("scale")))
    return out


def version_priority(version: str) -> tuple:
    """Kubernetes version ordering: GA before beta before alpha, higher first;
    versions not of the vN[alpha|betaM] form sort last, alphabetically."""
    m = re.fullmatch(r"v(\d+)(?:(alpha|beta)(\d+))?", version)
    if not m:
        return (3, 0, 0, version)
    stability = {None: 0, "beta": 1, "alpha": 2}[m.group(2)]
    return (stability, -int(m.group(1)), -int(m.group(3) or 0), "")


class Registry:
    """Resource types by group/version/resource; CRDs come and go at run time."""

    def __init__(self):
        self._lock = threading.Lock()
        self._custom: dict[str, list[ResourceType]] = {}  # CRD name -> types
        self._rebuild()

    def _rebuild(self):
        custom = [rt for types in self._custom.values() for rt in types]
        custom.sort(key=lambda rt: (rt.group, version_priority(rt.version), rt.resource))
        self._types = BUILTIN + custom
        self._index = {(rt.group, rt.version, rt.resource): rt for rt in self._types}

    def lookup(self, group: str, version: str, resource: str) -> ResourceType | None:
        return self._index.get((group, version, resource))

    def by_rid(self, rid: tuple) -> list[ResourceType]:
        return [rt for rt in self._types if rt.rid == rid]

    def resources(self, group: str, version: str) -> list[ResourceType]:
        return [rt for rt in self._types if rt.group == group and rt.version == version]

    def groups(self) -> list[tuple[str, list[str]]]:
        """(group, versions) in discovery order; the first version is preferred."""
        order: dict[str, list[str]] = {}
        for rt in self._types:
            versions = order.setdefault(rt.group, [])
            if rt.version not in versions:
                versions.append(rt.version)
        return list(order.items())

    def set_crd(self, crd: dict):
        with self._lock:
            self._custom[crd["metadata"]["name"]] = crd_resource_types(crd)
            self._rebuild()

    def remove_crd(self, name: str):
        with self._lock:
            self._custom.pop(name, None)
            self._rebuild()

    def clear_crds(self):
        with self._lock:
            self._custom.clear()
            self._rebuild()
