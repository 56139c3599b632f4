#!/usr/bin/env python3
"""Print mitmproxy's own export of every flow in a flow file.

  PYTHON_OF_THAT_MITMPROXY mitm_export.py FLOWS.mitm curl|httpie

Uses mitmproxy.addons.export.curl_command / httpie_command (the functions behind mitmproxy's
`export.clip curl @focus` / `export.file httpie ...` commands) on each flow read with
mitmproxy.io.FlowReader, one command per flow (export_preserve_original_ip off, the default), separated by one blank line.  Run it with the
Python that has the mitmproxy version that wrote the file.
"""
import sys

import asyncio

from mitmproxy import io
from mitmproxy.addons import export
from mitmproxy.test import taddons


def run(path, kind):
    fn = {"curl": export.curl_command, "httpie": export.httpie_command}[kind]
    out = []
    # The export functions read ctx.options (export_preserve_original_ip), so they run inside
    # a minimal mitmproxy context with the Export addon loaded and its default options.
    with taddons.context(export.Export()):
        with open(path, "rb") as f:
            for flow in io.FlowReader(f).stream():
                out.append(fn(flow))
    sys.stdout.write("\n\n".join(out) + "\n")


async def arun(path, kind):
    run(path, kind)


def main():
    path, kind = sys.argv[1], sys.argv[2]
    asyncio.run(arun(path, kind))  # newer mitmproxy wants a running event loop for its Master


if __name__ == "__main__":
    main()
