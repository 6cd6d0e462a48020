#!/usr/bin/env python3
"""Writes a hand-written pave state (format 1, no checksum) to stdout for
system tests: state_gen.py N [SERIAL] [MARK] makes N Deployments in namespace
shop, each with a realistic object; MARK goes into every object's labels so
that tests can tell two states apart. Push it with
`pave state push --allow-no-checksum FILE`."""
import hashlib
import json
import sys

n = int(sys.argv[1])
serial = int(sys.argv[2]) if len(sys.argv) > 2 else 0
mark = sys.argv[3] if len(sys.argv) > 3 else "a"


def canon(o):
    return json.dumps(o, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def tag(s):
    return "sha256:" + hashlib.sha256(s.encode()).hexdigest()


objects, resources, rev_objects = {}, [], {}
for i in range(n):
    name = f"web-{i:05d}"
    obj = {
        "apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": {"name": name, "namespace": "shop", "labels": {"app": name, "mark": mark}},
        "spec": {"replicas": 2, "selector": {"matchLabels": {"app": name}},
                 "template": {"metadata": {"labels": {"app": name}},
                              "spec": {"containers": [{"name": "web", "image": f"nginx:1.{i % 30}",
                                                       "ports": [{"containerPort": 8080}],
                                                       "env": [{"name": "INDEX", "value": str(i)}]}]}}},
    }
    ref = tag(canon(obj))
    objects[ref] = obj
    address = f"k8s:apps/v1/Deployment/shop/{name}"
    rev_objects[address] = ref
    resources.append({"address": address, "app": "shop", "api_version": "apps/v1", "kind": "Deployment",
                      "namespace": "shop", "name": name, "applied": ref, "digest": ref, "revision": 1})
doc = {
    "format_version": 1, "serial": serial, "lineage": "", "environment": "dev",
    "resources": resources,
    "revisions": [{"number": 1, "time": "2024-05-01T12:00:00Z", "operation": "deploy", "status": "deployed",
                   "description": f"{n} created, 0 updated, 0 deleted", "apps": {"shop": {"chart": "shop"}},
                   "objects": rev_objects}],
    "sections": {}, "objects": objects,
}
json.dump(doc, sys.stdout)
