#!/usr/bin/env python3
"""Writes golden-v2.json: the state of test_state_state_file.cpp's sample() in
format 2, by an implementation of docs/state.md independent of pave's (Python
json + xxhash). Run from this directory: ./golden_v2.py > golden-v2.json"""
import json
import sys

import xxhash


def compact(value):
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


obj = {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "shop"},
       "spec": {"replicas": 2}}
address = "k8s:apps/v1/Deployment/shop/web"
header = {"format_version": 2, "serial": 3, "lineage": "0b8e2a8c-2f0d-4c55-9a57-4d0c8f5e7a11",
          "environment": "dev", "pave_version": "0.1.0"}
resources = [{"address": address, "app": "web", "api_version": "apps/v1", "kind": "Deployment",
              "namespace": "shop", "name": "web", "applied": obj, "digest": "sha256:" + "1" * 64, "revision": 2}]
revisions = [{"number": 2, "time": "2024-05-01T12:00:00Z", "operation": "deploy", "status": "deployed",
              "description": "1 created, 0 updated, 0 deleted",
              "apps": {"web": {"chart": "web", "chart_version": "0.1.0", "values_digest": "sha256:" + "2" * 64}},
              "objects": {address: True}}]
sections = {"backup": {"last": "2024-05-01"}}
objects = {}


def lines(opening, records, closing):
    return opening + "\n" + "".join(r + ",\n" for r in records[:-1]) + "".join(r + "\n" for r in records[-1:]) + closing


body = ",".join(json.dumps(k) + ":" + compact(v) for k, v in header.items()) + ",\n"
body += lines('"resources":[', [compact(r) for r in resources], "],\n")
body += lines('"revisions":[', [compact(r) for r in revisions], "],\n")
body += '"sections":' + compact(sections) + ",\n"
body += lines('"objects":{', [json.dumps(k) + ":" + compact(v) for k, v in sorted(objects.items())], "}}\n")
checksum = "xxh3-128:" + xxhash.xxh3_128(body.encode()).hexdigest()
sys.stdout.write('{\n"checksum":"' + checksum + '",\n' + body)
