#!/usr/bin/env python3
"""Make the derived pcaps from capture 1 (standard library only, via pcaplib.py).

  derive_pcaps.py tcpdump-keepalive.pcap OUT_DIR

Capture 1 holds, in its first connection (conn 0), request 1 (superoffice) in three client
segments: H = the headers, B1 = body[:200], B2 = body[200:]; request 2 (drift) as a header
segment and one body segment D; request 3 (copernica) as a header segment C and a body segment.
The packets are found by content, not by number, and every record other than the ones named
below is copied byte for byte (same timestamps).

  derived-reordered.pcap   B2's record comes before B1's (the two records swap places; the
                           timestamps stay in file order, so B2 carries B1's old time and v.v.)
  derived-retransmit.pcap  an identical copy of B1's record is inserted right after the ACK
                           that follows B1 (timestamp 1 us after that ACK): a retransmission of
                           data the receiver already has
  derived-overlap.pcap     D (556 bytes, drift's body) is replaced by two segments:
                           D1 = D[0:300] at D's seq, D2 = D[200:556] at D's seq + 200, so
                           bytes 200..299 of the body are sent twice with identical content
                           (100-byte overlap).  IP total length and IP checksum are set, the
                           TCP checksum is computed (correct); both keep D's IP ID, flags,
                           options; D2's timestamp is D's + 1 us
  derived-truncated.pcap   the file is cut 400 bytes into the packet data of C (the record
                           holding `POST /webhooks/copernica ...`), so the last record is
                           incomplete; requests 1 and 2 are whole
The original loopback packets carry offloaded (not valid) TCP checksums; only D1/D2 get valid
ones.  Offsets of everything are listed in pcap-index.txt.
"""
import os
import struct
import sys

from pcaplib import PcapFile, checksum, parse_tcp, write_pcap


def main():
    src, out = sys.argv[1], sys.argv[2]
    raw = open(src, "rb").read()
    pf = PcapFile(raw)
    e = pf.endian
    recs = pf.records
    info = [parse_tcp(r) for r in recs]
    first = info[0]
    conn0 = {(first.src, first.sport), (first.dst, first.dport)}
    client = (first.src, first.sport)

    def c2s_data(i):
        t = info[i]
        return ((t.src, t.sport) == client and {(t.src, t.sport), (t.dst, t.dport)} == conn0
                and t.payload_len > 0)

    data_idx = [i for i in range(len(recs)) if c2s_data(i)]
    h = next(i for i in data_idx if info[i].payload.startswith(b"POST /webhooks/superoffice"))
    b1, b2 = [i for i in data_idx if i > h][:2]
    dh = next(i for i in data_idx if info[i].payload.startswith(b"POST /webhooks/drift"))
    d = [i for i in data_idx if i > dh][0]
    c = next(i for i in data_idx if info[i].payload.startswith(b"POST /webhooks/copernica"))
    assert info[b1].payload_len == 200, info[b1].payload_len
    assert info[d].payload_len == 556, info[d].payload_len

    def rows():
        return [(r.ts_sec, r.ts_frac, r.data, r.origlen) for r in recs]

    def log(name, what):
        sys.stderr.write("derive_pcaps: %s: %s\n" % (name, what))

    # (a) reordered
    rs = rows()
    rs[b1], rs[b2] = (rs[b1][0], rs[b1][1], recs[b2].data, recs[b2].origlen), \
                     (rs[b2][0], rs[b2][1], recs[b1].data, recs[b1].origlen)
    write_pcap(os.path.join(out, "derived-reordered.pcap"), pf.header, rs, e)
    log("derived-reordered.pcap", "frames %d and %d (request 1 body segments) swapped" % (b1 + 1, b2 + 1))

    # (b) retransmission: copy of B1 after the record that follows it
    rs = rows()
    after = b1 + 1
    ts, frac = rs[after][0], rs[after][1] + 1
    if frac >= (10 ** 9 if pf.nanos else 10 ** 6):
        ts, frac = ts + 1, 0
    rs.insert(after + 1, (ts, frac, recs[b1].data, recs[b1].origlen))
    write_pcap(os.path.join(out, "derived-retransmit.pcap"), pf.header, rs, e)
    log("derived-retransmit.pcap", "copy of frame %d inserted as frame %d" % (b1 + 1, after + 2))

    # (c) overlapping segments
    t = info[d]
    data = recs[d].data
    link = data[: t.ip_off]
    ip = bytearray(data[t.ip_off: t.ip_off + t.ip_hlen])
    tcp = bytearray(data[t.tcp_off: t.payload_off])
    body = t.payload

    def segment(seq, payload):
        iph = bytearray(ip)
        th = bytearray(tcp)
        struct.pack_into(">H", iph, 2, len(iph) + len(th) + len(payload))
        struct.pack_into(">H", iph, 10, 0)
        struct.pack_into(">H", iph, 10, checksum(bytes(iph)))
        struct.pack_into(">I", th, 4, seq)
        struct.pack_into(">H", th, 16, 0)
        pseudo = bytes(iph[12:20]) + struct.pack(">BBH", 0, 6, len(th) + len(payload))
        struct.pack_into(">H", th, 16, checksum(pseudo + bytes(th) + payload))
        return link + bytes(iph) + bytes(th) + payload

    s1 = segment(t.seq, body[0:300])
    s2 = segment((t.seq + 200) % (1 << 32), body[200:556])
    rs = rows()
    r = recs[d]
    rs[d: d + 1] = [(r.ts_sec, r.ts_frac, s1, len(s1)), (r.ts_sec, r.ts_frac + 1, s2, len(s2))]
    write_pcap(os.path.join(out, "derived-overlap.pcap"), pf.header, rs, e)
    log("derived-overlap.pcap", "frame %d split into frames %d (body[0:300]) and %d (body[200:556])"
        % (d + 1, d + 1, d + 2))

    # (d) truncated in the middle of a packet
    cut = recs[c].data_off + 400
    assert cut < recs[c].data_off + recs[c].caplen
    open(os.path.join(out, "derived-truncated.pcap"), "wb").write(raw[:cut])
    log("derived-truncated.pcap", "cut at byte %d, 400 bytes into frame %d (caplen %d)"
        % (cut, c + 1, recs[c].caplen))


if __name__ == "__main__":
    main()
