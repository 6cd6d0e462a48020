"""A local stand-in for the AWS Price List Query API (moto has no pricing
service): POST / with X-Amz-Target: AWSPriceListService.GetProducts and a
JSON 1.1 body, SigV4-signed for service "pricing" in us-east-1. Answers
GetProducts with the products of DIR/products.json matching every
TERM_MATCH filter (the product's attributes, plus productFamily), two per
page with NextToken; PriceList entries are JSON strings, as AWS sends them.
Usage: pricing_fixture.py DIR  (writes DIR/port, logs requests to DIR/requests.log)."""
import json
import os
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

root = sys.argv[1]
products = json.load(open(os.path.join(root, "products.json")))
lock = threading.Lock()
PAGE = 2


def error(handler, status, code, message):
    body = json.dumps({"__type": code, "message": message}).encode()
    handler.send_response(status)
    handler.send_header("Content-Type", "application/x-amz-json-1.1")
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        target = self.headers.get("X-Amz-Target", "")
        auth = self.headers.get("Authorization", "")
        with lock, open(os.path.join(root, "requests.log"), "a") as f:
            f.write(f"{target} {body.decode()}\n")
        if self.headers.get("Content-Type") != "application/x-amz-json-1.1":
            return error(self, 400, "SerializationException", "wrong content type")
        if "/us-east-1/pricing/aws4_request" not in auth or not auth.startswith("AWS4-HMAC-SHA256 "):
            return error(self, 403, "InvalidSignatureException", "not signed for pricing in us-east-1")
        if target != "AWSPriceListService.GetProducts":
            return error(self, 400, "UnknownOperationException", target)
        req = json.loads(body)
        if req.get("ServiceCode") != "AmazonEC2" or req.get("FormatVersion") != "aws_v1":
            return error(self, 400, "InvalidParameterException", "ServiceCode/FormatVersion")
        if not 1 <= req.get("MaxResults", 100) <= 100:
            return error(self, 400, "InvalidParameterException", "MaxResults")
        filters = req.get("Filters", [])
        for flt in filters:
            if flt.get("Type") != "TERM_MATCH":
                return error(self, 400, "InvalidParameterException", "filter type")

        def match(p):
            attrs = dict(p["product"]["attributes"], productFamily=p["product"]["productFamily"])
            return all(attrs.get(flt["Field"]) == flt["Value"] for flt in filters)

        found = [p for p in products if match(p)]
        start = int(req.get("NextToken") or 0)
        page = found[start:start + PAGE]
        out = {"FormatVersion": "aws_v1", "PriceList": [json.dumps(p) for p in page]}
        if start + PAGE < len(found):
            out["NextToken"] = str(start + PAGE)
        data = json.dumps(out).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/x-amz-json-1.1")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(os.path.join(root, "port.tmp"), "w") as f:
    f.write(str(server.server_address[1]))
os.rename(os.path.join(root, "port.tmp"), os.path.join(root, "port"))
server.serve_forever()
