"""Server-side printing: meta.k8s.io Table and PartialObjectMetadata
representations, as requested by `kubectl get`."""

import datetime
import re

from util import human_duration, parse_time

_NAME_COLUMN = {"name": "Name", "type": "string", "format": "name", "priority": 0,
                "description": "Name must be unique within a namespace. Is required when creating "
                               "resources, although some resources may allow a client to request "
                               "the generation of an appropriate name automatically. Name is "
                               "primarily intended for creation idempotence and configuration "
                               "definition. Cannot be updated. More info: "
                               "https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names"}
_AGE_COLUMN = {"name": "Age", "type": "string", "format": "", "priority": 0,
               "description": "CreationTimestamp is a timestamp representing the server time when "
                              "this object was created. It is not guaranteed to be set in "
                              "happens-before order across separate operations. Clients may not "
                              "set this value. It is represented in RFC3339 form and is in UTC.\n\n"
                              "Populated by the system. Read-only. Null for lists. More info: "
                              "https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata"}


def partial(obj: dict, version: str) -> dict:
    return {"kind": "PartialObjectMetadata", "apiVersion": f"meta.k8s.io/{version}",
            "metadata": obj["metadata"]}


def partial_list(objs: list, version: str, list_meta: dict) -> dict:
    return {"kind": "PartialObjectMetadataList", "apiVersion": f"meta.k8s.io/{version}",
            "metadata": list_meta, "items": [partial(o, version) for o in objs]}


def _age(obj: dict) -> str:
    ts = obj["metadata"].get("creationTimestamp")
    if not ts:
        return "<unknown>"
    delta = datetime.datetime.now(datetime.timezone.utc) - parse_time(ts)
    return human_duration(delta.total_seconds())


def _jsonpath(obj, path: str):
    """The simple JSONPath forms CRD printer columns use: .a.b, .a[0].b"""
    cur = obj
    for part in re.findall(r"[^.\[\]]+|\[\d+\]", path.strip().lstrip(".")):
        if part.startswith("["):
            i = int(part[1:-1])
            cur = cur[i] if isinstance(cur, list) and i < len(cur) else None
        else:
            cur = cur.get(part) if isinstance(cur, dict) else None
    return cur


def _cell(obj, col: dict):
    v = _jsonpath(obj, col.get("jsonPath", ""))
    if v is None:
        return None
    if col.get("type") == "date" and isinstance(v, str):
        try:
            delta = datetime.datetime.now(datetime.timezone.utc) - parse_time(v)
            return human_duration(delta.total_seconds())
        except ValueError:
            return v
    return v


def table(rt, objs: list, version: str, include: str, list_meta: dict,
          with_columns: bool = True) -> dict:
    """include: None, Metadata (the default) or Object."""
    printer = [c for c in rt.printer_columns]
    columns = [_NAME_COLUMN]
    if printer:
        columns += [{"name": c["name"], "type": c.get("type", "string"),
                     "format": c.get("format", ""), "description": c.get("description", ""),
                     "priority": c.get("priority", 0)} for c in printer]
    else:
        columns.append(_AGE_COLUMN)
    rows = []
    for obj in objs:
        cells = [obj["metadata"]["name"]]
        cells += [_cell(obj, c) for c in printer] if printer else [_age(obj)]
        row = {"cells": cells}
        if include == "Object":
            row["object"] = obj
        elif include != "None":
            row["object"] = partial(obj, version)
        rows.append(row)
    t = {"kind": "Table", "apiVersion": f"meta.k8s.io/{version}", "metadata": list_meta}
    if with_columns:
        t["columnDefinitions"] = columns
    t["rows"] = rows
    return t
