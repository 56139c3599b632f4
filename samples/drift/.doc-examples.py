#!/usr/bin/env python3
"""Copy Drift's own documented webhook examples into this folder as doc-* files, exactly as written.

The text comes from the seed copies of Drift's developer pages (the project's seeds/ folder):
    001  devdocs.drift.com/docs/webhook-events-1          "Webhooks: Subscribing to Drift Events"
    000  devdocs.drift.com/docs/contact-update-subscriptions
Each example is one block of the page: from a line that is just "{" to the line whose "}" closes
it, byte for byte, with one newline after it. Most are templates ("orgId": int, "data": Message),
not JSON: they are kept as they are. The example of seed 000 that is valid JSON is already here as
contact_updated-seed.json.

Usage:  python3 .doc-examples.py SEEDS            write the doc-* files next to this script
        python3 .doc-examples.py SEEDS --check    exit 1 if a file differs from the seed
where SEEDS is the folder holding 000_*.txt and 001_*.txt.
"""

import glob
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def blocks(text):
    """Each block of the page: its text, from "{" to the brace that closes it."""
    found, current, depth = [], None, 0
    for line in text.split("\n"):
        if current is None:
            if line != "{":
                continue
            current, depth = [], 0
        current.append(line)
        depth += line.count("{") - line.count("}")
        if depth <= 0:
            found.append("\n".join(current))
            current = None
    return found


def name(block, seed):
    """doc-<event>.json after the block's "type", or what the block is when it has none."""
    match = re.search(r'^"type" ?: ?"([a-z_]+)"', block, re.M)
    if match:
        return "doc-%s%s.json" % (match.group(1), "-template" if seed == "000" else "")
    return "doc-request-format.json"


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    seeds, check = sys.argv[1], "--check" in sys.argv[2:]
    examples = {}
    for seed in ["001", "000"]:
        (path,) = glob.glob(os.path.join(seeds, seed + "_*.txt"))
        found = blocks(open(path, encoding="utf-8").read())
        if seed == "000":
            found = found[:1]  # the second block is contact_updated-seed.json
        for block in found:
            examples[name(block, seed)] = block + "\n"
    differ = []
    for file, text in examples.items():
        target = os.path.join(HERE, file)
        if check:
            if not os.path.exists(target) or open(target, encoding="utf-8").read() != text:
                differ.append(file)
        else:
            with open(target, "w", encoding="utf-8") as out:
                out.write(text)
    for file in differ:
        print("differs: " + file, file=sys.stderr)
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
