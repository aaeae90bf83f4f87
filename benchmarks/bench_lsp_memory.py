"""Memory of ``nianbao lsp`` over a long editing session: does it stay bounded?

Starts the server over stdio (the raw JSON-RPC client of
``bench_lsp_latency.py``), opens a report and makes ``--edits`` incremental
edits, waiting for each version's diagnostics (every edit is analysed): typing
and deleting characters and lines all over the text, a 100 KB paste removed a
few edits later (at edit 50 and again at edit 500), and every 20 edits another
report opened, edited and closed. Prints the server's resident memory (VmRSS,
from /proc) at 0, 40 (before the first paste), 60 (after it), 100, 200, 500 and
1,000 edits and the ratio 1,000 / 100.

    .venv/bin/python benchmarks/bench_lsp_memory.py [--edits 1000] [REPORT]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_lsp_latency import ROOT, SEEDS, Client

MARKS = (0, 40, 60, 100, 200, 500, 1000)
PASTE_AT = (50, 500)
DEFAULT = ROOT / "tests" / "fixtures" / "corpus" / "shuyang_county_2025" / "shuyang_county_2025.md"


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


class Text:
    """The client's copy, as lines (edits here are always in range)."""

    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")

    def edit(self, r: random.Random) -> tuple[dict, str]:
        line = r.randrange(len(self.lines))
        cur = self.lines[line]
        char = r.randint(0, len(cur))
        kind = r.random()
        if kind < 0.5 or not cur:
            new = r.choice("的年报告申请数量0123456789 |")
            self.lines[line] = cur[:char] + new + cur[char:]
            return _range(line, _u16(cur[:char]), line, _u16(cur[:char])), new
        if kind < 0.8:
            end = min(len(cur), char + r.randint(1, 3))
            self.lines[line] = cur[:char] + cur[end:]
            return _range(line, _u16(cur[:char]), line, _u16(cur[:end])), ""
        if kind < 0.9:
            self.lines[line : line + 1] = [cur[:char], cur[char:]]
            return _range(line, _u16(cur[:char]), line, _u16(cur[:char])), "\n"
        if line + 1 < len(self.lines):
            self.lines[line : line + 2] = [cur + self.lines[line + 1]]
            return _range(line, _u16(cur), line + 1, 0), ""
        return self.edit(r)

    def paste(self, block: str) -> tuple[dict, str]:
        line = len(self.lines) // 2
        self.lines[line:line] = block.split("\n")[:-1]
        return _range(line, 0, line, 0), block

    def unpaste(self, block: str) -> tuple[dict, str]:
        first = block.split("\n")[0]
        line = next(i for i in range(len(self.lines)) if self.lines[i] == first)
        n = block.count("\n")
        del self.lines[line : line + n]
        return _range(line, 0, line + n, 0), ""


def _u16(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


def _open(uri: str, text: str) -> dict:
    return {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}}


def _change(uri: str, version: int, rng: dict, text: str) -> dict:
    return {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"range": rng, "text": text}]}


def _range(a: int, b: int, c: int, d: int) -> dict:
    return {"start": {"line": a, "character": b}, "end": {"line": c, "character": d}}


async def main_async(args: argparse.Namespace) -> int:
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "nianbao",
        "lsp",
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL,
    )
    client = Client(proc)
    caps = {"textDocument": {"publishDiagnostics": {"versionSupport": True}}}
    await client.request("initialize", {"processId": os.getpid(), "rootUri": ROOT.as_uri(), "capabilities": caps})
    await client.notify("initialized", {})
    text = args.report.read_text("utf-8")
    uri = args.report.resolve().as_uri()
    await client.notify("textDocument/didOpen", _open(uri, text))
    await client.wait_version(uri, 1)
    model = Text(text)
    r = random.Random(11)
    block = "".join(f"第{i}段 本年度共收到政府信息公开申请 {i} 件，办结 {i} 件。\n" for i in range(2200))  # ~100 KB
    seen: dict[int, float] = {0: rss_mib(proc.pid)}
    version, t0 = 1, time.perf_counter()
    others = SEEDS
    for n in range(1, args.edits + 1):
        version += 1
        if n in PASTE_AT:
            rng, new = model.paste(block)
        elif n - 5 in PASTE_AT:
            rng, new = model.unpaste(block)
        else:
            rng, new = model.edit(r)
        await client.notify("textDocument/didChange", _change(uri, version, rng, new))
        await client.wait_version(uri, version)
        if n % 20 == 0:  # another document: opened, edited, closed (must be forgotten)
            other = others[(n // 20) % len(others)]
            ouri = f"file:///tmp/nianbao-bench-{n}.txt"
            otext = other.read_text("utf-8")
            await client.notify("textDocument/didOpen", _open(ouri, otext))
            await client.wait_version(ouri, 1)
            await client.notify("textDocument/didChange", _change(ouri, 2, _range(0, 0, 0, 0), "字"))
            await client.wait_version(ouri, 2)
            await client.notify("textDocument/didClose", {"textDocument": {"uri": ouri}})
        if n in MARKS:
            await asyncio.sleep(0.3)  # let the server settle
            seen[n] = rss_mib(proc.pid)
    elapsed = time.perf_counter() - t0
    await client.request("shutdown", None)
    await client.notify("exit", None)
    try:
        await asyncio.wait_for(proc.wait(), 5)
    except TimeoutError:
        proc.kill()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"nianbao lsp memory: {args.report.name} ({len(text.encode('utf-8')) / 1024:.0f} KB), {args.edits} edits "
        f"(100 KB pasted and removed at edits {PASTE_AT[0]} and {PASTE_AT[1]}; a report opened, edited and closed "
        f"every 20 edits), {elapsed:.0f} s, load average {load:.1f}, Python {sys.version.split()[0]}.\n"
    )
    print("| edits | " + " | ".join(str(m) for m in seen) + " |")
    print("|---|" + "---:|" * len(seen))
    print("| server RSS | " + " | ".join(f"{v:.1f} MiB" for v in seen.values()) + " |")
    last = max(seen)
    if 100 in seen and last > 100:
        ratio = seen[last] / seen[100]
        print(
            f"\nRSS after {last} edits / after 100: {ratio:.2f} (bar: 1.20) — {'meets' if ratio <= 1.2 else 'MISSES'}"
        )
        return 0 if ratio <= 1.2 else 1
    return 0


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("report", nargs="?", type=Path, default=DEFAULT)
    p.add_argument("--edits", type=int, default=1000)
    return asyncio.run(main_async(p.parse_args()))


if __name__ == "__main__":
    raise SystemExit(main())
