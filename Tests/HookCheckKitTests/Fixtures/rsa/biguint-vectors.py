#!/usr/bin/env python3
"""Writes biguint-vectors.txt: reference results from Python's built-in integers for
the BigUInt tests. Records (hex, no prefix), one per line:
    div <u> <v> <u // v> <u % v>
    pow <base> <exponent> <modulus> <base ** exponent % modulus>
    mul <a> <b> <a * b>
The first division records are inputs for which long division with 64-bit digits
(Knuth's Algorithm D) over-estimates a quotient digit and has to add the divisor back,
found by modelling that algorithm below."""
import random

B = 1 << 64

def limbs(x):
    out = []
    while x:
        out.append(x % B)
        x //= B
    return out

def needs_add_back(u, v):
    V = limbs(v)
    n, m = len(V), len(limbs(u)) - len(V)
    if n < 2 or m < 0:
        return False
    s = 64 - V[-1].bit_length()
    vn = limbs(v << s)
    un = limbs(u << s)
    un += [0] * (n + m + 1 - len(un))
    for j in range(m, -1, -1):
        num = un[j + n] * B + un[j + n - 1]
        qhat, rhat = num // vn[n - 1], num % vn[n - 1]
        while qhat >= B or qhat * vn[n - 2] > B * rhat + un[j + n - 2]:
            qhat -= 1
            rhat += vn[n - 1]
            if rhat >= B:
                break
        window = sum(un[j + i] << (64 * i) for i in range(n + 1)) - qhat * (v << s)
        if window < 0:
            return True
        for i in range(n + 1):
            un[j + i] = (window >> (64 * i)) % B
    return False

rng = random.Random(20240601)
special = [0, 1, 2, 1 << 63, (1 << 63) - 1, (1 << 63) + 1, B - 1, B - 2]
def structured_limb():
    return rng.choice(special) if rng.random() < 0.7 else rng.getrandbits(64)

lines = []
add_back = []
while len(add_back) < 3:
    V = [structured_limb() for _ in range(rng.randint(2, 4))]
    U = [structured_limb() for _ in range(len(V) + rng.randint(0, 3))]
    u = sum(x << (64 * i) for i, x in enumerate(U))
    v = sum(x << (64 * i) for i, x in enumerate(V))
    if V[-1] and u >= v and needs_add_back(u, v):
        add_back.append((u, v))

rng = random.Random(7)
def top(bits):
    return rng.getrandbits(bits) | (1 << (bits - 1))

divisions = add_back[:]
for ub, vb in [(64, 64), (128, 64), (192, 65), (256, 128), (1000, 500), (2048, 1024), (4096, 2049), (3000, 64), (129, 128)]:
    divisions.append((top(ub), top(vb)))
v = (1 << 1000) + 12345
divisions += [(v * ((1 << 999) | 77), v), ((1 << 128) - 1, (1 << 64) + 1), ((1 << 128) * 5, 1 << 64), (12345, 67890)]
for u, v in divisions:
    lines.append(f"div {u:x} {v:x} {u // v:x} {u % v:x}")

for bb, eb, mb, odd in [(64, 17, 64, True), (200, 64, 127, True), (1024, 1024, 1024, True), (600, 300, 521, False),
                        (2048, 17, 2048, True), (100, 100, 64, False), (300, 65, 130, True), (512, 512, 512, False),
                        (4096, 17, 4096, True), (8192, 17, 8192, True)]:
    b, e, m = rng.getrandbits(bb), top(eb), top(mb)
    m = m | 1 if odd else m & ~1
    lines.append(f"pow {b:x} {e:x} {m:x} {pow(b, e, m):x}")

for ab, bb in [(64, 64), (65, 64), (1000, 3), (2048, 2048), (4096, 100)]:
    a, b = top(ab), top(bb)
    lines.append(f"mul {a:x} {b:x} {a * b:x}")

with open("biguint-vectors.txt", "w") as out:
    out.write("\n".join(lines) + "\n")
