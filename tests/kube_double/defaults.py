"""Defaulting of built-in types: the values the real API server fills in
(pkg/apis/*/v1/defaults.go) for the fields clients most often look at. Every
function is idempotent; it runs on each create and update, like decoding
with a defaulting codec does."""

import base64
import ipaddress
import itertools
import threading

from util import dig


def _setdefault(d: dict, key, value):
    if d.get(key) is None:
        d[key] = value


def _image_pull_policy(image: str) -> str:
    name = image.rpartition("/")[2]
    if "@" in name:
        return "IfNotPresent"
    tag = name.partition(":")[2]
    return "Always" if tag in ("", "latest") else "IfNotPresent"


def pod_spec(spec: dict):
    _setdefault(spec, "restartPolicy", "Always")
    _setdefault(spec, "dnsPolicy", "ClusterFirst")
    _setdefault(spec, "schedulerName", "default-scheduler")
    _setdefault(spec, "securityContext", {})
    _setdefault(spec, "terminationGracePeriodSeconds", 30)
    for key in ("containers", "initContainers"):
        for c in spec.get(key) or []:
            if not isinstance(c, dict):
                continue
            _setdefault(c, "terminationMessagePath", "/dev/termination-log")
            _setdefault(c, "terminationMessagePolicy", "File")
            _setdefault(c, "imagePullPolicy", _image_pull_policy(c.get("image") or ""))
            _setdefault(c, "resources", {})
            for p in c.get("ports") or []:
                if isinstance(p, dict):
                    _setdefault(p, "protocol", "TCP")


def _template(spec: dict):
    tmpl = spec.get("template")
    if isinstance(tmpl, dict) and isinstance(tmpl.get("spec"), dict):
        pod_spec(tmpl["spec"])


def _deployment(spec):
    _setdefault(spec, "replicas", 1)
    _setdefault(spec, "revisionHistoryLimit", 10)
    _setdefault(spec, "progressDeadlineSeconds", 600)
    strategy = spec.setdefault("strategy", {})
    _setdefault(strategy, "type", "RollingUpdate")
    if strategy["type"] == "RollingUpdate":
        ru = strategy.setdefault("rollingUpdate", {})
        _setdefault(ru, "maxUnavailable", "25%")
        _setdefault(ru, "maxSurge", "25%")
    _template(spec)


def _statefulset(spec):
    _setdefault(spec, "replicas", 1)
    _setdefault(spec, "podManagementPolicy", "OrderedReady")
    _setdefault(spec, "revisionHistoryLimit", 10)
    strategy = spec.setdefault("updateStrategy", {})
    _setdefault(strategy, "type", "RollingUpdate")
    if strategy["type"] == "RollingUpdate":
        _setdefault(strategy.setdefault("rollingUpdate", {}), "partition", 0)
    policy = spec.setdefault("persistentVolumeClaimRetentionPolicy", {})
    _setdefault(policy, "whenDeleted", "Retain")
    _setdefault(policy, "whenScaled", "Retain")
    _template(spec)


def _daemonset(spec):
    _setdefault(spec, "revisionHistoryLimit", 10)
    strategy = spec.setdefault("updateStrategy", {})
    _setdefault(strategy, "type", "RollingUpdate")
    if strategy["type"] == "RollingUpdate":
        ru = strategy.setdefault("rollingUpdate", {})
        _setdefault(ru, "maxUnavailable", 1)
        _setdefault(ru, "maxSurge", 0)
    _template(spec)


def _replicaset(spec):
    _setdefault(spec, "replicas", 1)
    _template(spec)


def _job(spec):
    _setdefault(spec, "parallelism", 1)
    _setdefault(spec, "completions", 1)
    _setdefault(spec, "backoffLimit", 6)
    _setdefault(spec, "completionMode", "NonIndexed")
    _setdefault(spec, "suspend", False)
    _setdefault(spec, "podReplacementPolicy", "TerminatingOrFailed")
    tmpl = spec.get("template")
    if isinstance(tmpl, dict) and isinstance(tmpl.get("spec"), dict):
        # The pod template of a Job has no restartPolicy default: it must be
        # OnFailure or Never, which validation checks.
        restart = tmpl["spec"].get("restartPolicy")
        pod_spec(tmpl["spec"])
        if restart is None:
            del tmpl["spec"]["restartPolicy"]


def _cronjob(spec):
    _setdefault(spec, "concurrencyPolicy", "Allow")
    _setdefault(spec, "suspend", False)
    _setdefault(spec, "successfulJobsHistoryLimit", 3)
    _setdefault(spec, "failedJobsHistoryLimit", 1)
    job = dig(spec, "jobTemplate", "spec")
    if isinstance(job, dict):
        tmpl = job.get("template")
        if isinstance(tmpl, dict) and isinstance(tmpl.get("spec"), dict):
            pod_spec(tmpl["spec"])


def _service(spec):
    _setdefault(spec, "type", "ClusterIP")
    _setdefault(spec, "sessionAffinity", "None")
    if spec["type"] != "ExternalName":
        _setdefault(spec, "internalTrafficPolicy", "Cluster")
    if spec["type"] in ("NodePort", "LoadBalancer"):
        _setdefault(spec, "externalTrafficPolicy", "Cluster")
    if spec["type"] == "LoadBalancer":
        _setdefault(spec, "allocateLoadBalancerNodePorts", True)
    for p in spec.get("ports") or []:
        if isinstance(p, dict):
            _setdefault(p, "protocol", "TCP")
            if "port" in p:
                _setdefault(p, "targetPort", p["port"])


def _networkpolicy(spec):
    if not spec.get("policyTypes"):
        spec["policyTypes"] = ["Ingress"] + (["Egress"] if spec.get("egress") else [])


_SPEC_DEFAULTS = {
    ("apps", "deployments"): _deployment,
    ("apps", "statefulsets"): _statefulset,
    ("apps", "daemonsets"): _daemonset,
    ("apps", "replicasets"): _replicaset,
    ("batch", "jobs"): _job,
    ("batch", "cronjobs"): _cronjob,
    ("", "services"): _service,
    ("", "pods"): pod_spec,
    ("networking.k8s.io", "networkpolicies"): _networkpolicy,
}


def apply_defaults(rid: tuple, obj: dict):
    """Fills in defaults in place."""
    fn = _SPEC_DEFAULTS.get(rid)
    if fn and isinstance(obj.get("spec"), dict):
        fn(obj["spec"])
    if rid == ("", "secrets"):
        _setdefault(obj, "type", "Opaque")
        string_data = obj.pop("stringData", None)  # write-only: merged into data
        if isinstance(string_data, dict):
            data = obj.setdefault("data", {})
            for k, v in string_data.items():
                data[k] = base64.b64encode(str(v).encode()).decode()
    elif rid == ("", "namespaces"):
        labels = obj["metadata"].setdefault("labels", {})
        labels["kubernetes.io/metadata.name"] = obj["metadata"]["name"]
    elif rid == ("", "persistentvolumeclaims") and isinstance(obj.get("spec"), dict):
        _setdefault(obj["spec"], "volumeMode", "Filesystem")
    elif rid == ("apiextensions.k8s.io", "customresourcedefinitions") and isinstance(obj.get("spec"), dict):
        _setdefault(obj["spec"], "conversion", {"strategy": "None"})


class Allocator:
    """Cluster IPs and node ports for Services, handed out once each."""

    def __init__(self):
        self._lock = threading.Lock()
        self._ips = (str(ipaddress.ip_address("10.96.0.10") + i) for i in itertools.count())
        self._ports = itertools.cycle(range(30000, 32768))

    def on_create(self, rid: tuple, obj: dict):
        """Allocations and defaults that only happen when an object is created."""
        spec = obj.get("spec")
        if rid == ("", "services") and isinstance(spec, dict):
            with self._lock:
                if spec["type"] != "ExternalName":
                    if not spec.get("clusterIP"):
                        spec["clusterIP"] = next(self._ips)
                    _setdefault(spec, "clusterIPs", [spec["clusterIP"]])
                    _setdefault(spec, "ipFamilies", ["IPv4"])
                    _setdefault(spec, "ipFamilyPolicy", "SingleStack")
                if spec["type"] in ("NodePort", "LoadBalancer"):
                    for p in spec.get("ports") or []:
                        if isinstance(p, dict):
                            _setdefault(p, "nodePort", next(self._ports))
        elif rid == ("", "namespaces"):
            obj.setdefault("spec", {}).setdefault("finalizers", ["kubernetes"])
            obj["status"] = {"phase": "Active"}
        elif rid == ("batch", "jobs") and isinstance(spec, dict) and not spec.get("manualSelector"):
            uid, name = obj["metadata"]["uid"], obj["metadata"]["name"]
            generated = {"batch.kubernetes.io/controller-uid": uid, "batch.kubernetes.io/job-name": name,
                         "controller-uid": uid, "job-name": name}
            spec.setdefault("selector", {"matchLabels": {"batch.kubernetes.io/controller-uid": uid}})
            tmpl = spec.setdefault("template", {})
            tmpl.setdefault("metadata", {}).setdefault("labels", {}).update(generated)
        elif rid == ("", "persistentvolumeclaims"):
            obj["status"] = {"phase": "Pending"}
