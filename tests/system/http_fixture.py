"""A tiny local HTTP/1.1 server for pave's HTTP layer tests (keep-alive).
Usage: http_fixture.py DIR — writes DIR/port, logs "METHOD PATH | UA | AUTH" to DIR/requests.log.
/version answers like Kubernetes; /flaky answers 429 (Retry-After: 0) then 200.
"""
import json
import os
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

root = sys.argv[1]
lock = threading.Lock()
counts = {}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def _send(self, code, body, headers=()):
        data = json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        with lock:
            counts[self.path] = counts.get(self.path, 0) + 1
            n = counts[self.path]
            with open(os.path.join(root, "requests.log"), "a") as f:
                f.write(f"{self.command} {self.path} | {self.headers.get('User-Agent')} | "
                        f"{self.headers.get('Authorization')}\n")
        if self.path == "/version":
            self._send(200, {"major": "1", "minor": "30", "gitVersion": "v1.30.0-fixture"})
        elif self.path == "/flaky" and n == 1:
            self._send(429, {"kind": "Status", "message": "slow down", "code": 429}, [("Retry-After", "0")])
        elif self.path == "/flaky":
            self._send(200, {"ok": True})
        else:
            self._send(404, {"kind": "Status", "message": f"{self.path} not found", "reason": "NotFound",
                             "code": 404})


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(os.path.join(root, "port.tmp"), "w") as f:
    f.write(str(server.server_address[1]))
os.rename(os.path.join(root, "port.tmp"), os.path.join(root, "port"))
server.serve_forever()
