#!/usr/bin/env python3
"""Write a "Copy as cURL (bash)" command in Chrome DevTools' style.  HAND-WRITTEN IMITATION:
Chrome was not run.  This follows the rules of DevTools' generateCurlCommand /
escapeStringPosix (front_end/panels/network/NetworkLogView.ts) as closely as we know them:

  * `curl 'URL'` first, then one `-H 'Name: value'` per request header in the order sent,
    skipping host, content-length, accept-encoding (and HTTP/2 pseudo-headers);
  * the body as `--data-raw ...` (so no `-X POST`: POST is implied by the data);
  * `--compressed` when the request had an Accept-Encoding header; `--insecure` last, which
    DevTools adds for requests it rates insecure (plain http://);
  * a value is put in single quotes, or, when it holds a control character, a character in
    U+007F..U+009F, `!` or `'`, in ANSI-C `$'...'` quoting: `\\` -> `\\\\`, `'` -> `\\'`,
    LF -> `\\n`, CR -> `\\r`, other such characters -> `\\uXXXX`;
  * arguments joined by ` \\` + newline + two spaces (three or more arguments).

  chrome_curl.py URL HEADERS_FILE BODY_FILE > chrome-copy-as-curl-KEY.txt
HEADERS_FILE is a samplebits.py .headers file.  The request the browser would have sent is
modelled as `Accept: */*`, the sample's headers, and `Accept-Encoding: gzip, deflate, br`.
"""
import re
import sys

IGNORED = {"accept-encoding", "host", "method", "path", "scheme", "version", "authority",
           "protocol", "content-length"}


def escape_posix(s):
    if re.search(r"[\x00-\x1f\x7f-\x9f!]|'", s):
        s = (s.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n")
             .replace("\r", "\\r"))
        s = re.sub(r"[\x00-\x1f\x7f-\x9f!]", lambda m: "\\u%04x" % ord(m.group(0)), s)
        return "$'" + s + "'"
    return "'" + s + "'"


def main():
    url, hfile, bfile = sys.argv[1:4]
    headers = [("Accept", "*/*")]
    for line in open(hfile, encoding="utf-8").read().splitlines():
        n, _, v = line.partition(":")
        headers.append((n.strip(), v.strip()))
    headers.append(("Accept-Encoding", "gzip, deflate, br"))
    body = open(bfile, "rb").read().decode("utf-8")
    cmd = [re.sub(r"[\[{}\]]", lambda m: "\\" + m.group(0), escape_posix(url))]
    for n, v in headers:
        if n.lower() in IGNORED:
            continue
        cmd.append("-H " + escape_posix("%s: %s" % (n, v)) if v.strip() else "-H " + escape_posix(n + ";"))
    cmd.append("--data-raw " + escape_posix(body))
    if any(n.lower() == "accept-encoding" for n, _ in headers):
        cmd.append("--compressed")
    if url.startswith("http:"):
        cmd.append("--insecure")
    sys.stdout.write("curl " + (" \\\n  " if len(cmd) >= 3 else " ").join(cmd) + "\n")


if __name__ == "__main__":
    main()
