"""Latency of ``nianbao lsp``: from a keystroke to the diagnostics of that version.

Starts the server over stdio (``python -m nianbao lsp``) and drives it with a
small raw JSON-RPC client (no pygls on the client side, so the client adds as
little as possible). For each document — the five seeds, seed 003 being the
~15 KB one — it sends keystroke-sized incremental ``didChange`` notifications
(typing one character into a paragraph, then deleting it, alternately) and
measures the time from writing the change to reading the
``textDocument/publishDiagnostics`` carrying that version. The server's
debounce is included. Two modes:

* ``typing``: one keystroke, wait for its diagnostics, pause ``--pause`` ms, next;
* ``burst``: five keystrokes ``--interval`` ms apart without waiting (a fast
  typist, key repeat); the latency is from the burst's last keystroke to the
  diagnostics of that version (the versions in between are superseded and
  never published).

It also times the engine in this process (parse and lint of the same text), to
show where the time goes, and the server's CPU time per keystroke (on a busy
machine, latency minus CPU time is time spent waiting for a core). Prints a
Markdown table.

    .venv/bin/python benchmarks/bench_lsp_latency.py [--keystrokes 60] [--debounce MS]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "tests" / "fixtures" / "seeds").glob("*.txt"))
BAR_MS = 100.0
BURST = 5  # keystrokes per burst


class Client:
    """Just enough of an LSP client: framing, requests, and a log of publishDiagnostics."""

    def __init__(self, proc: asyncio.subprocess.Process) -> None:
        self.proc = proc
        self.next_id = 0
        self.pending: dict[int, asyncio.Future] = {}
        self.published: dict[str, list[tuple[int | None, float, int]]] = {}  # uri → (version, time, count)
        self.event = asyncio.Event()
        self.reader = asyncio.create_task(self._read())

    async def _write(self, msg: dict) -> None:
        body = json.dumps(msg, ensure_ascii=False).encode("utf-8")
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        await self.proc.stdin.drain()

    async def request(self, method: str, params: object) -> object:
        self.next_id += 1
        fut = asyncio.get_running_loop().create_future()
        self.pending[self.next_id] = fut
        await self._write({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        return await fut

    async def notify(self, method: str, params: object) -> None:
        await self._write({"jsonrpc": "2.0", "method": method, "params": params})

    async def _read(self) -> None:
        out = self.proc.stdout
        assert out is not None
        while True:
            length = 0
            while True:
                line = await out.readline()
                if not line:
                    return
                line = line.strip()
                if not line:
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            msg = json.loads(await out.readexactly(length))
            now = time.perf_counter()
            if "method" in msg and "id" in msg:  # a request from the server: answer it plainly
                result = [None] * len(msg["params"]["items"]) if msg["method"] == "workspace/configuration" else None
                await self._write({"jsonrpc": "2.0", "id": msg["id"], "result": result})
            elif "id" in msg:
                fut = self.pending.pop(msg["id"], None)
                if fut and not fut.done():
                    fut.set_result(msg.get("result"))
            elif msg.get("method") == "textDocument/publishDiagnostics":
                p = msg["params"]
                self.published.setdefault(p["uri"], []).append((p.get("version"), now, len(p["diagnostics"])))
                self.event.set()

    async def wait_version(self, uri: str, version: int, timeout: float = 30.0) -> tuple[float, int]:
        """Time and size of the first publication of ``uri`` at ``version`` or later."""
        deadline = time.perf_counter() + timeout
        while True:
            for v, t, n in self.published.get(uri, ()):
                if v is not None and v >= version:
                    return t, n
            self.event.clear()
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                raise TimeoutError(f"{uri}: no diagnostics for version {version}")
            try:
                await asyncio.wait_for(self.event.wait(), remaining)
            except TimeoutError:
                pass


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of a process (Linux), to tell compute from waiting on a busy machine."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def typing_point(text: str) -> tuple[int, int]:
    """A place to type: the end of the longest line of prose (no table separators)."""
    lines = text.split("\n")
    best = max(
        (i for i, line in enumerate(lines) if "|" not in line and "\t" not in line),
        key=lambda i: len(lines[i]),
    )
    return best, len(lines[best].rstrip("\r").encode("utf-16-le")) // 2


def change_params(uri: str, version: int, line: int, char: int, insert: bool) -> dict:
    if insert:
        rng = {"start": {"line": line, "character": char}, "end": {"line": line, "character": char}}
        text = "字"
    else:
        rng = {"start": {"line": line, "character": char}, "end": {"line": line, "character": char + 1}}
        text = ""
    return {
        "textDocument": {"uri": uri, "version": version},
        "contentChanges": [{"range": rng, "text": text}],
    }


async def run_doc(client: Client, path: Path, keystrokes: int, pause: float, interval: float) -> dict:
    text = path.read_text("utf-8")
    uri = path.resolve().as_uri()
    await client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}},
    )
    t_open = time.perf_counter()
    t, n_diags = await client.wait_version(uri, 1)
    open_ms = (t - t_open) * 1000
    line, char = typing_point(text)
    version = 1

    # typing: keystroke, its diagnostics, a pause
    typing: list[float] = []
    cpu0 = cpu_seconds(client.proc.pid)
    for k in range(keystrokes):
        version += 1
        await client.notify("textDocument/didChange", change_params(uri, version, line, char, k % 2 == 0))
        sent = time.perf_counter()
        got, _ = await client.wait_version(uri, version)
        typing.append((got - sent) * 1000)
        await asyncio.sleep(pause)
    cpu1 = cpu_seconds(client.proc.pid)
    cpu_ms = f"{(cpu1 - cpu0) * 1000 / keystrokes:.0f} ms" if cpu0 is not None and cpu1 is not None else "–"

    # bursts: 5 keystrokes `interval` apart without waiting; the time from the last one to its diagnostics
    burst: list[float] = []
    if interval > 0:
        for _ in range(max(1, keystrokes // BURST)):
            for k in range(BURST):
                version += 1
                await client.notify("textDocument/didChange", change_params(uri, version, line, char, k % 2 == 0))
                if k < BURST - 1:
                    await asyncio.sleep(interval)
            sent = time.perf_counter()
            got, _ = await client.wait_version(uri, version)
            burst.append((got - sent) * 1000)
            await asyncio.sleep(pause)
        if version % 2 == 0:  # leave the text as opened
            version += 1
            await client.notify("textDocument/didChange", change_params(uri, version, line, char, False))
            await client.wait_version(uri, version)

    await client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    return {
        "doc": path.name,
        "path": path,
        "kb": len(text.encode("utf-8")) / 1024,
        "diagnostics": n_diags,
        "open_ms": open_ms,
        "typing": typing,
        "burst": burst,
        "cpu_ms": cpu_ms,
    }


def engine_times(path: Path, runs: int = 20) -> tuple[str, float, float]:
    """Dialect, median parse and lint time of the text in this process (warm)."""
    from nianbao import Source, parse
    from nianbao.lint import Config, check

    text = path.read_text("utf-8")
    parse(Source.from_text(path.name, text))
    parses, lints = [], []
    dialect = "?"
    for _ in range(runs):
        t0 = time.perf_counter()
        report = parse(Source.from_text(path.name, text))
        t1 = time.perf_counter()
        check([report], Config())
        t2 = time.perf_counter()
        parses.append((t1 - t0) * 1000)
        lints.append((t2 - t1) * 1000)
        dialect = report.dialect
    return dialect, statistics.median(parses), statistics.median(lints)


async def main_async(args: argparse.Namespace) -> int:
    cmd = [sys.executable, "-m", "nianbao", "lsp"]
    if args.server_log:
        cmd += ["--log-file", str(args.server_log)]
    if args.debounce is not None:
        cmd += ["--debounce", str(args.debounce)]
    proc = await asyncio.create_subprocess_exec(
        *cmd,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    client = Client(proc)
    await client.request(
        "initialize",
        {
            "processId": os.getpid(),
            "rootUri": ROOT.as_uri(),
            "capabilities": {"textDocument": {"publishDiagnostics": {"versionSupport": True}}},
        },
    )
    await client.notify("initialized", {})
    results = []
    for path in args.docs:
        results.append(await run_doc(client, path, args.keystrokes, args.pause / 1000, args.interval / 1000))
    await client.request("shutdown", None)
    await client.notify("exit", None)
    try:
        await asyncio.wait_for(proc.wait(), 5)
    except TimeoutError:
        proc.kill()

    debounce = 20 if args.debounce is None else args.debounce
    print(
        f"nianbao lsp latency: keystroke (incremental didChange) → publishDiagnostics of that version, "
        f"{args.keystrokes} keystrokes per document, server debounce {debounce:g} ms, "
        f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}.\n"
    )
    print(
        "| document | size | dialect | diagnostics | open | typing p50 | typing p95 | typing max "
        "| burst end p50 | burst end p95 | server CPU per run | engine parse | engine lint |"
    )
    print("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    worst = 0.0
    for r in results:
        dialect, parse_ms, lint_ms = (
            engine_times(ROOT / "tests" / "fixtures" / "seeds" / r["doc"])
            if (ROOT / "tests" / "fixtures" / "seeds" / r["doc"]).exists()
            else engine_times(Path(r["doc"]))
        )
        t = r["typing"]
        b = r["burst"]
        worst = max(worst, percentile(t, 95))
        burst = f"{percentile(b, 50):.0f} ms | {percentile(b, 95):.0f} ms" if b else "– | –"
        print(
            f"| {r['doc']} | {r['kb']:.1f} KB | {dialect} | {r['diagnostics']} | {r['open_ms']:.0f} ms "
            f"| {percentile(t, 50):.0f} ms | {percentile(t, 95):.0f} ms | {max(t):.0f} ms | {burst} "
            f"| {r['cpu_ms']} | {parse_ms:.0f} ms | {lint_ms:.0f} ms |"
        )
    verdict = "meets" if worst <= BAR_MS else "MISSES"
    print(f"\nWorst typing p95: {worst:.0f} ms — {verdict} the bar of {BAR_MS:.0f} ms.")
    return 0 if worst <= BAR_MS else 1


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("docs", nargs="*", type=Path, default=SEEDS, help="documents (default: the five seeds)")
    p.add_argument("--keystrokes", type=int, default=60, help="keystrokes per document and mode (default 60)")
    p.add_argument("--pause", type=float, default=50, help="ms between keystrokes when typing (default 50)")
    p.add_argument("--interval", type=float, default=30, help="ms between keystrokes of a burst; 0: no burst")
    p.add_argument("--debounce", type=float, default=None, help="the server's --debounce (ms)")
    p.add_argument("--server-log", type=Path, default=None, help="the server's debug log (--log-file)")
    return asyncio.run(main_async(p.parse_args()))


if __name__ == "__main__":
    raise SystemExit(main())
