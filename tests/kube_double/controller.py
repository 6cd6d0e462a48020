"""The cluster's controllers, reduced to what a deploy tool can observe:

- workloads (Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs, Pods)
  report ready/complete status `ready_delay` seconds after each change of
  their spec, or failure when a failure rule (set through the admin API)
  matches them; LoadBalancer Services get an ingress address and
  PersistentVolumeClaims are bound, after the same delay;
- namespaces being deleted are emptied, then removed;
- CustomResourceDefinitions are established (their resources served) and,
  on deletion, their custom resources removed;
- the garbage collector deletes dependents whose owners are gone, and handles
  the foregroundDeletion and orphan finalizers.

No pods or ReplicaSets are created for workloads: only their status moves.
Every change is made through the API's own write path, as an Update by
kube-controller-manager (or kube-apiserver for CRDs), so it shows up in
resourceVersions, managedFields and watches like a real controller's would.
"""

import hashlib
import heapq
import itertools
import json
import logging
import threading
import time

from api import CRD_FINALIZER, Api
from errors import ApiError
from resources import CRD, NAMESPACES
from util import clone, dig, now

log = logging.getLogger("kube-double.controller")

WORKLOADS = {("apps", "deployments"), ("apps", "statefulsets"), ("apps", "daemonsets"),
             ("apps", "replicasets"), ("batch", "jobs"), ("", "pods"), ("", "services"),
             ("", "persistentvolumeclaims")}
MANAGER = "kube-controller-manager"
_HASH_CHARS = "bcdfghjklmnpqrstvwxz2456789"


def _template_hash(obj: dict) -> str:
    digest = hashlib.sha256(json.dumps(dig(obj, "spec", "template"), sort_keys=True).encode()).digest()
    return "".join(_HASH_CHARS[b % len(_HASH_CHARS)] for b in digest[:10])


def _containers(obj: dict) -> list:
    spec = obj.get("spec") or {}
    pod = spec if obj.get("kind") == "Pod" else dig(spec, "template", "spec") or {}
    return [c for key in ("initContainers", "containers") for c in pod.get(key) or [] if isinstance(c, dict)]


def _condition(old_status: dict, type_: str, status: str, reason: str, message: str,
               update_time: bool = False) -> dict:
    """A condition that keeps its lastTransitionTime while its status holds."""
    prev = next((c for c in (old_status or {}).get("conditions") or [] if c.get("type") == type_), {})
    ts = now()
    c = {"type": type_, "status": status}
    if update_time:
        c["lastUpdateTime"] = prev.get("lastUpdateTime", ts) if prev.get("status") == status and \
            prev.get("reason") == reason else ts
    c["lastTransitionTime"] = prev.get("lastTransitionTime", ts) if prev.get("status") == status else ts
    c.update(reason=reason, message=message)
    return c


def _nonzero(d: dict) -> dict:
    """Drops zero counts, as the Go types' omitempty does."""
    return {k: v for k, v in d.items() if v != 0 or k in ("numberMisscheduled", "collisionCount",
                                                            "ready", "terminating")}


def desired_status(obj: dict, failing: bool) -> dict | None:
    """The status a workload's controller would report once it settles."""
    kind, name, spec = obj["kind"], obj["metadata"]["name"], obj.get("spec") or {}
    old = obj.get("status") or {}
    gen = obj["metadata"].get("generation")
    r = spec.get("replicas", 1)
    if kind == "Deployment":
        rs = f'ReplicaSet "{name}-{_template_hash(obj)}"'
        if failing:
            return _nonzero({"observedGeneration": gen, "replicas": r, "updatedReplicas": r,
                             "unavailableReplicas": r, "conditions": [
                                 _condition(old, "Available", "False", "MinimumReplicasUnavailable",
                                            "Deployment does not have minimum availability.", True),
                                 _condition(old, "Progressing", "False", "ProgressDeadlineExceeded",
                                            f"{rs} has timed out progressing.", True)]})
        return _nonzero({"observedGeneration": gen, "replicas": r, "updatedReplicas": r,
                         "readyReplicas": r, "availableReplicas": r, "conditions": [
                             _condition(old, "Available", "True", "MinimumReplicasAvailable",
                                        "Deployment has minimum availability.", True),
                             _condition(old, "Progressing", "True", "NewReplicaSetAvailable",
                                        f"{rs} has successfully progressed.", True)]})
    if kind == "StatefulSet":
        revision = f"{name}-{_template_hash(obj)}"
        ready = 0 if failing else r
        return _nonzero({"observedGeneration": gen, "replicas": r, "readyReplicas": ready,
                         "currentReplicas": r, "updatedReplicas": r, "availableReplicas": ready,
                         "currentRevision": revision, "updateRevision": revision, "collisionCount": 0})
    if kind == "DaemonSet":
        ready = 0 if failing else 1
        return _nonzero({"currentNumberScheduled": 1, "desiredNumberScheduled": 1,
                         "numberAvailable": ready, "numberMisscheduled": 0, "numberReady": ready,
                         "numberUnavailable": 1 - ready, "observedGeneration": gen,
                         "updatedNumberScheduled": 1})
    if kind == "ReplicaSet":
        ready = 0 if failing else r
        return _nonzero({"replicas": r, "fullyLabeledReplicas": r, "readyReplicas": ready,
                         "availableReplicas": ready, "observedGeneration": gen})
    if kind == "Job":
        if spec.get("suspend") or any(c.get("type") in ("Complete", "Failed") and c.get("status") == "True"
                                      for c in old.get("conditions") or []):
            return None  # suspended, or finished for good
        base = {"startTime": old.get("startTime", now()), "ready": 0, "terminating": 0,
                "uncountedTerminatedPods": {}}
        if failing:
            msg = "Job has reached the specified backoff limit"
            return dict(base, failed=spec.get("backoffLimit", 6) + 1, conditions=[
                _condition(old, "FailureTarget", "True", "BackoffLimitExceeded", msg),
                _condition(old, "Failed", "True", "BackoffLimitExceeded", msg)])
        msg = "Reached expected number of succeeded pods"
        return dict(base, completionTime=now(), succeeded=spec.get("completions", 1), conditions=[
            _condition(old, "SuccessCriteriaMet", "True", "CompletionsReached", msg),
            _condition(old, "Complete", "True", "CompletionsReached", msg)])
    if kind == "Pod":
        return _pod_status(obj, failing)
    if kind == "Service":
        if spec.get("type") != "LoadBalancer":
            return None
        return {"loadBalancer": {"ingress": [{"ip": "127.0.0.1", "ipMode": "VIP"}]}}
    if kind == "PersistentVolumeClaim":
        requested = dig(spec, "resources", "requests", "storage")
        status = {"phase": "Bound", "accessModes": spec.get("accessModes") or []}
        if requested:
            status["capacity"] = {"storage": requested}
        return status
    return None


def _pod_status(obj: dict, failing: bool) -> dict:
    old = obj.get("status") or {}
    spec = obj.get("spec") or {}
    runs_once = spec.get("restartPolicy", "Always") != "Always"
    started = old.get("startTime", now())
    statuses = []
    for c in spec.get("containers") or []:
        cs = {"name": c.get("name"), "image": c.get("image"), "imageID": "", "restartCount": 0,
              "ready": not failing and not runs_once, "started": not runs_once}
        if failing and not runs_once:
            cs["state"] = {"waiting": {"reason": "CrashLoopBackOff",
                                       "message": f"back-off restarting failed container {c.get('name')}"}}
        elif runs_once:
            cs["state"] = {"terminated": {"exitCode": 1 if failing else 0,
                                          "reason": "Error" if failing else "Completed",
                                          "startedAt": started, "finishedAt": now()}}
        else:
            cs["state"] = {"running": {"startedAt": started}}
        statuses.append(cs)
    ready = "False" if failing or runs_once else "True"
    phase = ("Failed" if failing else "Succeeded") if runs_once else "Running"
    conditions = []
    for type_, status in (("PodScheduled", "True"), ("Initialized", "True"), ("Ready", ready),
                          ("ContainersReady", ready)):
        prev = next((c for c in old.get("conditions") or [] if c.get("type") == type_), {})
        since = prev.get("lastTransitionTime") if prev.get("status") == status else None
        conditions.append({"type": type_, "status": status, "lastProbeTime": None,
                           "lastTransitionTime": since or now()})
    return {"phase": phase, "conditions": conditions, "hostIP": "10.0.0.1", "podIP": "10.244.0.10",
            "startTime": started, "containerStatuses": statuses, "qosClass": "BestEffort"}


def _same(a, b) -> bool:
    """Status equality, ignoring timestamps that only move with the clock."""
    def strip(v):
        if isinstance(v, dict):
            return {k: strip(x) for k, x in v.items()
                    if k not in ("lastUpdateTime", "lastTransitionTime", "completionTime", "finishedAt")}
        if isinstance(v, list):
            return [strip(x) for x in v]
        return v
    return strip(a) == strip(b)


class Controller:
    def __init__(self, api: Api, ready_delay: float):
        self.api = api
        self.store = api.store
        self.registry = api.registry
        self.ready_delay = ready_delay
        self._queue: list = []
        self._seq = itertools.count()
        self._wake = threading.Condition()
        self._changed_at: dict = {}  # workload key -> (generation, time)
        self._dependents: dict = {}  # owner uid -> {(rid, ns, name)}
        self._uids: set = set()  # uids of the objects that exist
        self.fail_rules: list[dict] = []
        self.store.add_listener(self._on_event)
        threading.Thread(target=self._run, name="controller", daemon=True).start()

    # Failure rules (test control) ---------------------------------------------

    def set_fail_rules(self, rules: list[dict]):
        with self.store.lock:
            self.fail_rules = rules
            for rid in WORKLOADS:
                for obj in self.store.current(rid):
                    self._schedule(0, ("workload", rid, obj["metadata"].get("namespace", ""),
                                       obj["metadata"]["name"]))

    def _failing(self, obj: dict) -> bool:
        meta = obj["metadata"]
        for rule in self.fail_rules:
            if rule.get("kind") not in (None, obj["kind"]):
                continue
            if rule.get("namespace") not in (None, meta.get("namespace", "")):
                continue
            if rule.get("name") not in (None, meta["name"]):
                continue
            if "image" in rule and not any(rule["image"] in (c.get("image") or "") for c in _containers(obj)):
                continue
            return True
        return False

    # Event intake (called under the store lock: must stay quick) ----------------

    def _schedule(self, delay: float, item: tuple):
        with self._wake:
            heapq.heappush(self._queue, (time.monotonic() + delay, next(self._seq), item))
            self._wake.notify()

    def reset(self):
        """Forgets all tracked state (after the store was cleared)."""
        with self.store.lock:
            self.fail_rules = []
            self._changed_at.clear()
            self._dependents.clear()
            self._uids.clear()

    def _on_event(self, ev):
        meta = ev.obj["metadata"]
        ns, name = ev.key
        self._index_owners(ev)
        if ev.type == "DELETED":
            self._uids.discard(meta["uid"])
            self._changed_at.pop((ev.rid, ns, name), None)
            if meta["uid"] in self._dependents:
                self._schedule(0, ("gc", meta["uid"]))
            if ev.rid == CRD.rid:
                self._schedule(0, ("crd", name))
            return
        self._uids.add(meta["uid"])
        if meta.get("deletionTimestamp"):
            if ev.rid == NAMESPACES.rid:
                self._schedule(self.ready_delay, ("namespace", name))
            elif ev.rid == CRD.rid:
                self._schedule(0, ("crd", name))
            if {"foregroundDeletion", "orphan"} & set(meta.get("finalizers") or []):
                self._schedule(0, ("finalize", ev.rid, ns, name))
            return
        if ev.rid == CRD.rid:
            self._schedule(0, ("crd", name))
        elif ev.rid in WORKLOADS:
            key = (ev.rid, ns, name)
            gen = meta.get("generation", 0)
            if key not in self._changed_at or self._changed_at[key][0] != gen:
                self._changed_at[key] = (gen, time.monotonic())
            self._schedule(self.ready_delay, ("workload",) + key)

    def _index_owners(self, ev):
        ref = (ev.rid,) + ev.key
        for o in (ev.prev or {}).get("metadata", {}).get("ownerReferences") or []:
            self._dependents.get(o.get("uid"), set()).discard(ref)
        if ev.type != "DELETED":
            for o in ev.obj["metadata"].get("ownerReferences") or []:
                self._dependents.setdefault(o.get("uid"), set()).add(ref)

    # Work loop ---------------------------------------------------------------

    def _run(self):
        while True:
            with self._wake:
                while not self._queue or self._queue[0][0] > time.monotonic():
                    self._wake.wait(self._queue[0][0] - time.monotonic() if self._queue else None)
                _, _, item = heapq.heappop(self._queue)
            try:
                with self.store.lock:
                    getattr(self, "_reconcile_" + item[0])(*item[1:])
            except ApiError as e:
                log.info("controller: %s: %s", item, e.message)
            except Exception:  # keep the loop alive; the failure is logged
                log.exception("controller: %s", item)

    def _rt(self, rid):
        types = self.registry.by_rid(rid)
        return types[0] if types else None

    def _reconcile_workload(self, rid, ns, name):
        obj = self.store.get(rid, ns, name)
        if obj is None or obj["metadata"].get("deletionTimestamp"):
            return
        gen, since = self._changed_at.get((rid, ns, name), (None, 0))
        wait = since + self.ready_delay - time.monotonic()
        if wait > 0:
            self._schedule(wait, ("workload", rid, ns, name))
            return
        status = desired_status(obj, self._failing(obj))
        if status is None or _same(status, obj.get("status")):
            return
        self.api.update_internal(self._rt(rid), obj, dict(obj, status=status), MANAGER, "status")

    def _reconcile_namespace(self, name):
        ns = self.store.get(NAMESPACES.rid, "", name)
        if ns is None or not ns["metadata"].get("deletionTimestamp"):
            return
        remaining = False
        for rid in self.store.rids():
            rt = self._rt(rid)
            if rt is None or not rt.namespaced:
                continue
            for obj in self.store.current(rid, name):
                if not obj["metadata"].get("deletionTimestamp"):
                    self.api.delete_internal(rt, obj, "Background")
                remaining = remaining or self.store.get(rid, name, obj["metadata"]["name"]) is not None
        if remaining:  # objects held by finalizers: look again later
            self._schedule(0.5, ("namespace", name))
            return
        new = clone(ns)
        new["spec"]["finalizers"] = [f for f in dig(ns, "spec", "finalizers", default=[]) if f != "kubernetes"]
        self.api.update_internal(NAMESPACES, ns, new, "kube-apiserver", "finalize")

    def _reconcile_crd(self, name):
        crd = self.store.get(CRD.rid, "", name)
        if crd is None:
            self.registry.remove_crd(name)
            return
        spec = crd.get("spec") or {}
        rid = (spec.get("group"), dig(spec, "names", "plural"))
        if crd["metadata"].get("deletionTimestamp"):
            rt = self._rt(rid)
            objs = self.store.current(rid)
            for obj in objs:
                if rt and not obj["metadata"].get("deletionTimestamp"):
                    self.api.delete_internal(rt, obj, "Background")
            if any(self.store.get(rid, o["metadata"].get("namespace", ""), o["metadata"]["name"]) for o in objs):
                self._schedule(0.5, ("crd", name))
                return
            self.registry.remove_crd(name)
            new = clone(crd)
            new["metadata"]["finalizers"] = [f for f in crd["metadata"].get("finalizers") or [] if f != CRD_FINALIZER]
            self.api.update_internal(CRD, crd, new, "kube-apiserver")
            return
        names = dict(spec.get("names") or {})
        names.setdefault("singular", names.get("kind", "").lower())
        names.setdefault("listKind", names.get("kind", "") + "List")
        old = crd.get("status") or {}
        storage = [v["name"] for v in spec.get("versions") or [] if v.get("storage")]
        stored = list(dict.fromkeys((old.get("storedVersions") or []) + storage))
        status = {"conditions": [
            _condition(old, "NamesAccepted", "True", "NoConflicts", "no conflicts found"),
            _condition(old, "Established", "True", "InitialNamesAccepted",
                       "the initial names have been accepted")],
            "acceptedNames": names, "storedVersions": stored}
        self.registry.set_crd(crd)
        if not _same(status, old):
            self.api.update_internal(CRD, crd, dict(crd, status=status), "kube-apiserver", "status")

    def _reconcile_gc(self, owner_uid):
        """Deletes dependents none of whose owners exist any more."""
        for rid, ns, name in list(self._dependents.get(owner_uid, ())):
            obj = self.store.get(rid, ns, name)
            rt = self._rt(rid)
            if obj is None or rt is None or obj["metadata"].get("deletionTimestamp"):
                continue
            if not any(o.get("uid") in self._uids for o in obj["metadata"].get("ownerReferences") or []):
                self.api.delete_internal(rt, obj, "Background")
        if owner_uid not in self._uids:
            self._dependents.pop(owner_uid, None)

    def _reconcile_finalize(self, rid, ns, name):
        """The foregroundDeletion and orphan finalizers of an object being deleted."""
        obj = self.store.get(rid, ns, name)
        rt = self._rt(rid)
        if obj is None or rt is None:
            return
        uid = obj["metadata"]["uid"]
        finalizers = list(obj["metadata"].get("finalizers") or [])
        dependents = [(r, self.store.get(*r)) for r in self._dependents.get(uid, ())]
        dependents = [(r, d) for r, d in dependents if d is not None]
        if "orphan" in finalizers:
            for (drid, _, _), d in dependents:
                new = clone(d)
                refs = [o for o in d["metadata"]["ownerReferences"] if o.get("uid") != uid]
                if refs:
                    new["metadata"]["ownerReferences"] = refs
                else:
                    del new["metadata"]["ownerReferences"]
                self.api.update_internal(self._rt(drid), d, new, MANAGER)
            finalizers.remove("orphan")
        elif "foregroundDeletion" in finalizers:
            for (drid, _, _), d in dependents:
                if not d["metadata"].get("deletionTimestamp"):
                    self.api.delete_internal(self._rt(drid), d, "Foreground")
            if dependents:
                self._schedule(0.2, ("finalize", rid, ns, name))
                return
            finalizers.remove("foregroundDeletion")
        else:
            return
        new = clone(obj)
        new["metadata"]["finalizers"] = finalizers
        self.api.update_internal(rt, obj, new, MANAGER)
