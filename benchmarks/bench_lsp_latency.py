"""Latency of ``nianbao lsp``: from a keystroke to the diagnostics of that version.

Starts the server over stdio (``python -m nianbao lsp``) and drives it with a
small raw JSON-RPC client (no pygls on the client side, so the client adds as
little as possible). For each document — the five seeds, seed 003 being the
~15 KB one — it sends keystroke-sized incremental ``didChange`` notifications
(typing one character into a paragraph, then deleting it, alternately) and
measures the time from writing the change to reading the
``textDocument/publishDiagnostics`` carrying that version. The server's
debounce is included. Documents: the five seeds, the 15 KB Markdown report of
the corpus (shuyang), and a 60 KB report made of it by repeating its prose.
Two modes:

* ``typing``: one keystroke, wait for its diagnostics, pause ``--pause`` ms, next;
* ``burst``: ten keystrokes ``--interval`` ms apart without waiting (a fast
  typist, key repeat); the latency is from the burst's last keystroke to the
  diagnostics of that version (the versions in between are superseded and
  never published), and the cost is the number of analyses the server ran to
  the end for the burst (``nianbao/stats``) and the server's CPU time for the
  burst in units of one keystroke's CPU time in typing mode.

It also times the engine in this process (parse and lint of the same text, CPU
time), to show where the time goes, and the server's CPU time per keystroke
(on a busy machine, latency minus CPU time is time spent waiting for a core;
the load average is printed). Prints a Markdown table.

    .venv/bin/python benchmarks/bench_lsp_latency.py [--keystrokes 60] [--debounce MS] [DOC...]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "tests" / "fixtures" / "seeds").glob("*.txt"))
BAR_MS = 30.0  # typing p95 on a report up to ~15 KB (issue 11)
BAR_LARGE_MS = 60.0  # on a 60 KB report
BURST = 10  # keystrokes per burst
CORPUS_MD = ROOT / "tests" / "fixtures" / "corpus" / "shuyang_county_2025" / "shuyang_county_2025.md"


def padded(text: str, kb: float) -> str:
    """``text`` with its longest prose paragraphs repeated after the first heading, to ``kb`` KB."""
    lines = text.split("\n")
    prose = sorted((x for x in lines if len(x) > 60 and "|" not in x), key=len, reverse=True)[:5]
    at = next((i for i, x in enumerate(lines) if x.lstrip("# ").startswith("一、")), 1) + 1
    extra: list[str] = []
    while len(("\n".join(lines) + "\n".join(extra)).encode("utf-8")) < kb * 1024:
        extra.extend(prose)
    return "\n".join(lines[:at] + extra + lines[at:])


def default_docs(folder: Path) -> list[Path]:
    docs = list(SEEDS)
    if CORPUS_MD.exists():
        docs.append(CORPUS_MD)
        big = folder / "report_60kb.md"
        big.write_text(padded(CORPUS_MD.read_text("utf-8"), 60), encoding="utf-8")
        docs.append(big)
    return docs


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
    cpu_per_key = (cpu1 - cpu0) / keystrokes if cpu0 is not None and cpu1 is not None else None

    # bursts: 10 keystrokes `interval` apart without waiting; the time from the last one to its diagnostics
    burst: list[float] = []
    burst_runs: list[int] = []
    burst_cpu: list[float] = []
    if interval > 0:
        for _ in range(max(1, keystrokes // BURST)):
            runs0 = (await client.request("nianbao/stats", {}) or {}).get("runs", 0)
            c0 = cpu_seconds(client.proc.pid)
            for k in range(BURST):
                version += 1
                await client.notify("textDocument/didChange", change_params(uri, version, line, char, k % 2 == 0))
                if k < BURST - 1:
                    await asyncio.sleep(interval)
            sent = time.perf_counter()
            got, _ = await client.wait_version(uri, version)
            burst.append((got - sent) * 1000)
            c1 = cpu_seconds(client.proc.pid)
            burst_runs.append((await client.request("nianbao/stats", {}) or {}).get("runs", 0) - runs0)
            if c0 is not None and c1 is not None:
                burst_cpu.append(c1 - c0)
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
        "burst_runs": burst_runs,
        "burst_cpu": burst_cpu,
        "cpu_per_key": cpu_per_key,
    }


def engine_times(path: Path, runs: int = 20) -> tuple[str, float, float]:
    """Dialect, median parse and lint CPU time of the text in this process (warm)."""
    from nianbao import Source, parse
    from nianbao.lint import Config, check

    text = path.read_text("utf-8")
    parse(Source.from_text(path.name, text))
    parses, lints = [], []
    dialect = "?"
    for _ in range(runs):
        t0 = time.process_time()
        report = parse(Source.from_text(path.name, text))
        t1 = time.process_time()
        check([report], Config())
        t2 = time.process_time()
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
    load0 = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    with tempfile.TemporaryDirectory() as tmp:
        docs = args.docs or default_docs(Path(tmp))
        for path in docs:
            r = await run_doc(client, path, args.keystrokes, args.pause / 1000, args.interval / 1000)
            r["engine"] = engine_times(path)
            results.append(r)
    load1 = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    await client.request("shutdown", None)
    await client.notify("exit", None)
    try:
        await asyncio.wait_for(proc.wait(), 5)
    except TimeoutError:
        proc.kill()

    debounce = "default" if args.debounce is None else f"{args.debounce:g} ms"
    print(
        f"nianbao lsp latency: keystroke (incremental didChange) → publishDiagnostics of that version, "
        f"{args.keystrokes} keystrokes per document ({args.pause:g} ms pause after each one's diagnostics), "
        f"bursts of {BURST} keystrokes {args.interval:g} ms apart, server debounce {debounce}, "
        f"{os.cpu_count()} CPUs, load average {load0:.1f} → {load1:.1f}, Python {sys.version.split()[0]}.\n"
    )
    print(
        "| document | size | dialect | diagnostics | typing p50 | typing p95 | typing max | server CPU per key "
        "| engine CPU (parse + lint) | p95 / engine | burst end p50 | burst end p95 | analyses per burst "
        "| burst CPU / key CPU |"
    )
    print("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    failed = []
    for r in results:
        dialect, parse_ms, lint_ms = r["engine"]
        t, b = r["typing"], r["burst"]
        p95 = percentile(t, 95)
        bar = BAR_MS if r["kb"] <= 20 else BAR_LARGE_MS
        if p95 > bar:
            failed.append(f"{r['doc']}: typing p95 {p95:.0f} ms > {bar:.0f} ms")
        key_cpu = r["cpu_per_key"]
        runs = max(r["burst_runs"]) if r["burst_runs"] else None
        if runs is not None and runs > 2:
            failed.append(f"{r['doc']}: {runs} analyses in a burst of {BURST}")
        burst = f"{percentile(b, 50):.0f} ms | {percentile(b, 95):.0f} ms" if b else "– | –"
        cost = f"{statistics.median(r['burst_cpu']) / key_cpu:.1f}" if r["burst_cpu"] and key_cpu else "–"
        runs_text = f"{min(r['burst_runs'])}–{runs}" if runs is not None else "–"
        print(
            f"| {r['doc']} | {r['kb']:.1f} KB | {dialect} | {r['diagnostics']} "
            f"| {percentile(t, 50):.0f} ms | {p95:.0f} ms | {max(t):.0f} ms "
            f"| {key_cpu * 1000:.0f} ms | {parse_ms:.0f} + {lint_ms:.0f} ms | {p95 / (parse_ms + lint_ms):.1f} "
            f"| {burst} | {runs_text} | {cost} |"
            if key_cpu is not None
            else f"| {r['doc']} | … |"
        )
    print()
    if failed:
        print("MISSES: " + "; ".join(failed))
        return 1
    print(
        f"Meets the bars: typing p95 ≤ {BAR_MS:.0f} ms (≤ 20 KB), ≤ {BAR_LARGE_MS:.0f} ms (larger); "
        "≤ 2 analyses per burst."
    )
    return 0


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("docs", nargs="*", type=Path, help="documents (default: the seeds, a 15 KB and a 60 KB report)")
    p.add_argument("--keystrokes", type=int, default=60, help="keystrokes per document and mode (default 60)")
    p.add_argument("--pause", type=float, default=50, help="ms between keystrokes when typing (default 50)")
    p.add_argument("--interval", type=float, default=30, help="ms between keystrokes of a burst; 0: no burst")
    p.add_argument("--debounce", type=float, default=None, help="the server's --debounce (ms)")
    p.add_argument("--server-log", type=Path, default=None, help="the server's debug log (--log-file)")
    return asyncio.run(main_async(p.parse_args()))


if __name__ == "__main__":
    raise SystemExit(main())
