#!/usr/bin/env python3
"""A fault-injecting HTTP proxy for the AWS system tests.

Usage: fault_proxy.py PORT UPSTREAM RULES_FILE LOG_FILE

Forwards every request to UPSTREAM (http://127.0.0.1:MOTO) unless a rule
says otherwise. RULES_FILE (JSON, re-read on every request) is a list of
{"match": REGEX on "METHOD PATH?QUERY", "faults": [FAULT, ...]}; each
matching request consumes the next fault of the first rule with faults left:
  "500", "503"     answer with that status and an InternalError/ServiceUnavailable body
  "throttle"       answer 400 <Code>Throttling</Code> (query/REST-XML style)
  "slowdown"       answer 503 <Code>SlowDown</Code> (S3 style)
  "reset"          close the connection without an answer
  "stall:SECONDS"  wait, then forward
  "lost:500"       forward (the write happens), then answer 500 instead: the
                   response is lost, as when a connection drops after the write
Every request is appended to LOG_FILE as "METHOD PATH?QUERY STATUS|fault".
"""
import http.client
import json
import re
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

port, upstream, rules_file, log_file = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
up = urlsplit(upstream)
lock = threading.Lock()
used = {}


def next_fault(line):
    try:
        text = open(rules_file).read()
        rules = json.loads(text)
    except (OSError, ValueError):
        return None
    with lock:
        for i, rule in enumerate(rules):
            if re.search(rule["match"], line):
                key = (text, i)  # a rewritten rules file starts its counts afresh
                n = used.get(key, 0)
                if n < len(rule["faults"]):
                    used[key] = n + 1
                    return rule["faults"][n]
    return None


def log(text):
    with lock:
        with open(log_file, "a") as f:
            f.write(text + "\n")


ERRORS = {
    "500": (500, "InternalError", "We encountered an internal error. Please try again."),
    "503": (503, "ServiceUnavailable", "Please reduce your request rate."),
    "throttle": (400, "Throttling", "Rate exceeded"),
    "slowdown": (503, "SlowDown", "Please reduce your request rate."),
}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer_error(self, fault):
        status, code, message = ERRORS[fault]
        body = ("<?xml version=\"1.0\"?><ErrorResponse><Error><Code>%s</Code><Message>%s</Message></Error>"
                "<RequestId>fault</RequestId></ErrorResponse>" % (code, message)).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def forward(self, body):
        conn = http.client.HTTPConnection(up.hostname, up.port, timeout=60)
        headers = {k: v for k, v in self.headers.items()}
        conn.request(self.command, self.path, body=body, headers=headers)
        resp = conn.getresponse()
        data = resp.read()
        return resp, data

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        line = "%s %s" % (self.command, self.path)
        fault = next_fault(line)
        if fault in ERRORS:
            log("%s %s" % (line, fault))
            return self.answer_error(fault)
        if fault == "reset":
            log("%s reset" % line)
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
            self.connection.close()
            self.close_connection = True
            return
        if fault and fault.startswith("stall:"):
            log("%s %s" % (line, fault))
            time.sleep(float(fault.split(":")[1]))
        resp, data = self.forward(body)
        if fault and fault.startswith("lost:"):
            log("%s %s (upstream %d)" % (line, fault, resp.status))
            return self.answer_error(fault.split(":")[1])
        log("%s %d" % (line, resp.status))
        self.send_response(resp.status)
        for k, v in resp.getheaders():
            if k.lower() not in ("transfer-encoding", "connection", "content-length", "server", "date"):
                self.send_header(k, v)
        length = resp.getheader("Content-Length") if self.command == "HEAD" else None
        self.send_header("Content-Length", length or str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = do_PATCH = handle_any


ThreadingHTTPServer.daemon_threads = True
ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
