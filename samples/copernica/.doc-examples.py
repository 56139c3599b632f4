#!/usr/bin/env python3
"""Copy Copernica's own documented examples into this folder as doc-* files, exactly as written.

The text comes from the repository CopernicaMarketingSoftware/Documentation: each file is the
inside of one fenced code block (``` lines), byte for byte, at the commit named below. The
Publisher/ pages were deleted in commit d9a221b9 (2024-08-26), so they are read from its parent;
the `action` form of the decoded examples from the parent of 297c959d (2019-11-20, "Change
'action' to 'type' in decoded webhooks JSON"). Nothing is made valid: trailing commas and the
missing comma stay, as the pages have them.

Usage:  python3 .doc-examples.py CLONE            write the doc-* files next to this script
        python3 .doc-examples.py CLONE --check    exit 1 if a file differs from the documentation
where CLONE is a clone of https://github.com/CopernicaMarketingSoftware/Documentation.
"""

import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

# Each example: file, commit, page, which fenced block of the page (0-based).
EXAMPLES = [
    ("doc-profile.create.json", "d9a221b9^", "Publisher/en/webhook-creates.md", 0),
    ("doc-subprofile.create.json", "d9a221b9^", "Publisher/en/webhook-creates.md", 1),
    ("doc-profile.update.json", "d9a221b9^", "Publisher/en/webhook-updates.md", 0),
    ("doc-subprofile.update.json", "d9a221b9^", "Publisher/en/webhook-updates.md", 1),
    ("doc-profile.delete.json", "d9a221b9^", "Publisher/en/webhook-deletes.md", 0),
    ("doc-subprofile.delete.json", "d9a221b9^", "Publisher/en/webhook-deletes.md", 1),
    ("doc-2019-profile.create.json", "297c959d^", "Publisher/en/webhook-creates.md", 0),
    ("doc-webhook-security.http", "d9a221b9^", "Publisher/en/webhook-security.md", 0),
    ("doc-smtpeter-webhook-security.http", "39b2baa9", "SMTPeter/en/webhook-security.md", 0),
]


def blocks(text):
    """The insides of the page's fenced code blocks, in order, each line with its newline."""
    found, current = [], None
    for line in text.splitlines(keepends=True):
        if line.lstrip().startswith("```"):
            if current is None:
                current = []
            else:
                found.append("".join(current))
                current = None
        elif current is not None:
            current.append(line)
    return found


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    clone, check = sys.argv[1], "--check" in sys.argv[2:]
    differ = []
    for name, commit, page, index in EXAMPLES:
        text = subprocess.run(["git", "-C", clone, "show", commit + ":" + page], capture_output=True, check=True).stdout.decode()
        example = blocks(text)[index].encode()
        path = os.path.join(HERE, name)
        if check:
            if not os.path.exists(path) or open(path, "rb").read() != example:
                differ.append(name)
        else:
            with open(path, "wb") as out:
                out.write(example)
    for name in differ:
        print("differs: " + name, file=sys.stderr)
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
