#!/usr/bin/env python3
"""Split the three sample requests into what the senders in make-captures.sh need.

  samplebits.py SAMPLES_DIR OUT_DIR

For each KEY in superoffice, drift, copernica writes:
  OUT_DIR/KEY.body     the exact body bytes (everything after the blank line)
  OUT_DIR/KEY.path     the request target from the request line (e.g. /webhooks/drift)
  OUT_DIR/KEY.headers  the sender's header lines, one per line, in the sample's order,
                       without Content-Length (every tool computes it) and without Host,
                       except for Copernica, whose Signature covers `host`: there the
                       sample's `Host: hooks.example.com` is kept so the signature stays valid.
  OUT_DIR/KEY.sha256   SHA-256 of the body, to check what the listener received
The sample files use LF (superoffice, drift) or CRLF (copernica) line endings; both are read.
"""
import hashlib
import os
import re
import sys

SAMPLES = {
    "superoffice": "superoffice/contact.created.http",
    "drift": "drift/contact_updated.http",
    "copernica": "copernica/profile.update.http",
}
KEEP_HOST = {"copernica"}


def split(data):
    m = re.search(rb"\r?\n\r?\n", data)
    head, body = data[: m.start()], data[m.end():]
    lines = re.split(rb"\r?\n", head)
    method, target, _ = lines[0].split(b" ", 2)
    headers = []
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        headers.append((name.strip(), value.strip()))
    return method, target, headers, body


def main():
    src, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    for key, rel in SAMPLES.items():
        method, target, headers, body = split(open(os.path.join(src, rel), "rb").read())
        declared = [v for n, v in headers if n.lower() == b"content-length"]
        assert declared and int(declared[0]) == len(body), (key, declared, len(body))
        keep = []
        for n, v in headers:
            if n.lower() == b"content-length":
                continue
            if n.lower() == b"host" and key not in KEEP_HOST:
                continue
            keep.append(n + b": " + v)
        open(os.path.join(out, key + ".body"), "wb").write(body)
        open(os.path.join(out, key + ".path"), "wb").write(target + b"\n")
        open(os.path.join(out, key + ".headers"), "wb").write(b"".join(h + b"\n" for h in keep))
        open(os.path.join(out, key + ".sha256"), "w").write(hashlib.sha256(body).hexdigest() + "\n")


if __name__ == "__main__":
    main()
