#!/usr/bin/env python3
"""Tiny HTTP/1.1 listener for make-captures.sh (standard library only).

Reads exactly Content-Length body bytes, answers `200 OK` with a short body, keeps the
connection open (HTTP/1.1 keep-alive) and appends one JSON line per request to --log:
peer, method, target, headers, body length and body SHA-256, so the script can check that
every delivery arrived byte for byte.

  listener.py --host 127.0.0.1 --port 8089 --log recv.jsonl [--tls CERT KEY]
"""
import argparse
import hashlib
import http.server
import json
import socket
import ssl
import sys

REPLY = b"ok\n"


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "hookcheck-listener/1"

    def version_string(self):  # "Server: hookcheck-listener/1", no Python version
        return self.server_version

    def _handle(self):
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n) if n else b""
        rec = {
            "peer": "%s:%s" % self.client_address[:2],
            "method": self.command,
            "target": self.path,
            "headers": [[k, v] for k, v in self.headers.items()],
            "length": len(body),
            "sha256": hashlib.sha256(body).hexdigest(),
        }
        with open(self.server.log_path, "a") as f:
            f.write(json.dumps(rec) + "\n")
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(REPLY)))
        self.end_headers()
        self.wfile.write(REPLY)

    do_POST = _handle
    do_GET = _handle
    do_PUT = _handle

    def log_message(self, fmt, *args):
        sys.stderr.write("listener: " + (fmt % args) + "\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=8089)
    ap.add_argument("--log", required=True)
    ap.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"))
    a = ap.parse_args()

    class Server(http.server.ThreadingHTTPServer):
        address_family = socket.AF_INET6 if ":" in a.host else socket.AF_INET
        allow_reuse_address = True
        daemon_threads = True

    srv = Server((a.host, a.port), Handler)
    srv.log_path = a.log
    if a.tls:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(a.tls[0], a.tls[1])
        srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
    sys.stderr.write("listener: ready on %s port %d\n" % (a.host, a.port))
    sys.stderr.flush()
    srv.serve_forever()


if __name__ == "__main__":
    main()
