"""In-memory object storage with etcd-like semantics: one global revision
counter (the resourceVersion), an event history for watches, and consistent
snapshots of past revisions for paginated lists, compacted after a while.

Stored objects are never mutated: writers always store fresh dicts, so
readers may hand them out (and serialise them) without copying.
"""

import bisect
import threading
import time
from dataclasses import dataclass, field

HISTORY_SECONDS = 300.0  # like kube-apiserver's default etcd compaction interval


class Compacted(Exception):
    """The requested revision is older than the retained history."""


@dataclass
class Event:
    rv: int
    type: str  # ADDED, MODIFIED or DELETED
    rid: tuple  # (group, resource)
    key: tuple  # (namespace, name)
    obj: dict  # the object after the change; for DELETED its last state
    prev: dict | None  # the object before the change
    time: float = field(default_factory=time.monotonic)


def _meta(obj: dict) -> dict:
    return obj["metadata"]


def sort_key(key: tuple) -> str:
    """Objects list in the order of their etcd keys: namespace/name."""
    return f"{key[0]}/{key[1]}" if key[0] else key[1]


def _stamp(obj: dict, rv: int) -> dict:
    """A copy of obj whose metadata.resourceVersion is rv (top two levels copied)."""
    out = dict(obj)
    out["metadata"] = dict(obj["metadata"], resourceVersion=str(rv))
    return out


class Store:
    def __init__(self):
        self.lock = threading.RLock()
        self.changed = threading.Condition(self.lock)
        self.rv = 1
        self.compacted = 1  # revisions older than this can no longer be read
        self._objects: dict[tuple, dict[tuple, dict]] = {}
        self._events: list[Event] = []
        self._listeners = []

    def add_listener(self, fn):
        """fn(event) is called with the lock held, after every change."""
        self._listeners.append(fn)

    # reads -------------------------------------------------------------

    def get(self, rid: tuple, namespace: str, name: str) -> dict | None:
        return self._objects.get(rid, {}).get((namespace, name))

    def current(self, rid: tuple, namespace: str | None = None) -> list[dict]:
        """Objects of a resource, in key order, optionally in one namespace."""
        objs = self._objects.get(rid, {})
        return [objs[k] for k in sorted(objs, key=sort_key) if namespace is None or k[0] == namespace]

    def snapshot(self, rid: tuple, namespace: str | None, at_rv: int) -> list[dict]:
        """Objects of a resource as they were at revision at_rv, in key order."""
        if at_rv < self.compacted:
            raise Compacted()
        objs = dict(self._objects.get(rid, {}))
        start = bisect.bisect_right(self._events, at_rv, key=lambda e: e.rv)
        for ev in reversed(self._events[start:]):
            if ev.rid != rid:
                continue
            if ev.prev is None:
                objs.pop(ev.key, None)
            else:
                objs[ev.key] = ev.prev
        return [objs[k] for k in sorted(objs, key=sort_key) if namespace is None or k[0] == namespace]

    def events_after(self, rv: int) -> list[Event]:
        if rv < self.compacted:
            raise Compacted()
        start = bisect.bisect_right(self._events, rv, key=lambda e: e.rv)
        return self._events[start:]

    def rids(self) -> list[tuple]:
        return list(self._objects)

    # writes (callers hold self.lock) -------------------------------------

    def put(self, rid: tuple, obj: dict) -> dict:
        """Stores obj (created or replaced) at a new revision; returns the stored object."""
        self.rv += 1
        stored = _stamp(obj, self.rv)
        m = _meta(stored)
        key = (m.get("namespace", ""), m["name"])
        objs = self._objects.setdefault(rid, {})
        prev = objs.get(key)
        objs[key] = stored
        self._record(Event(self.rv, "MODIFIED" if prev else "ADDED", rid, key, stored, prev))
        return stored

    def delete(self, rid: tuple, namespace: str, name: str) -> dict:
        """Removes an object; returns its last state stamped with the deletion revision."""
        key = (namespace, name)
        prev = self._objects[rid].pop(key)
        self.rv += 1
        final = _stamp(prev, self.rv)
        self._record(Event(self.rv, "DELETED", rid, key, final, prev))
        return final

    def clear(self):
        """Forgets every object and all history (watchers see their watch expire)."""
        self._objects.clear()
        self._events.clear()
        self.rv += 1
        self.compacted = self.rv
        self.changed.notify_all()

    def _record(self, ev: Event):
        self._events.append(ev)
        self._compact(ev.time - HISTORY_SECONDS)
        for fn in self._listeners:
            fn(ev)
        self.changed.notify_all()

    def _compact(self, before: float):
        if not self._events or self._events[0].time >= before:
            return
        n = bisect.bisect_left(self._events, before, key=lambda e: e.time)
        self.compacted = self._events[n - 1].rv
        del self._events[:n]
