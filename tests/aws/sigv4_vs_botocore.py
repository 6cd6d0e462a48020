#!/usr/bin/env python3
"""Signs N randomised requests with pave (`pave __aws sign`) and botocore,
and compares the signatures. Usage: sigv4_vs_botocore.py PAVE [N] [SEED].
Exit 0 when all match, 1 on the first mismatch (both canonical requests are
printed), 125 when botocore is missing."""
import hashlib
import json
import random
import string
import subprocess
import sys
from datetime import datetime, timezone
from urllib.parse import quote

try:
    from botocore.auth import S3SigV4Auth, S3SigV4QueryAuth, SigV4Auth, SigV4QueryAuth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials
except ImportError:
    print("skip: botocore is not installed")
    sys.exit(125)

pave = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 42)

SAFE = string.ascii_letters + string.digits + "-_.~"
ODD = " !$&'()*+,;=:@%/?#[]^`{|}\"<>\\é€ሴ😀"


def word(lo=1, hi=12, odd=0.2):
    return "".join(rng.choice(ODD) if rng.random() < odd else rng.choice(SAFE) for _ in range(rng.randint(lo, hi)))


def enc(s, safe=""):
    return quote(s, safe="-_.~" + safe)


def make_spec():
    s3 = rng.random() < 0.5
    presign = rng.random() < 0.25
    service = "s3" if s3 else rng.choice(["route53", "sts", "ec2", "autoscaling", "ce", "pricing", "iam"])
    region = rng.choice(["us-east-1", "eu-west-1", "ap-southeast-2", "us-gov-west-1", "cn-north-1"])
    scheme = rng.choice(["http", "https"])
    host = rng.choice(["127.0.0.1:%d" % rng.randint(1024, 65535), "s3.amazonaws.com", "localhost",
                       "bucket.s3.eu-west-1.amazonaws.com", "route53.amazonaws.com:443", "example.com:80"])
    segs = [word(odd=0.3) for _ in range(rng.randint(0, 4))]
    if s3:
        path = "/" + "/".join(enc(x, "") for x in segs)
        if rng.random() < 0.3:
            path += "/" + enc("dir/" + word() + "//x/../y/./z", "/")  # keys with slashes and dots, never normalised
    else:
        path = "/" + "/".join(enc(x) for x in segs)
        if rng.random() < 0.2:
            path += rng.choice(["/", "/./a", "/b/../c"])
    params = []
    used = set()
    for _ in range(rng.randint(0, 5)):
        k = word(1, 8)
        if presign and k in used:
            continue
        used.add(k)
        v = "" if rng.random() < 0.2 else word(0, 10)
        params.append(enc(k) + ("=" + enc(v) if v or rng.random() < 0.5 else ""))
    url = "%s://%s%s" % (scheme, host, path) + ("?" + "&".join(params) if params else "")
    method = rng.choice(["GET", "PUT", "POST", "DELETE", "HEAD"])
    headers = []
    names = set()
    for _ in range(rng.randint(0, 5)):
        name = rng.choice(["Content-Type", "X-Amz-Meta-" + word(1, 6, 0), "Range", "If-Match", "X-Amz-Target",
                           "Content-MD5", "User-Agent", "x-amz-acl", "My-Header"])
        if name.lower() in names:
            continue
        names.add(name.lower())
        value = rng.choice(["  a   b\tc  ", word(0, 20, 0.1).replace("\n", ""), "application/xml", "bytes=0-99", "\"etag\""])
        headers.append([name, value])
    body = "" if method in ("GET", "HEAD", "DELETE") or presign else rng.choice(["", word(0, 200, 0.1), "<a>x</a>"])
    token = word(20, 60, 0) if rng.random() < 0.4 else ""
    t = rng.randint(1_000_000_000, 2_000_000_000)
    spec = {"method": method, "url": url, "headers": headers, "body": body, "service": service, "region": region,
            "time": t, "access_key": "AKID" + word(8, 16, 0).upper(), "secret_key": word(20, 40, 0.05),
            "token": token, "s3": s3, "unsigned": s3 and not presign and rng.random() < 0.3,
            "presign": rng.choice([60, 3600, 604800]) if presign else 0}
    return spec


def botocore_sign(spec):
    creds = Credentials(spec["access_key"], spec["secret_key"], spec["token"] or None)
    req = AWSRequest(method=spec["method"], url=spec["url"], data=spec["body"].encode())
    for k, v in spec["headers"]:
        req.headers[k] = v
    ts = datetime.fromtimestamp(spec["time"], tz=timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    req.context["timestamp"] = ts
    if spec["presign"]:
        cls = S3SigV4QueryAuth if spec["s3"] else SigV4QueryAuth
        auth = cls(creds, spec["service"], spec["region"], expires=spec["presign"])
    else:
        cls = S3SigV4Auth if spec["s3"] else SigV4Auth
        auth = cls(creds, spec["service"], spec["region"])
        if spec["s3"]:
            class Cfg:  # explicit payload signing choice, as pave makes it
                s3 = {"payload_signing_enabled": not spec["unsigned"]}
            req.context["client_config"] = Cfg()
        else:
            # pave always sends x-amz-content-sha256; botocore signs the header when present.
            req.headers["x-amz-content-sha256"] = hashlib.sha256(spec["body"].encode()).hexdigest()
    # add_auth() with the timestamp fixed (it would take utcnow()).
    auth._modify_request_before_signing(req)
    cr = auth.canonical_request(req)
    sts = auth.string_to_sign(req, cr)
    return auth.signature(sts, req), cr


def main():
    specs = [make_spec() for _ in range(n)]
    out = subprocess.run([pave, "__aws", "sign"], input="\n".join(json.dumps(s) for s in specs) + "\n",
                         capture_output=True, text=True)
    if out.returncode != 0:
        print("pave failed:", out.stderr)
        return 1
    results = [json.loads(line) for line in out.stdout.splitlines()]
    if len(results) != len(specs):
        print("pave printed %d results for %d specs" % (len(results), len(specs)))
        return 1
    kinds = {}
    for spec, got in zip(specs, results):
        want_sig, want_cr = botocore_sign(spec)
        kind = ("s3" if spec["s3"] else "other") + ("-presign" if spec["presign"] else "") + \
               ("-unsigned" if spec["unsigned"] else "") + ("-token" if spec["token"] else "")
        kinds[kind] = kinds.get(kind, 0) + 1
        if got["signature"] != want_sig:
            print("MISMATCH for", json.dumps(spec, ensure_ascii=False))
            print("--- botocore canonical request\n" + want_cr)
            print("--- pave canonical request\n" + got["canonical_request"])
            return 1
    print("sigv4: %d signatures identical to botocore (%s)" % (len(specs), ", ".join(
        "%s %d" % kv for kv in sorted(kinds.items()))))
    return 0


sys.exit(main())
