#!/usr/bin/env bash
# make-captures.sh: regenerate every capture fixture in this folder from scratch, with the
# real tools (tcpdump, tshark, tcpflow, ngrep, socat, HTTPie, curl, wget, two mitmproxy
# versions, Python http.client, requests-toolbelt).  README.md beside this script lists
# every output file and the command that made it.
#
#   sudo bash make-captures.sh            # needs root (packet capture on lo)
#   sudo bash make-captures.sh --install  # first install the tools (Debian 12 + PyPI)
#
# What is sent: the body bytes and the sender's headers of three sample requests from
# samples/ (see samplebits.py): superoffice/contact.created.http, drift/contact_updated.http,
# copernica/profile.update.http.  Content-Length is left to each tool, and so is Host, except
# for Copernica, whose signature covers `host`: its deliveries carry the sample's
# `Host: hooks.example.com` so the signature stays valid.  Every delivery goes to listener.py
# on the loopback interface, which logs the SHA-256 of every body it receives; the script
# fails unless each one equals the sample body's.  Every capture filter names the port, so
# nothing but this script's own loopback traffic is captured.
#
# Ports: 8089 listener (127.0.0.1 and ::1), 5000 listener (the "any port" capture),
# 8443 TLS listener, 8090 mitmdump (reverse proxy to 8089), 8091/8092 socat relays.
#
# Environment: PY (python3 for the helpers), MITM_VENV (a venv with PyPI's mitmproxy,
# requests and requests-toolbelt; default /opt/hookcheck-capvenv), MITMDUMP_DEBIAN
# (default /usr/bin/mitmdump, Debian's package), OUT (default: this folder).
#
# Every run gives new timestamps, ports, TCP sequence numbers and Date headers; frame numbers
# may shift by an ACK or two between runs.  pcap-index.txt is regenerated on each run and is
# the reference for frame numbers and byte offsets.

set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../../.." && pwd)
OUT=${OUT:-$HERE}
PY=${PY:-python3}
MITM_VENV=${MITM_VENV:-/opt/hookcheck-capvenv}
MITMDUMP_DEBIAN=${MITMDUMP_DEBIAN:-/usr/bin/mitmdump}
export TZ=UTC LC_ALL=C.UTF-8

if [ "${1:-}" = "--install" ]; then
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y tcpdump tshark tcpflow ngrep socat \
    httpie wget curl openssl mitmproxy iproute2
  # mitmproxy 11.1 and later (newest: 12.3.1) need Python >= 3.12; on 3.11 the newest is 11.0.2.
  "$PY" -m venv "$MITM_VENV"
  "$MITM_VENV/bin/pip" install -q 'mitmproxy==11.0.2' requests requests-toolbelt
fi

[ "$(id -u)" = 0 ] || { echo "make-captures.sh: run as root (capturing on lo)" >&2; exit 1; }

for port in 8089 8090 8091 8092 8443 5000; do
  if [ -n "$(ss -Hltn "sport = :$port")" ]; then
    echo "make-captures.sh: port $port is in use; stop what listens there first" >&2; exit 1
  fi
done

W=$(mktemp -d /tmp/hookcheck-captures.XXXXXX)
BITS=$W/bits
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$W"
}
trap cleanup EXIT

say() { printf '\n=== %s\n' "$*" >&2; }

# Quote arguments the way a person would type them: bare when safe, else in single quotes.
q() {
  local a out=()
  for a in "$@"; do
    if [[ $a =~ ^[A-Za-z0-9_./:@=+,%-]+$ ]]; then out+=("$a"); else out+=("'${a//\'/\'\\\'\'}'"); fi
  done
  printf '%s\n' "${out[*]}"
}

wait_port() {  # wait until something listens on TCP port $1
  local i
  for i in $(seq 100); do
    [ -n "$(ss -Hltn "sport = :$1")" ] && return 0
    sleep 0.1
  done
  echo "nothing listens on port $1" >&2; return 1
}

wait_text() {  # wait until file $1 contains text $2
  local i
  for i in $(seq 100); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "no '$2' in $1:" >&2; cat "$1" >&2; return 1
}

# start_listener NAME HOST PORT [CERT KEY]: listener.py in the background; log in $W/recv-NAME.jsonl
start_listener() {
  local name=$1 host=$2 port=$3; shift 3
  local tls=()
  [ $# -eq 2 ] && tls=(--tls "$1" "$2")
  "$PY" "$HERE/listener.py" --host "$host" --port "$port" --log "$W/recv-$name.jsonl" "${tls[@]}" \
    2>"$W/listener-$name.err" &
  LAST_PID=$!; PIDS+=("$LAST_PID")
  wait_text "$W/listener-$name.err" "ready on"
}

stop() {  # stop a background process this script started
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

# capture FILE ARGS...: tcpdump -w FILE ARGS... in the background (packet-buffered)
capture() {
  local file=$1; shift
  CAP_ERR=$W/tcpdump-$(basename "$file").err
  CAP_FILE=$file
  # -B 16384: with --immediate-mode and the default buffer, "-i any" dropped packets here
  tcpdump --immediate-mode -U -B 16384 -w "$file" "$@" 2>"$CAP_ERR" &
  CAP_PID=$!; PIDS+=("$CAP_PID")
  wait_text "$CAP_ERR" "listening on"
  sleep 1
}
end_capture() {
  sleep 0.5
  kill -INT "$CAP_PID"
  wait "$CAP_PID" || true
  cat "$CAP_ERR" >&2
  if [ "${CHECK_COMPLETE:-1}" = 1 ]; then  # no dropped packets: every TCP stream without holes
    (cd "$HERE" && "$PY" pcapindex.py --check "$CAP_FILE")
  fi
}

# ARGS=(curl arguments for sample KEY): the headers, then the exact body from its file.
delivery_args() {
  local h
  ARGS=()
  while IFS= read -r h; do ARGS+=(-H "$h"); done < "$BITS/$1.headers"
  ARGS+=(--data-binary "@$1.body")
}
URL=http://127.0.0.1:8089

# run_curl FOR_FILE ARGS...: run curl in $BITS and append the command line to curl-commands.txt
run_curl() {
  local for_file=$1; shift
  { echo "# for $for_file"; q curl "$@"; echo; } >> "$OUT/curl-commands.txt"
  (cd "$BITS" && curl "$@")
}

rm -f "$OUT"/*.pcap "$OUT"/*.pcapng "$OUT"/*.mitm "$OUT"/*.har "$OUT"/*.txt

# ---------------------------------------------------------------------------------------------
say "versions"
(
  set +e +o pipefail  # some tools exit non-zero after printing their version
  echo "Debian $(cat /etc/debian_version)"
  tcpdump --version 2>&1 | head -2
  tshark --version | head -1
  tcpflow --version
  ngrep -V | head -1
  socat -V | sed -n 2p
  echo "HTTPie $(http --version)"
  wget --version | head -1
  curl --version | head -1
  openssl version
  echo "Python (helpers, listener, http.client) $("$PY" -c 'import platform; print(platform.python_version())')"
  for m in "Debian:$MITMDUMP_DEBIAN" "PyPI:$MITM_VENV/bin/mitmdump"; do
    v=$("${m#*:}" --version)
    echo "${m%%:*} mitmproxy: $(sed -n 1p <<<"$v") ($(sed -n 2p <<<"$v" | tr -s ' '))"
  done
  "$MITM_VENV/bin/python" -c 'import requests, requests_toolbelt, urllib3; print("requests", requests.__version__, "/ requests-toolbelt", requests_toolbelt.__version__, "/ urllib3", urllib3.__version__)'
) > "$OUT/versions.txt" 2>/dev/null
cat "$OUT/versions.txt" >&2

"$PY" "$HERE/samplebits.py" "$ROOT/samples" "$BITS"
echo "# curl command lines run by make-captures.sh, in the folder holding KEY.body / KEY.headers" \
  > "$OUT/curl-commands.txt"
echo "# (the sample bodies: see samplebits.py).  Each is preceded by the fixture it made." >> "$OUT/curl-commands.txt"
echo >> "$OUT/curl-commands.txt"

start_listener main 127.0.0.1 8089; MAIN_LISTENER=$LAST_PID

# --- 1. capture 1: three deliveries on one keep-alive connection, one on a second -----------
say "1. tcpdump-keepalive.pcap"
keepalive_traffic() {
  "$PY" "$HERE/pyclient.py" keepalive 127.0.0.1 8089 "$BITS"   # connection A: 3 deliveries
  delivery_args superoffice                                      # connection B: curl, 1 delivery
  run_curl "$1" -sS -o /dev/null "$URL/webhooks/superoffice" "${ARGS[@]}"
}
capture "$OUT/tcpdump-keepalive.pcap" -i lo 'tcp port 8089'
keepalive_traffic tcpdump-keepalive.pcap
end_capture

# --- 5e. the same traffic, cut by a snaplen ---------------------------------------------
for s in 64 128; do
  say "5e. tcpdump-snaplen$s.pcap"
  capture "$OUT/tcpdump-snaplen$s.pcap" -s "$s" -i lo 'tcp port 8089'
  keepalive_traffic "tcpdump-snaplen$s.pcap"
  CHECK_COMPLETE=0 end_capture
done

# --- 2. tshark pcapng, one delivery ---------------------------------------------------------
say "2. tshark-copernica.pcapng"
tshark -i lo -f 'tcp port 8089' -w "$W/tshark.pcapng" 2>"$W/tshark.err" &
TS_PID=$!; PIDS+=("$TS_PID")
wait_text "$W/tshark.err" "Capturing on"
delivery_args copernica
run_curl tshark-copernica.pcapng -sS -o /dev/null "$URL/webhooks/copernica" "${ARGS[@]}"
sleep 1; kill -INT "$TS_PID"; wait "$TS_PID" || true
cat "$W/tshark.err" >&2
cp "$W/tshark.pcapng" "$OUT/tshark-copernica.pcapng"
(cd "$HERE" && "$PY" pcapindex.py --check "$OUT/tshark-copernica.pcapng")

# --- 3. Linux cooked headers from -i any ----------------------------------------------------
# tcpdump 4.99.3 with libpcap 1.10.3 gives LINUX_SLL2 by default on "any"; -y LINUX_SLL asks for v1.
say "3. tcpdump-any.pcap (default: LINUX_SLL2) / tcpdump-any-sll1.pcap (-y LINUX_SLL)"
delivery_args drift
capture "$OUT/tcpdump-any.pcap" -i any 'host 127.0.0.1 and tcp port 8089'
run_curl tcpdump-any.pcap -sS -o /dev/null "$URL/webhooks/drift" "${ARGS[@]}"
end_capture
capture "$OUT/tcpdump-any-sll1.pcap" -i any -y LINUX_SLL 'host 127.0.0.1 and tcp port 8089'
run_curl tcpdump-any-sll1.pcap -sS -o /dev/null "$URL/webhooks/drift" "${ARGS[@]}"
end_capture

# --- any port: a listener on 5000 -------------------------------------------------------------
say "tcpdump-port5000.pcap"
start_listener port5000 127.0.0.1 5000; P5000=$LAST_PID
capture "$OUT/tcpdump-port5000.pcap" -i lo 'tcp port 5000'
delivery_args superoffice
run_curl tcpdump-port5000.pcap -sS -o /dev/null http://127.0.0.1:5000/webhooks/superoffice "${ARGS[@]}"
end_capture
stop "$P5000"

# --- 4. IPv6 ----------------------------------------------------------------------------------
say "4. tcpdump-ipv6.pcap"
start_listener ipv6 ::1 8089; P6=$LAST_PID
capture "$OUT/tcpdump-ipv6.pcap" -i lo 'ip6 host ::1 and tcp port 8089'
delivery_args drift
run_curl tcpdump-ipv6.pcap -sS -o /dev/null -g 'http://[::1]:8089/webhooks/drift' "${ARGS[@]}"
end_capture
stop "$P6"

# --- 5. TLS: only the encrypted bytes ----------------------------------------------------------
say "5. tcpdump-tls.pcap"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 \
  -keyout "$W/tls.key" -out "$W/tls.crt" 2>/dev/null
start_listener tls 127.0.0.1 8443 "$W/tls.crt" "$W/tls.key"; PTLS=$LAST_PID
capture "$OUT/tcpdump-tls.pcap" -i lo 'tcp port 8443'
delivery_args superoffice
run_curl tcpdump-tls.pcap -sS -k -o /dev/null https://127.0.0.1:8443/webhooks/superoffice "${ARGS[@]}"
end_capture
stop "$PTLS"

# --- 5a-d. derived pcaps -----------------------------------------------------------------------
say "5a-d. derived-*.pcap"
(cd "$HERE" && "$PY" derive_pcaps.py "$OUT/tcpdump-keepalive.pcap" "$OUT")

# --- 6. mitmproxy: two versions ------------------------------------------------------------------
mitm_run() {  # mitm_run MITMDUMP PYTHON
  local dump=$1 py=$2 major prefix ver
  ver=$("$dump" --version)  # whole output first: "| head -1" made mitmdump die of SIGPIPE
  major=$(printf '%s\n' "$ver" | sed -nE '1s/.*: *([0-9]+)\..*/\1/p')
  prefix=mitmproxy$major
  say "6. $prefix-*"
  "$dump" --listen-host 127.0.0.1 --listen-port 8090 --mode reverse:http://127.0.0.1:8089/ \
    --set keep_host_header=true --set confdir="$W/mitm-conf-$major" \
    -w "$W/$prefix.mitm" --flow-detail 4 > "$OUT/$prefix-flow-detail4.txt" 2>"$W/$prefix.err" &
  local pid=$!; PIDS+=("$pid")
  wait_port 8090
  local a=()
  for key in superoffice drift copernica; do
    delivery_args $key
    [ ${#a[@]} -gt 0 ] && a+=(--next)
    a+=(-sS -o /dev/null "http://127.0.0.1:8090/webhooks/$key" "${ARGS[@]}")
  done
  run_curl "$prefix-flows.mitm" "${a[@]}"
  sleep 0.5
  kill -INT "$pid"; wait "$pid" || true
  cp "$W/$prefix.mitm" "$OUT/$prefix-flows.mitm"
  "$py" "$HERE/mitm_export.py" "$OUT/$prefix-flows.mitm" curl > "$OUT/$prefix-export-curl.txt"
  "$py" "$HERE/mitm_export.py" "$OUT/$prefix-flows.mitm" httpie > "$OUT/$prefix-export-httpie.txt"
  if [ "$major" -ge 11 ]; then  # HAR export (the hardump option) exists since mitmproxy 10.1
    "$dump" -q -nr "$OUT/$prefix-flows.mitm" --set confdir="$W/mitm-conf-$major" \
      --set hardump="$OUT/$prefix-flows.har"
  fi
}
mitm_run "$MITMDUMP_DEBIAN" /usr/bin/python3
mitm_run "$MITM_VENV/bin/mitmdump" "$MITM_VENV/bin/python"

# --- 7. tshark follow -------------------------------------------------------------------------------
say "7. tshark-follow-*.txt"
for mode in ascii hex raw; do
  (cd "$OUT" && tshark -r tcpdump-keepalive.pcap -qz "follow,tcp,$mode,0" > "tshark-follow-$mode.txt" 2>/dev/null)
done

# --- 8. HTTPie --------------------------------------------------------------------------------------
say "8. httpie-*.txt"
httpie_run() {  # httpie_run OUTFILE KEY HTTPIE-OPTIONS...
  local outf=$1 key=$2; shift 2
  local items=() h
  while IFS= read -r h; do items+=("${h%%:*}:${h#*: }"); done < "$BITS/$key.headers"
  local cmd=(http "$@" POST "$URL/webhooks/$key" "${items[@]}")
  { echo "# for $outf (the body comes from standard input)"; echo "$(q "${cmd[@]}") < $key.body"; echo; } \
    >> "$OUT/httpie-commands.txt"
  (cd "$BITS" && "${cmd[@]}" < "$key.body" > "$OUT/$outf")
}
echo "# HTTPie command lines run by make-captures.sh, in the folder holding KEY.body" > "$OUT/httpie-commands.txt"
echo >> "$OUT/httpie-commands.txt"
httpie_run httpie-v.txt superoffice -v
httpie_run httpie-print-HBhb.txt copernica --print=HBhb

# --- 9. curl -v and Chrome-style Copy as cURL ------------------------------------------------------
say "9. curl-v*.txt, chrome-copy-as-curl-*.txt"
delivery_args superoffice
run_curl curl-v.txt -v "$URL/webhooks/superoffice" "${ARGS[@]}" > "$OUT/curl-v.txt" 2>&1
a=()
for key in superoffice drift copernica; do
  delivery_args $key
  [ ${#a[@]} -gt 0 ] && a+=(--next)
  a+=(-v "$URL/webhooks/$key" "${ARGS[@]}")
done
run_curl curl-v-next.txt "${a[@]}" > "$OUT/curl-v-next.txt" 2>&1
# Chrome was not run: chrome_curl.py writes the command by hand-copied DevTools rules.
for key in drift superoffice; do
  "$PY" "$HERE/chrome_curl.py" "$URL/webhooks/$key" "$BITS/$key.headers" "$BITS/$key.body" \
    > "$OUT/chrome-copy-as-curl-$key.txt"
  # run it (quiet, response discarded): the listener check below proves it delivers the exact body
  (cd "$BITS" && bash -c "$(cat "$OUT/chrome-copy-as-curl-$key.txt") -sS -o /dev/null")
done

# --- 10. text dumps ---------------------------------------------------------------------------------
say "10. text dumps"
# Run in $OUT with the file's plain name (ngrep prints the name it was given).  Without -n,
# tcpdump prints 127.0.0.1 as "localhost" (from /etc/hosts).
(cd "$OUT" && tcpdump -A -r tcpdump-keepalive.pcap > tcpdump-A.txt 2>/dev/null)
(cd "$OUT" && tcpdump -X -r tcpdump-keepalive.pcap > tcpdump-X.txt 2>/dev/null)
(cd "$OUT" && ngrep -W byline -I tcpdump-keepalive.pcap > ngrep-byline.txt 2>/dev/null)
# tcpflow may leave a report.xml in its working folder: run it in the scratch folder
cp "$OUT/tcpdump-keepalive.pcap" "$W/"
(cd "$W" && tcpflow -c -r tcpdump-keepalive.pcap > "$OUT/tcpflow-c.txt" 2>/dev/null)

for mode in v x; do
  port=$([ $mode = v ] && echo 8091 || echo 8092)
  socat -$mode "TCP-LISTEN:$port,bind=127.0.0.1,reuseaddr,fork" TCP:127.0.0.1:8089 2> "$OUT/socat-$mode.txt" &
  SP=$!; PIDS+=("$SP")
  wait_port $port
  delivery_args copernica
  run_curl "socat-$mode.txt" -sS -o /dev/null "http://127.0.0.1:$port/webhooks/copernica" "${ARGS[@]}"
  sleep 0.5; stop "$SP"
done

"$PY" "$HERE/pyclient.py" debug 127.0.0.1 8089 "$BITS" > "$OUT/python-httpclient-debuglevel1.txt"
"$MITM_VENV/bin/python" "$HERE/pyclient.py" toolbelt 127.0.0.1 8089 "$BITS" > "$OUT/requests-toolbelt-dump_all.txt"

wargs=()
while IFS= read -r h; do wargs+=("--header=$h"); done < "$BITS/copernica.headers"
wcmd=(wget --debug -O /dev/null --post-file=copernica.body "${wargs[@]}" "$URL/webhooks/copernica")
{ echo "# wget command line run by make-captures.sh in the folder holding copernica.body"; q "${wcmd[@]}"; } \
  > "$OUT/wget-command.txt"
(cd "$BITS" && "${wcmd[@]}" 2> "$OUT/wget-debug.txt")

stop "$MAIN_LISTENER"

# --- checks and index ----------------------------------------------------------------------------
say "checking what the listeners received"
"$PY" - "$W" "$BITS" <<'EOF'
import glob, json, os, sys
w, bits = sys.argv[1], sys.argv[2]
want = {open(os.path.join(bits, k + ".sha256")).read().strip(): k for k in ("superoffice", "drift", "copernica")}
n = 0
for log in sorted(glob.glob(os.path.join(w, "recv-*.jsonl"))):
    for line in open(log):
        r = json.loads(line)
        key = r["target"].rsplit("/", 1)[-1]
        assert want.get(r["sha256"]) == key, ("body changed in transit", log, r)
        n += 1
print("all %d deliveries arrived with the exact sample body" % n, file=sys.stderr)
EOF

say "pcap-index.txt"
(cd "$OUT" && "$PY" "$HERE/pcapindex.py" tcpdump-keepalive.pcap tshark-copernica.pcapng \
  tcpdump-any.pcap tcpdump-any-sll1.pcap tcpdump-port5000.pcap tcpdump-ipv6.pcap \
  tcpdump-tls.pcap tcpdump-snaplen64.pcap tcpdump-snaplen128.pcap \
  derived-reordered.pcap derived-retransmit.pcap derived-overlap.pcap derived-truncated.pcap \
  > "$OUT/pcap-index.txt")

# tcpdump drops privileges (files owned by user tcpdump) and dumpcap writes 0600 files:
# give every output the folder's owner and plain 0644.
for f in "$OUT"/*.pcap "$OUT"/*.pcapng "$OUT"/*.mitm "$OUT"/*.har "$OUT"/*.txt; do
  chown --reference="$HERE" "$f"; chmod 0644 "$f"
done
du -sh "$OUT" >&2
say "done"
