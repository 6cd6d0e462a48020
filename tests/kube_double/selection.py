"""Label and field selectors, with the syntax and matching rules of
k8s.io/apimachinery/pkg/labels and pkg/fields."""

import re

from errors import bad_request

_KEY = re.compile(r"([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
                  r"[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?")
_VALUE = re.compile(r"([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?")
_TOKEN = re.compile(r"\s*(!=|==|=|!|\(|\)|,|>|<|[^\s!=(),<>]+)")


def _tokens(text: str) -> list[str]:
    out, pos = [], 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m:
            break
        out.append(m.group(1))
        pos = m.end()
        if text[pos:].strip() == "":
            break
    return out


def _check(key: str, values: list[str]):
    if not _KEY.fullmatch(key) or len(key.rpartition("/")[2]) > 63:
        raise bad_request(f'unable to parse requirement: key: Invalid value: "{key}": name part '
                          "must consist of alphanumeric characters, '-', '_' or '.', and must "
                          "start and end with an alphanumeric character")
    for v in values:
        if not _VALUE.fullmatch(v):
            raise bad_request(f'unable to parse requirement: values[0][{key}]: Invalid value: '
                              f'"{v}": a valid label must be an empty string or consist of '
                              "alphanumeric characters, '-', '_' or '.', and must start and end "
                              "with an alphanumeric character")


def parse_labels(text: str) -> list[tuple]:
    """Requirements (key, op, values) with op in =, !=, in, notin, exists, !, gt, lt."""
    toks, reqs, i = _tokens(text), [], 0

    def expect_value():
        nonlocal i
        if i < len(toks) and toks[i] not in (",", "(", ")"):
            i += 1
            return toks[i - 1]
        return ""

    while i < len(toks):
        if toks[i] == "!":
            if i + 1 >= len(toks):
                raise bad_request("unable to parse requirement: found '', expected: identifier")
            reqs.append((toks[i + 1], "!", []))
            _check(toks[i + 1], [])
            i += 2
        else:
            key = toks[i]
            i += 1
            op = toks[i] if i < len(toks) else ","
            if op == ",":
                reqs.append((key, "exists", []))
                _check(key, [])
            elif op in ("=", "==", "!="):
                i += 1
                v = expect_value()
                _check(key, [v])
                reqs.append((key, "!=" if op == "!=" else "=", [v]))
            elif op in (">", "<"):
                i += 1
                v = expect_value()
                if not re.fullmatch(r"-?\d+", v):
                    raise bad_request(f"unable to parse requirement: for 'Gt', 'Lt' operators, "
                                      f"the value must be an integer")
                reqs.append((key, "gt" if op == ">" else "lt", [v]))
            elif op in ("in", "notin"):
                i += 1
                if i >= len(toks) or toks[i] != "(":
                    raise bad_request(f"unable to parse requirement: found '{toks[i] if i < len(toks) else ''}', expected: '('")
                i += 1
                values = []
                while i < len(toks) and toks[i] != ")":
                    if toks[i] != ",":
                        values.append(toks[i])
                    i += 1
                if i >= len(toks):
                    raise bad_request("unable to parse requirement: found '', expected: ')'")
                i += 1
                _check(key, values)
                reqs.append((key, op, values))
            else:
                raise bad_request(f"unable to parse requirement: found '{op}', expected: "
                                  "in, notin, =, ==, !=, gt, lt")
        if i < len(toks):
            if toks[i] != ",":
                raise bad_request(f"unable to parse requirement: found '{toks[i]}', expected: ','")
            i += 1
    return reqs


def _matches(req: tuple, labels: dict) -> bool:
    key, op, values = req
    has, v = key in labels, labels.get(key)
    if op == "=":
        return has and v == values[0]
    if op == "!=":
        return not has or v != values[0]
    if op == "in":
        return has and v in values
    if op == "notin":
        return not has or v not in values
    if op == "exists":
        return has
    if op == "!":
        return not has
    if not has or re.fullmatch(r"-?\d+", v) is None:  # gt, lt
        return False
    return int(v) > int(values[0]) if op == "gt" else int(v) < int(values[0])


def match_labels(reqs: list[tuple], labels: dict) -> bool:
    return all(_matches(r, labels) for r in reqs)


def match_label_selector(selector: dict, labels: dict) -> bool:
    """Matches a metav1.LabelSelector object (matchLabels/matchExpressions)."""
    reqs = [(k, "=", [v]) for k, v in (selector.get("matchLabels") or {}).items()]
    ops = {"In": "in", "NotIn": "notin", "Exists": "exists", "DoesNotExist": "!"}
    for e in selector.get("matchExpressions") or []:
        reqs.append((e.get("key", ""), ops.get(e.get("operator"), "in"), e.get("values") or []))
    return match_labels(reqs, labels)


# Field selectors -----------------------------------------------------------

# Extra selectable fields per (group, resource) besides metadata.name/namespace.
_FIELDS = {
    ("", "pods"): ("spec.nodeName", "spec.restartPolicy", "spec.schedulerName",
                   "spec.serviceAccountName", "spec.hostNetwork", "status.phase",
                   "status.podIP", "status.nominatedNodeName"),
    ("", "secrets"): ("type",),
    ("", "namespaces"): ("status.phase",),
    ("", "nodes"): ("spec.unschedulable",),
    ("", "events"): ("involvedObject.kind", "involvedObject.namespace", "involvedObject.name",
                     "involvedObject.uid", "involvedObject.apiVersion",
                     "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason",
                     "reportingComponent", "source", "type"),
    ("batch", "jobs"): ("status.successful",),
    ("apps", "replicasets"): ("status.replicas",),
}
_ALIASES = {"status.successful": "status.succeeded", "source": "source.component"}


def _split_unescaped(text: str, sep: str) -> list[str]:
    parts, cur, esc = [], "", False
    for ch in text:
        if esc:
            cur += ch
            esc = False
        elif ch == "\\":
            cur += ch
            esc = True
        elif ch == sep:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    parts.append(cur)
    return parts


def _unescape(v: str) -> str:
    return re.sub(r"\\(.)", r"\1", v)


def parse_fields(text: str, rid: tuple) -> list[tuple]:
    """Requirements (field, op, value) with op in =, !=."""
    allowed = ("metadata.name", "metadata.namespace") + _FIELDS.get(rid, ())
    reqs = []
    for term in _split_unescaped(text, ","):
        if not term:
            continue
        m = re.fullmatch(r"([^=!]+)(!=|==|=)(.*)", term, re.S)
        if not m:
            raise bad_request(f"invalid selector: '{text}'; can't understand '{term}'")
        field, op, value = m.group(1).strip(), m.group(2), _unescape(m.group(3))
        if field not in allowed:
            raise bad_request(f'field label not supported: {field}')
        reqs.append((field, "!=" if op == "!=" else "=", value))
    return reqs


def field_value(obj: dict, field: str) -> str:
    cur = obj
    for part in _ALIASES.get(field, field).split("."):
        cur = cur.get(part) if isinstance(cur, dict) else None
    if isinstance(cur, bool):
        return "true" if cur else "false"
    return "" if cur is None else str(cur)


def match_fields(reqs: list[tuple], obj: dict) -> bool:
    return all((field_value(obj, f) == v) == (op == "=") for f, op, v in reqs)
