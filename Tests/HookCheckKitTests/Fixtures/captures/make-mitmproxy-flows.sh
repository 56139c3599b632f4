#!/usr/bin/env bash
# make-mitmproxy-flows.sh: one more mitmproxy flow fixture, made like make-captures.sh's step 6
# but without root or packet capture, so any mitmproxy version can be added from a venv.
#
#   python3 -m venv /tmp/mitm10-venv && /tmp/mitm10-venv/bin/pip install 'mitmproxy==10.*'
#   bash make-mitmproxy-flows.sh /tmp/mitm10-venv/bin/mitmdump
#
# Writes mitmproxyN-flows.mitm, mitmproxyN-http2-flows.mitm (the same over HTTP/2), their
# ...-flow-detail4.txt and mitmproxyN-version.txt (N: the major version) into OUT (default: this
# folder). What is sent is what step 6 sends: the three sample requests of samplebits.py, one
# curl with --next, through mitmdump in reverse-proxy mode (keep_host_header on) to listener.py,
# which logs each body's SHA-256; the script fails unless every one equals the sample body's. Ports: LISTEN_PORT (default 18089) for listener.py,
# PROXY_PORT (default 18090) for mitmdump, so it can run beside make-captures.sh.

set -euo pipefail

DUMP=${1:?usage: make-mitmproxy-flows.sh PATH/TO/mitmdump}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../../.." && pwd)
OUT=${OUT:-$HERE}
PY=${PY:-python3}
LISTEN_PORT=${LISTEN_PORT:-18089}
PROXY_PORT=${PROXY_PORT:-18090}
export TZ=UTC LC_ALL=C.UTF-8

W=$(mktemp -d /tmp/hookcheck-mitm.XXXXXX)
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$W"
}
trap cleanup EXIT

wait_text() {  # wait until file $1 contains text $2
  local i
  for i in $(seq 100); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "no '$2' in $1:" >&2; cat "$1" >&2; return 1
}

VERSION_TEXT=$("$DUMP" --version)  # read once: piping it into head breaks mitmdump's pipe
major=$(sed -nE '1s/.*: *([0-9]+)\..*/\1/p' <<< "$VERSION_TEXT")
prefix=mitmproxy$major
BITS=$W/bits
"$PY" "$HERE/samplebits.py" "$ROOT/samples" "$BITS"

"$PY" "$HERE/listener.py" --host 127.0.0.1 --port "$LISTEN_PORT" --log "$W/recv.jsonl" 2>"$W/listener.err" &
PIDS+=($!)
wait_text "$W/listener.err" "ready on"

# mitm_run NAME URL-BASE CURL-OPTIONS...: the three deliveries through a fresh mitmdump into NAME.mitm
mitm_run() {
  local name=$1 base=$2; shift 2
  "$DUMP" --listen-host 127.0.0.1 --listen-port "$PROXY_PORT" --mode "reverse:http://127.0.0.1:$LISTEN_PORT/" \
    --set keep_host_header=true --set confdir="$W/mitm-conf" \
    -w "$W/$name.mitm" --flow-detail 4 > "$OUT/${name%-flows}-flow-detail4.txt" 2>"$W/$name.err" &
  local pid=$!
  PIDS+=("$pid")
  wait_text "$OUT/${name%-flows}-flow-detail4.txt" "listening at"
  local a=() key h
  for key in superoffice drift copernica; do
    [ ${#a[@]} -gt 0 ] && a+=(--next)
    a+=(-sS -o /dev/null "$@" "$base/webhooks/$key")
    while IFS= read -r h; do a+=(-H "$h"); done < "$BITS/$key.headers"
    a+=(--data-binary "@$key.body")
  done
  (cd "$BITS" && curl "${a[@]}")
  sleep 0.5
  kill -INT "$pid"; wait "$pid" || true
  cp "$W/$name.mitm" "$OUT/$name.mitm"
}
mitm_run "$prefix-flows" "http://127.0.0.1:$PROXY_PORT"
# The same over HTTP/2 (TLS with mitmproxy's own CA, hence -k): mitmproxy stores the host as the
# :authority, no Host header, and http_version HTTP/2.0.
mitm_run "$prefix-http2-flows" "https://127.0.0.1:$PROXY_PORT" -k --http2
echo "PyPI mitmproxy: $(sed -n 1p <<< "$VERSION_TEXT") ($(sed -n 2p <<< "$VERSION_TEXT" | tr -s ' '))" \
  > "$OUT/$prefix-version.txt"

"$PY" - "$W/recv.jsonl" "$BITS" <<'EOF'
import json, os, sys
log, bits = sys.argv[1], sys.argv[2]
want = {open(os.path.join(bits, k + ".sha256")).read().strip(): k for k in ("superoffice", "drift", "copernica")}
seen = [json.loads(line) for line in open(log)]
assert len(seen) == 6, seen
for r in seen:
    assert want.get(r["sha256"]) == r["target"].rsplit("/", 1)[-1], ("body changed in transit", r)
print("all 6 deliveries arrived with the exact sample body", file=sys.stderr)
EOF
chmod 0644 "$OUT/$prefix"-flows.mitm "$OUT/$prefix"-http2-flows.mitm "$OUT/$prefix"*-flow-detail4.txt "$OUT/$prefix-version.txt"
