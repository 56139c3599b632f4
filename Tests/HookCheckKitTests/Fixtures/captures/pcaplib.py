"""Minimal pcap / pcapng reading and writing for the capture fixtures (standard library only).

Used by derive_pcaps.py and pcapindex.py.  Handles what make-captures.sh produces: classic
pcap (either byte order, microsecond or nanosecond stamps) and pcapng (SHB/IDB/EPB), with
link types EN10MB (1), LINUX_SLL (113) and LINUX_SLL2 (276), IPv4 or IPv6, TCP.
"""
import struct

LINKTYPES = {1: "EN10MB", 113: "LINUX_SLL", 276: "LINUX_SLL2", 0: "NULL", 101: "RAW"}


class Record:
    """One captured packet: where it sits in the file and what it holds."""

    def __init__(self, number, rec_off, data_off, ts_sec, ts_frac, caplen, origlen, data, linktype):
        self.number = number      # 1-based, as Wireshark numbers frames
        self.rec_off = rec_off    # file offset of the record (pcap record header / pcapng block)
        self.data_off = data_off  # file offset of the first captured byte (link-layer header)
        self.ts_sec, self.ts_frac = ts_sec, ts_frac
        self.caplen, self.origlen = caplen, origlen
        self.data = data
        self.linktype = linktype
        self.truncated_record = len(data) < caplen  # the file ends inside this record


class PcapFile:
    def __init__(self, raw):
        self.raw = raw
        self.kind = None
        self.records = []
        self.note = ""
        magic = raw[:4]
        if magic == b"\x0a\x0d\x0d\x0a":
            self._pcapng()
        else:
            self._pcap()

    def _pcap(self):
        raw = self.raw
        m = raw[:4]
        if m in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
            self.endian = "<"
        elif m in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
            self.endian = ">"
        else:
            raise ValueError("not a pcap file")
        self.nanos = m in (b"\x4d\x3c\xb2\xa1", b"\xa1\xb2\x3c\x4d")
        e = self.endian
        self.header = raw[:24]
        vmaj, vmin, _, _, self.snaplen, self.linktype = struct.unpack(e + "HHiIII", raw[4:24])
        self.kind = "pcap %s-endian, %s stamps, version %d.%d" % (
            "little" if e == "<" else "big", "ns" if self.nanos else "us", vmaj, vmin)
        off, n = 24, 0
        while off < len(raw):
            n += 1
            if off + 16 > len(raw):
                self.note = "file ends inside the record header of packet %d (offset %d)" % (n, off)
                break
            ts, frac, cap, orig = struct.unpack(e + "IIII", raw[off:off + 16])
            data = raw[off + 16: off + 16 + cap]
            r = Record(n, off, off + 16, ts, frac, cap, orig, data, self.linktype)
            self.records.append(r)
            if r.truncated_record:
                self.note = "file ends inside packet %d: %d of %d captured bytes present" % (
                    n, len(data), cap)
                break
            off += 16 + cap

    def _pcapng(self):
        raw = self.raw
        bom = raw[8:12]
        self.endian = e = "<" if bom == b"\x4d\x3c\x2b\x1a" else ">"
        self.kind = "pcapng %s-endian" % ("little" if e == "<" else "big")
        self.interfaces = []
        off, n = 0, 0
        while off + 12 <= len(raw):
            btype, blen = struct.unpack(e + "II", raw[off:off + 8])
            body = raw[off + 8: off + blen - 4]
            if btype == 1:  # IDB
                lt, _, snap = struct.unpack(e + "HHI", body[:8])
                self.interfaces.append((lt, snap))
            elif btype == 6:  # EPB
                iface, hi, lo, cap, orig = struct.unpack(e + "IIIII", body[:20])
                n += 1
                lt = self.interfaces[iface][0]
                ts = (hi << 32) | lo
                self.records.append(Record(n, off, off + 28, ts // 1000000, ts % 1000000, cap, orig,
                                           body[20:20 + cap], lt))
            off += blen
        self.linktype = self.interfaces[0][0] if self.interfaces else None
        self.snaplen = self.interfaces[0][1] if self.interfaces else None


def link_header_len(linktype, data):
    """Length of the link-layer header and the EtherType/protocol it names."""
    if linktype == 1:
        return 14, struct.unpack(">H", data[12:14])[0] if len(data) >= 14 else None
    if linktype == 113:
        return 16, struct.unpack(">H", data[14:16])[0] if len(data) >= 16 else None
    if linktype == 276:
        return 20, struct.unpack(">H", data[0:2])[0] if len(data) >= 2 else None
    raise ValueError("link type %s not handled" % linktype)


class TCPInfo:
    pass


def parse_tcp(rec):
    """Decode IPv4/IPv6 + TCP from a record; fields are None where the capture is cut."""
    t = TCPInfo()
    d = rec.data
    lh, proto = link_header_len(rec.linktype, d)
    t.link_len = lh
    t.ok = False
    if proto == 0x0800 and len(d) >= lh + 20:
        ihl = (d[lh] & 0x0F) * 4
        t.family = 4
        t.ip_off, t.ip_hlen = lh, ihl
        t.ip_total = struct.unpack(">H", d[lh + 2: lh + 4])[0]
        t.src = ".".join(str(b) for b in d[lh + 12: lh + 16])
        t.dst = ".".join(str(b) for b in d[lh + 16: lh + 20])
        if d[lh + 9] != 6:
            return t
        tcp = lh + ihl
        ip_payload_len = t.ip_total - ihl
    elif proto == 0x86DD and len(d) >= lh + 40:
        import ipaddress
        t.family = 6
        t.ip_off, t.ip_hlen = lh, 40
        plen = struct.unpack(">H", d[lh + 4: lh + 6])[0]
        t.ip_total = plen + 40
        t.src = str(ipaddress.IPv6Address(d[lh + 8: lh + 24]))
        t.dst = str(ipaddress.IPv6Address(d[lh + 24: lh + 40]))
        if d[lh + 6] != 6:
            return t
        tcp = lh + 40
        ip_payload_len = plen
    else:
        return t
    t.tcp_off = tcp
    if len(d) < tcp + 14:
        return t  # ports/seq may still be readable below, but flags are not
    t.sport, t.dport, t.seq, t.ack = struct.unpack(">HHII", d[tcp: tcp + 12])
    t.tcp_hlen = (d[tcp + 12] >> 4) * 4
    t.flags = d[tcp + 13]
    t.payload_len = ip_payload_len - t.tcp_hlen
    t.payload_off = tcp + t.tcp_hlen
    t.payload = d[t.payload_off: t.payload_off + t.payload_len]
    t.ok = True
    return t


def flag_str(f):
    names = [(0x02, "S"), (0x01, "F"), (0x04, "R"), (0x08, "P"), (0x10, ".")]
    return "".join(c for bit, c in names if f & bit) or "-"


def checksum(data):
    if len(data) % 2:
        data += b"\x00"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF


def write_pcap(path, header, records, endian="<"):
    """Write a classic pcap with the given 24-byte global header and (ts_sec, ts_frac, data, origlen)."""
    with open(path, "wb") as f:
        f.write(header)
        for ts, frac, data, orig in records:
            f.write(struct.pack(endian + "IIII", ts, frac, len(data), orig))
            f.write(data)
