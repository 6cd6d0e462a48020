"""Discovery documents: legacy (/api, /apis, /apis/G/V) and aggregated
(apidiscovery.k8s.io/v2 APIGroupDiscoveryList), built from the registry."""

from resources import SUBRESOURCE_VERBS, Registry, ResourceType

VERSION_INFO = {
    "major": "1", "minor": "32", "gitVersion": "v1.32.0", "gitCommit": "kube-double",
    "gitTreeState": "clean", "buildDate": "2024-12-11T00:00:00Z", "goVersion": "go1.23.3",
    "compiler": "gc", "platform": "linux/amd64",
}


def _subresources(rt: ResourceType) -> list[tuple[str, dict]]:
    """(name, responseKind) of each subresource."""
    own = {"group": "", "version": "", "kind": rt.kind}
    subs = []
    if rt.status:
        subs.append(("status", own))
    if rt.scale:
        subs.append(("scale", {"group": "autoscaling", "version": "v1", "kind": "Scale"}))
    if rt.kind == "Namespace":
        subs.append(("finalize", own))
    return subs


def api_versions(server_address: str) -> dict:
    return {"kind": "APIVersions", "versions": ["v1"],
            "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0",
                                            "serverAddress": server_address}]}


def _group(name: str, versions: list[str]) -> dict:
    gvs = [{"groupVersion": f"{name}/{v}", "version": v} for v in versions]
    return {"name": name, "versions": gvs, "preferredVersion": gvs[0]}


def api_group_list(registry: Registry) -> dict:
    return {"kind": "APIGroupList", "apiVersion": "v1",
            "groups": [_group(g, vs) for g, vs in registry.groups() if g]}


def api_group(registry: Registry, group: str) -> dict | None:
    for g, vs in registry.groups():
        if g == group and g:
            return {"kind": "APIGroup", "apiVersion": "v1", **_group(g, vs)}
    return None


def api_resource_list(registry: Registry, group: str, version: str) -> dict | None:
    types = registry.resources(group, version)
    if not types:
        return None
    resources = []
    for rt in types:
        entry = {"name": rt.resource, "singularName": rt.singular, "namespaced": rt.namespaced,
                 "kind": rt.kind, "verbs": list(rt.verbs)}
        if rt.short_names:
            entry["shortNames"] = list(rt.short_names)
        if rt.categories:
            entry["categories"] = list(rt.categories)
        resources.append(entry)
        for sub, kind in _subresources(rt):
            e = {"name": f"{rt.resource}/{sub}", "singularName": "", "namespaced": rt.namespaced,
                 "kind": kind["kind"], "verbs": ["update"] if sub == "finalize" else list(SUBRESOURCE_VERBS)}
            if kind["group"]:
                e.update(group=kind["group"], version=kind["version"])
            resources.append(e)
    gv = f"{group}/{version}" if group else version
    return {"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": gv, "resources": resources}


def aggregated(registry: Registry, legacy: bool, version: str) -> dict:
    """APIGroupDiscoveryList for /api (legacy=True) or /apis."""
    items = []
    for group, versions in registry.groups():
        if bool(group) == legacy:
            continue
        vlist = []
        for v in versions:
            resources = []
            for rt in registry.resources(group, v):
                r = {"resource": rt.resource,
                     "responseKind": {"group": "", "version": "", "kind": rt.kind},
                     "scope": "Namespaced" if rt.namespaced else "Cluster",
                     "singularResource": rt.singular, "verbs": list(rt.verbs)}
                if rt.short_names:
                    r["shortNames"] = list(rt.short_names)
                if rt.categories:
                    r["categories"] = list(rt.categories)
                subs = [{"subresource": sub, "responseKind": kind,
                         "verbs": ["update"] if sub == "finalize" else list(SUBRESOURCE_VERBS)}
                        for sub, kind in _subresources(rt)]
                if subs:
                    r["subresources"] = subs
                resources.append(r)
            vlist.append({"version": v, "resources": resources, "freshness": "Current"})
        items.append({"metadata": {"name": group, "creationTimestamp": None}, "versions": vlist})
    return {"kind": "APIGroupDiscoveryList", "apiVersion": f"apidiscovery.k8s.io/{version}",
            "metadata": {}, "items": items}
