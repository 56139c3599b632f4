#!/usr/bin/env python3
"""List every packet of the given pcap/pcapng files: where it is in the file and what it holds.

  pcapindex.py FILE...   > pcap-index.txt

For each file: format, link type, snaplen; then one line per packet:
  #        frame number (1-based, as Wireshark/tshark count)
  rec@     file offset of the record (pcap: 16-byte record header; pcapng: the EPB block)
  data@    file offset of the packet's first byte (the link-layer header)
  cap/len  captured length / original length on the wire
  conn     TCP connection number in order of first appearance (like tshark's tcp.stream)
  dir      C>S (client to server: the side that sent the SYN) or S>C
  flags    S F R P . (SYN FIN RST PSH ACK)
  rseq     sequence number relative to that side's ISN (SYN = 0, first data byte = 1), as
           tshark shows it
  plen     TCP payload length (from the IP header)
  pay@     file offset of the first TCP payload byte, when any payload byte was captured
  text     the payload's first bytes, or `(cut: N of M payload bytes captured)`
After the packets, one line per connection and direction says how the payload covers the
stream (contiguous, holes, bytes sent again, segments out of order).

  pcapindex.py --check FILE...   exit 1 if any file has a hole in a TCP stream or is cut short
"""
import os
import sys

from pcaplib import LINKTYPES, PcapFile, flag_str, parse_tcp


def index(path, out):
    raw = open(path, "rb").read()
    pf = PcapFile(raw)
    out.write("== %s  (%d bytes)\n" % (path.rsplit("/", 1)[-1], len(raw)))
    out.write("   %s; link type %s %s; snaplen %s; %d packet record(s)\n" % (
        pf.kind, pf.linktype, LINKTYPES.get(pf.linktype, "?"), pf.snaplen, len(pf.records)))
    if pf.note:
        out.write("   NOTE: %s\n" % pf.note)
    conns, isn = {}, {}
    segments, order = [], {}  # (conn, dir, rseq, plen) of payload segments; arrival order
    out.write("   %4s %7s %7s %11s %4s %3s %5s %7s %5s %7s  %s\n" % (
        "#", "rec@", "data@", "cap/len", "conn", "dir", "flags", "rseq", "plen", "pay@", "text"))
    for r in pf.records:
        t = parse_tcp(r)
        if not getattr(t, "ok", False):
            out.write("   %4d %7d %7d %11s  (headers cut by snaplen or file end: %d bytes captured)\n" % (
                r.number, r.rec_off, r.data_off, "%d/%d" % (r.caplen, r.origlen), len(r.data)))
            continue
        a, b = (t.src, t.sport), (t.dst, t.dport)
        key = tuple(sorted([a, b]))
        if key not in conns:
            client = b if (t.flags & 0x12) == 0x12 else a  # a SYN-ACK comes from the server
            conns[key] = (len(conns), client)
        cno, client = conns[key]
        d = "C>S" if a == client else "S>C"
        if (cno, a) not in isn:
            isn[cno, a] = t.seq - (0 if t.flags & 0x02 else 1)
        rseq = (t.seq - isn[cno, a]) % (1 << 32)
        if t.payload_len:
            segments.append((cno, d, rseq, t.payload_len))
            order.setdefault((cno, d), []).append(rseq)
        present = len(t.payload)
        if t.payload_len and present:
            txt = t.payload[:44].decode("latin-1")
            txt = "".join(c if 32 <= ord(c) < 127 else "\\n" if c == "\n" else "\\r" if c == "\r" else "." for c in txt)
            if present < t.payload_len:
                txt = "(cut: %d of %d payload bytes captured) %s" % (present, t.payload_len, txt)
            pay = str(r.data_off + t.payload_off)
        elif t.payload_len:
            txt, pay = "(cut: 0 of %d payload bytes captured)" % t.payload_len, "-"
        else:
            txt, pay = "", "-"
        out.write("   %4d %7d %7d %11s %4d %3s %5s %7d %5d %7s  %s\n" % (
            r.number, r.rec_off, r.data_off, "%d/%d" % (r.caplen, r.origlen), cno, d,
            flag_str(t.flags), rseq, t.payload_len, pay, txt))
    for key, (cno, client) in conns.items():
        for d in ("C>S", "S>C"):
            segs = sorted(x for x in segments if x[0] == cno and x[1] == d)
            out.write("   conn %d %s: %s\n" % (cno, d, stream_summary(segs, order.get((cno, d), []))))
    out.write("\n")
    return gaps_found(pf, conns, segments)


def stream_summary(segs, arrival):
    """How the payload bytes of one direction cover the stream: holes, repeats, reordering."""
    if not segs:
        return "no payload"
    notes = []
    end = 1
    for _, _, rseq, plen in segs:
        if rseq > end:
            notes.append("HOLE %d..%d" % (end, rseq - 1))
        elif rseq < end:
            notes.append("bytes %d..%d sent again" % (rseq, min(end, rseq + plen) - 1))
        end = max(end, rseq + plen)
    if arrival != sorted(arrival):
        notes.append("segments out of order in the file")
    return "payload bytes 1..%d in %d segment(s)%s" % (
        end - 1, len(segs), "; " + "; ".join(notes) if notes else "; contiguous")


def gaps_found(pf, conns, segments):
    bad = False
    for cno, _ in conns.values():
        for d in ("C>S", "S>C"):
            end = 1
            for _, _, rseq, plen in sorted(x for x in segments if x[0] == cno and x[1] == d):
                if rseq > end:
                    bad = True
                end = max(end, rseq + plen)
    return bad or bool(pf.note)


if __name__ == "__main__":
    args = sys.argv[1:]
    if args and args[0] == "--check":
        # exit 1 when a file has a hole in a TCP stream or ends inside a record
        # (make-captures.sh uses this to catch packets dropped while capturing)
        bad = [p for p in args[1:] if index(p, open(os.devnull, "w"))]
        for p in bad:
            sys.stderr.write("pcapindex: %s: incomplete capture (a hole in a TCP stream)\n" % p)
        sys.exit(1 if bad else 0)
    for p in args:
        index(p, sys.stdout)
