#!/usr/bin/env python3
"""cost_state_gen.py N: a pave state (format 1, no checksum) with N resources
of the kinds cost-report prices, in realistic proportions: Deployments with
requests (one in five scaled by an HPA of its namespace), StatefulSets with
volume claim templates, PVCs, Services (LoadBalancer or, free, ClusterIP)
and CronJobs."""
import hashlib
import json
import sys

n = int(sys.argv[1])
objects, resources = {}, []


def add(kind, api, name, ns, obj):
    obj = {"apiVersion": api, "kind": kind,
           "metadata": {"name": name, "namespace": ns, "labels": {"team": f"team{hash(name) % 20}"}}, **obj}
    text = json.dumps(obj, sort_keys=True, separators=(",", ":"))
    ref = "sha256:" + hashlib.sha256(text.encode()).hexdigest()
    objects[ref] = obj
    group = api if "/" in api else api
    resources.append({"address": f"k8s:{group}/{kind}/{ns}/{name}", "app": f"app{len(resources) % 50}",
                      "api_version": api, "kind": kind, "namespace": ns, "name": name,
                      "applied": ref, "digest": ref, "revision": 1})


def pod(i):
    return {"containers": [{"name": "c", "image": f"registry.example.com/app:{i % 40}",
                            "resources": {"requests": {"cpu": f"{100 + i % 900}m", "memory": f"{128 + i % 2048}Mi"},
                                          "limits": {"cpu": "2", "memory": "4Gi"}},
                            "env": [{"name": "INDEX", "value": str(i)}]}]}


i = 0
while len(resources) < n:
    ns = f"ns{i % 100}"
    k = i % 10
    name = f"w{i:06d}"
    if k < 5:
        add("Deployment", "apps/v1", name, ns,
            {"spec": {"replicas": 1 + i % 5, "selector": {"matchLabels": {"app": name}},
                      "template": {"metadata": {"labels": {"app": name}}, "spec": pod(i)}}})
    elif k == 5:
        # Scales the Deployment made just before it, in that one's namespace.
        target = f"w{i - 1:06d}"
        add("HorizontalPodAutoscaler", "autoscaling/v2", target, f"ns{(i - 1) % 100}",
            {"spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": target},
                      "minReplicas": 2, "maxReplicas": 10}})
    elif k == 6:
        add("StatefulSet", "apps/v1", name, ns,
            {"spec": {"replicas": 3, "serviceName": name, "template": {"spec": pod(i)},
                      "volumeClaimTemplates": [{"metadata": {"name": "data"},
                                                "spec": {"resources": {"requests": {"storage": "20Gi"}}}}]}})
    elif k == 7:
        add("PersistentVolumeClaim", "v1", name, ns, {"spec": {"resources": {"requests": {"storage": f"{i % 500 + 1}Gi"}}}})
    elif k == 8:
        add("Service", "v1", name, ns, {"spec": {"type": "LoadBalancer" if i % 50 == 8 else "ClusterIP",
                                                 "ports": [{"port": 80}]}})
    else:
        add("CronJob", "batch/v1", name, ns, {"spec": {"schedule": f"{i % 60} * * * *",
                                                       "jobTemplate": {"spec": {"template": {"spec": pod(i)}}}}})
    i += 1
resources.sort(key=lambda r: r["address"])
json.dump({"format_version": 1, "serial": 1, "lineage": "", "environment": "dev", "resources": resources,
           "revisions": [], "sections": {}, "objects": objects}, sys.stdout)
