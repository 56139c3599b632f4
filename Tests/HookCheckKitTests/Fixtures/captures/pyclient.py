#!/usr/bin/env python3
"""Python senders for make-captures.sh.

  pyclient.py keepalive HOST PORT BITS   connection A of capture 1 (Python http.client): one
      keep-alive connection, three deliveries, then close.  http.client sends the header block
      and the body with separate send() calls and sets TCP_NODELAY, so on loopback each
      send() is its own TCP segment:
        1. superoffice  headers, then body[:200], then body[200:] (three segments; the body is
                        sent in two conn.send() calls 50 ms apart)
        2. drift        headers, body (two segments)
        3. copernica    headers, body (two segments)
      (capture 1's connection B is made by curl in make-captures.sh.)
  pyclient.py debug HOST PORT BITS       http.client with set_debuglevel(1), the three
                                         deliveries on one connection (output on stdout)
  pyclient.py toolbelt HOST PORT BITS    requests + requests_toolbelt.utils.dump.dump_all of
                                         each of the three deliveries (raw bytes on stdout)
BITS is the folder written by samplebits.py.
"""
import http.client
import os
import sys
import time

KEYS = ["superoffice", "drift", "copernica"]


def load(bits, key):
    body = open(os.path.join(bits, key + ".body"), "rb").read()
    path = open(os.path.join(bits, key + ".path")).read().strip()
    headers = []
    for line in open(os.path.join(bits, key + ".headers"), "rb").read().decode().splitlines():
        name, _, value = line.partition(":")
        headers.append((name.strip(), value.strip()))
    return path, headers, body


def send(conn, bits, key, split_at=None):
    path, headers, body = load(bits, key)
    has_host = any(n.lower() == "host" for n, _ in headers)
    conn.putrequest("POST", path, skip_host=has_host)
    for n, v in headers:
        conn.putheader(n, v)
    conn.putheader("Content-Length", str(len(body)))
    if split_at is None:
        conn.endheaders(message_body=body)  # http.client: one send() for headers, one for body
    else:
        conn.endheaders()
        time.sleep(0.05)
        conn.send(body[:split_at])
        time.sleep(0.05)
        conn.send(body[split_at:])
    resp = conn.getresponse()
    data = resp.read()
    assert resp.status == 200, (key, resp.status, data)
    time.sleep(0.05)


def keepalive(host, port, bits):
    a = http.client.HTTPConnection(host, port, timeout=10)
    send(a, bits, "superoffice", split_at=200)
    send(a, bits, "drift")
    send(a, bits, "copernica")
    a.close()
    time.sleep(0.2)


def debug(host, port, bits):
    c = http.client.HTTPConnection(host, port, timeout=10)
    c.set_debuglevel(1)
    for key in KEYS:
        path, headers, body = load(bits, key)
        c.request("POST", path, body=body, headers=dict(headers))
        r = c.getresponse()
        r.read()
    c.close()


def toolbelt(host, port, bits):
    import requests
    from requests_toolbelt.utils import dump

    s = requests.Session()
    out = sys.stdout.buffer
    for key in KEYS:
        path, headers, body = load(bits, key)
        r = s.post("http://%s:%s%s" % (host, port, path), data=body, headers=dict(headers))
        out.write(dump.dump_all(r))
    out.flush()


if __name__ == "__main__":
    cmd, host, port, bits = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    {"keepalive": keepalive, "debug": debug, "toolbelt": toolbelt}[cmd](host, port, bits)
