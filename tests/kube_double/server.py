#!/usr/bin/env python3
"""kube-double: an in-memory Kubernetes API server for tests.

    python3 server.py --dir DIR [--port 0] [--token TOKEN] [--ready-delay SECONDS]
                      [--latency-ms N] [--exit-with-pid PID] [--verbose]

Writes ca.crt, client.crt, client.key, token, kubeconfig, port and server.pid
into DIR, then prints the port once it accepts requests. See README.md.

This module is the transport: HTTPS on 127.0.0.1 (HTTP/1.1 keep-alive, one
thread per connection), authentication by bearer token or client
certificate, fault injection and request counting; api.py does the rest.
"""

import argparse
import hmac
import json
import logging
import os
import secrets
import select
import socket
import ssl
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

import yaml

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import certs  # noqa: E402
import errors  # noqa: E402
from admin import Admin, Counters, Faults  # noqa: E402
from api import Api, Request, Response, error_response  # noqa: E402
from controller import Controller  # noqa: E402
from resources import Registry  # noqa: E402
from store import Store  # noqa: E402

log = logging.getLogger("kube-double")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 600  # seconds an idle keep-alive connection is kept
    server: "Server"

    def log_message(self, fmt, *args):
        log.debug("%s %s", self.address_string(), fmt % args)

    def do_GET(self):
        self._dispatch()

    do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_GET

    def _read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def _authenticated(self) -> bool:
        auth = self.headers.get("Authorization", "")
        if auth.startswith("Bearer "):
            return hmac.compare_digest(auth[7:].strip().encode(), self.server.token.encode())
        cert = self.connection.getpeercert()  # verified against the CA by the handshake
        return bool(cert and cert.get("subject"))

    def _client_gone(self) -> bool:
        """True once the client closed a connection that is streaming a watch
        (clients send nothing else on it meanwhile)."""
        try:
            readable, _, _ = select.select([self.connection], [], [], 0)
            return bool(readable) and not self.connection.recv(1)
        except (OSError, ValueError):
            return True

    def _dispatch(self):
        s = self.server
        body = self._read_body()
        url = urlsplit(self.path)
        path = unquote(url.path)
        if not self._authenticated():
            return self._send(error_response(errors.unauthorized()))
        if path.startswith("/_double/"):
            try:
                payload = json.loads(body) if body.strip() else None
            except ValueError as e:
                return self._send(error_response(errors.bad_request(f"invalid JSON: {e}")))
            code, out = s.admin.handle(self.command, path, payload)
            return self._send(Response(code, out))
        delay, fault = s.faults.decide(self.command, path)
        if delay:
            time.sleep(delay)
        req = Request(self.command, path, parse_qs(url.query, keep_blank_values=True),
                      {k.lower(): v for k, v in self.headers.items()}, body, self._client_gone)
        resp = error_response(fault) if fault else s.api.handle(req)
        resource = path.split("/")
        s.counters.record(self.command, req.verb if not fault else "fault", _resource_of(resource),
                          fault is not None)
        self._send(resp)

    def _send(self, resp: Response):
        head = [f"HTTP/1.1 {resp.code} {self.responses.get(resp.code, ('',))[0]}",
                f"Content-Type: {resp.content_type}", "Cache-Control: no-cache, private",
                f"Date: {self.date_time_string()}"]
        head += [f"{k}: {v}" for k, v in resp.headers.items()]
        if resp.stream is None:
            head.append(f"Content-Length: {len(resp.body)}")
            payload = resp.body if self.command != "HEAD" else b""
            self.wfile.write(("\r\n".join(head) + "\r\n\r\n").encode() + payload)
            return
        head.append("Transfer-Encoding: chunked")
        try:
            self.wfile.write(("\r\n".join(head) + "\r\n\r\n").encode())
            for chunk in resp.stream:
                if chunk:
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            self.wfile.write(b"0\r\n\r\n")
        except (OSError, ssl.SSLError):
            self.close_connection = True


def _resource_of(parts: list) -> str:
    """group/resource of an API path, for the per-resource counters."""
    if parts[1:2] == ["api"]:
        rest = parts[3:]
        group = ""
    elif parts[1:2] == ["apis"] and len(parts) > 3:
        rest = parts[4:]
        group = parts[2]
    else:
        return ""
    if rest[:1] == ["namespaces"] and len(rest) >= 3:
        rest = rest[2:]
    if not rest:
        return ""
    return f"{rest[0]}.{group}" if group else rest[0]


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256

    def __init__(self, address, ssl_context, api, admin, faults, counters, token):
        super().__init__(address, Handler)
        self.ssl_context = ssl_context
        self.api, self.admin, self.faults, self.counters = api, admin, faults, counters
        self.token = token

    def finish_request(self, request, client_address):
        """Runs in the connection's own thread: the TLS handshake too."""
        request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        request.settimeout(30)
        try:
            tls = self.ssl_context.wrap_socket(request, server_side=True)
        except (ssl.SSLError, OSError) as e:
            log.debug("TLS handshake with %s failed: %s", client_address, e)
            return
        try:
            self.RequestHandlerClass(tls, client_address, self)
        except (ssl.SSLError, ConnectionError, TimeoutError):
            pass
        finally:
            tls.close()

    def handle_error(self, request, client_address):
        log.exception("error serving %s", client_address)


def _write(path: str, data, mode: int = 0o644):
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())
    os.chmod(path, mode)


def write_kubeconfig(d: str, port: int, token: str):
    cluster = {"server": f"https://127.0.0.1:{port}",
               "certificate-authority": os.path.join(d, "ca.crt")}
    config = {
        "apiVersion": "v1", "kind": "Config",
        "clusters": [{"name": "double", "cluster": cluster}],
        "users": [{"name": "double-token", "user": {"token": token}},
                  {"name": "double-cert", "user": {
                      "client-certificate": os.path.join(d, "client.crt"),
                      "client-key": os.path.join(d, "client.key")}}],
        "contexts": [{"name": "double", "context": {"cluster": "double", "user": "double-token"}},
                     {"name": "double-cert", "context": {"cluster": "double", "user": "double-cert"}}],
        "current-context": "double",
    }
    _write(os.path.join(d, "kubeconfig"), yaml.safe_dump(config, sort_keys=False), 0o600)


def _exit_with(pid: int):
    """Stops the server when process `pid` (e.g. the test script) is gone."""
    def watch():
        while True:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                log.info("process %d is gone: exiting", pid)
                os._exit(0)
            except PermissionError:
                pass
            time.sleep(1)
    threading.Thread(target=watch, name="exit-with-pid", daemon=True).start()


def main(argv=None):
    p = argparse.ArgumentParser(description="In-memory Kubernetes API server for tests.")
    p.add_argument("--dir", required=True, help="where to write certificates, kubeconfig, port, pid")
    p.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (0: any free port)")
    p.add_argument("--token", default=None, help="bearer token (default: random)")
    p.add_argument("--ready-delay", type=float, default=0.2,
                   help="seconds before workloads report ready (default 0.2)")
    p.add_argument("--latency-ms", type=int, default=0, help="latency added to every API request")
    p.add_argument("--exit-with-pid", type=int, default=None, help="exit when this process exits")
    p.add_argument("--verbose", action="store_true", help="log every request to stderr")
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO,
                        format="%(asctime)s %(name)s %(message)s", stream=sys.stderr)

    d = os.path.abspath(args.dir)
    os.makedirs(d, exist_ok=True)
    token = args.token or secrets.token_hex(16)
    pki = certs.make_pki()
    _write(os.path.join(d, "ca.crt"), pki.ca_cert)
    _write(os.path.join(d, "client.crt"), pki.client_cert)
    _write(os.path.join(d, "client.key"), pki.client_key, 0o600)
    _write(os.path.join(d, "server.crt"), pki.server_cert)
    _write(os.path.join(d, "server.key"), pki.server_key, 0o600)
    _write(os.path.join(d, "token"), token + "\n", 0o600)

    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.load_cert_chain(os.path.join(d, "server.crt"), os.path.join(d, "server.key"))
    ctx.load_verify_locations(cadata=pki.ca_cert.decode())
    ctx.verify_mode = ssl.CERT_OPTIONAL
    ctx.set_alpn_protocols(["http/1.1"])

    store, registry = Store(), Registry()
    server = None
    api = Api(store, registry, lambda: f"127.0.0.1:{server.server_address[1]}")
    controller = Controller(api, args.ready_delay)
    faults, counters = Faults(args.latency_ms), Counters()
    admin = Admin(api, controller, faults, counters)
    api.bootstrap()
    server = Server(("127.0.0.1", args.port), ctx, api, admin, faults, counters, token)
    port = server.server_address[1]

    write_kubeconfig(d, port, token)
    _write(os.path.join(d, "server.pid"), f"{os.getpid()}\n")
    _write(os.path.join(d, "port"), f"{port}\n")
    if args.exit_with_pid:
        _exit_with(args.exit_with_pid)
    print(port, flush=True)
    try:
        server.serve_forever(poll_interval=0.5)
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
