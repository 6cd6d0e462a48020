#!/usr/bin/env python3
"""A tiny HTTP health endpoint for the failover tests.

    health_server.py PORTFILE STATEFILE

Listens on a free 127.0.0.1 port (written to PORTFILE). GET /healthz answers
200 "ok" while STATEFILE contains "up", else 503 "down" (flip it with echo).
"""
import http.server
import sys


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        try:
            up = open(sys.argv[2]).read().strip() == "up"
        except OSError:
            up = False
        body = b"ok\n" if up else b"down\n"
        self.send_response(200 if up else 503)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(sys.argv[1] + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
import os
os.rename(sys.argv[1] + ".tmp", sys.argv[1])
server.serve_forever()
