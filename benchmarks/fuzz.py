"""Fuzzing: mutate the real sample reports N times and run each through the engine (and, for a
share of them, the real command line); report tracebacks, hangs, invalid JSON and spans outside
the text.

    nice .venv/bin/python benchmarks/fuzz.py -n 10000            # the figures in docs/robustness.md
    nice .venv/bin/python benchmarks/fuzz.py -n 200 --cli-every 5 --seed 7

Each input runs in a worker process with a time limit (--timeout, 10 s): a worker that does not
answer in time is killed, the input counted as a hang and saved under --keep (with every other
failing input), and a new worker started. Mutations: byte flips, deleted / doubled / swapped
lines, random CJK and control characters, NULs, huge and odd numbers, truncations (of the text,
and of the bytes inside a character), 500-column tables, 200,000-character lines, re-encodings
(GB18030, UTF-16, CRLF, CR).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SAMPLES = sorted([*FIXTURES.glob("seeds/*.txt"), *FIXTURES.glob("corpus/*/*.txt"), *FIXTURES.glob("corpus/*/*.md")])
OPS = ["flip", "delete", "double", "swap", "cjk", "control", "nul", "number", "truncate", "wide", "long", "encode"]
OPS += ["cut"]  # the bytes cut anywhere in their second half (after the other mutations)
CJK = "的一是了我不在人有这中大为上个国政府信息公开申请规章行政许可处罚总计（）《》“”、。，；："
CONTROL = [chr(c) for c in range(0, 32) if chr(c) not in "\n"] + ["\x7f", "\u200b", "\ufeff", "\u2028", "\ufffd"]
NUMBERS = ["9" * 20, "1" * 5000, "1e309", "-0", "0.0000001", "１２３", "1,234,567", "增" + "9" * 400, "NaN", "inf", "٣"]
PATHOLOGICAL = ["|" * 60 + "x", " " * 200_000 + "x|", "a" + " " * 100_000 + "b", "（" * 50_000, "规" * 200_000]


def mutate(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    """One mutated input and the names of the mutations applied."""
    text = data.decode("utf-8")
    done = []
    for _ in range(rng.randint(1, 4)):
        op = rng.choice(OPS)
        lines = text.split("\n")
        k = rng.randrange(len(lines))
        if op == "delete":
            del lines[k : k + rng.randint(1, 5)]
        elif op == "double":
            lines[k:k] = lines[k : k + rng.randint(1, 5)] * rng.randint(1, 3)
        elif op == "swap":
            j = rng.randrange(len(lines))
            lines[k], lines[j] = lines[j], lines[k]
        elif op in ("cjk", "control", "nul", "number"):
            pool = {"cjk": CJK, "control": CONTROL, "nul": ["\x00"], "number": NUMBERS}[op]
            for _ in range(rng.randint(1, 20)):
                k = rng.randrange(len(lines))
                at = rng.randint(0, len(lines[k]))
                lines[k] = lines[k][:at] + rng.choice(pool) + lines[k][at:]
        elif op == "wide":  # a 500-column table row
            sep = rng.choice([" | ", "\t", "|"])
            lines.insert(k, sep.join(rng.choice(["0", "12", "", "规章"]) for _ in range(500)))
        elif op == "long":
            lines.insert(k, rng.choice(PATHOLOGICAL))
        text = "\n".join(lines)
        if op == "truncate":
            text = text[: rng.randint(0, len(text))]
        done.append(op)
    if {"flip", "encode", "cut"} & set(done):
        if "encode" in done:
            end = rng.choice(["\r\n", "\r", "\n"])
            raw = text.replace("\n", end).encode(rng.choice(["gb18030", "utf-16", "utf-8-sig"]), "replace")
        else:
            raw = text.encode("utf-8")
        if "flip" in done:
            b = bytearray(raw)
            for _ in range(rng.randint(1, 30)):
                if b:
                    b[rng.randrange(len(b))] ^= 1 << rng.randrange(8)
            raw = bytes(b)
        if "cut" in done:  # bytes cut anywhere, inside a character too (a download or copy that stopped)
            raw = raw[: rng.randint(len(raw) // 2, len(raw))]
        return raw, "+".join(done)
    return text.encode("utf-8"), "+".join(done)


# --------------------------------------------------------------------------- the worker


def _check(path: str) -> dict[str, object]:
    """Parse and lint one file in-process; what went wrong (nothing: an empty dict)."""
    import traceback

    from nianbao.engine import parse
    from nianbao.lint import Config, RuleFailure, check_collection, check_document
    from nianbao.output import report_json
    from nianbao.render import LintRun
    from nianbao.render.machine import diagnostic_json
    from nianbao.render.sarif import sarif_log
    from nianbao.source import Source, SourceError

    def refuse(name: str) -> None:
        raise ValueError(name)

    try:
        report = parse(Source.from_path(path))
    except SourceError as err:
        return {"outcome": "unreadable", "reason": err.reason}
    except Exception:
        return {"outcome": "traceback", "where": "parse", "traceback": traceback.format_exc(limit=6)}
    failures: list[RuleFailure] = []
    try:
        diagnostics = check_document(report, Config(), failures)
        diagnostics += check_collection([report], Config(), failures)
    except Exception:
        return {"outcome": "traceback", "where": "lint", "traceback": traceback.format_exc(limit=6)}
    if failures:
        return {
            "outcome": "traceback",
            "where": "rule",
            "traceback": "; ".join(f"{f.code}: {f.error}" for f in failures),
        }
    size = len(report.text.text)
    for d in diagnostics:
        spans = [d.span, *(r.span for r in d.related), *(e.span for e in (d.fix.edits if d.fix else ()))]
        if not all(0 <= s.start <= s.end <= size for s in spans):
            return {"outcome": "span", "detail": f"{d.code} {d.span} (text {size})"}
    for c in report.cells.values():
        if not 0 <= c.span.start <= c.span.end <= size:
            return {"outcome": "span", "detail": f"cell {c.key} {c.span} (text {size})"}
    try:
        run = LintRun(diagnostics, {report.path: report.text}, rules={})
        for doc in (report_json(report), [diagnostic_json(run, d) for d in diagnostics], sarif_log(run)):
            json.loads(json.dumps(doc, ensure_ascii=False, allow_nan=False), parse_constant=refuse)
    except ValueError as err:
        return {"outcome": "json", "detail": str(err)[:200]}
    except Exception:
        return {"outcome": "traceback", "where": "render", "traceback": traceback.format_exc(limit=6)}
    return {"outcome": "ok", "diagnostics": len(diagnostics)}


def worker() -> None:
    for line in sys.stdin:
        t = time.perf_counter()
        result = _check(line.strip())
        result["seconds"] = round(time.perf_counter() - t, 3)
        print(json.dumps(result), flush=True)


class Worker:
    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, __file__, "--worker"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )

    def run(self, path: str, timeout: float) -> dict[str, object]:
        import selectors

        assert self.proc.stdin and self.proc.stdout
        self.proc.stdin.write(path + "\n")
        self.proc.stdin.flush()
        sel = selectors.DefaultSelector()
        sel.register(self.proc.stdout, selectors.EVENT_READ)
        if not sel.select(timeout):
            self.close()
            return {"outcome": "hang", "seconds": timeout}
        line = self.proc.stdout.readline()
        if not line:
            self.close()
            return {"outcome": "traceback", "where": "worker died", "traceback": ""}
        return json.loads(line)

    def close(self) -> None:
        self.proc.kill()
        self.proc.wait()


def _cli(path: str, timeout: float) -> dict[str, object]:
    """The real command line on one file: exit 0/1/2 with strict JSON (or a one-line error), no traceback."""

    def refuse(name: str) -> None:
        raise ValueError(name)

    for args in (["parse", "--format", "json"], ["lint", "--format", "json"]):
        try:
            done = subprocess.run(
                [sys.executable, "-m", "nianbao", *args, path], capture_output=True, text=True, timeout=timeout
            )
        except subprocess.TimeoutExpired:
            return {"outcome": "hang", "where": f"cli {args[0]}"}
        if "Traceback" in done.stderr or done.returncode not in (0, 1, 2):
            return {"outcome": "traceback", "where": f"cli {args[0]}", "traceback": done.stderr[-2000:]}
        if done.returncode != 2 or done.stdout.strip():
            try:
                json.loads(done.stdout, parse_constant=refuse)
            except ValueError as err:
                return {"outcome": "json", "where": f"cli {args[0]}", "detail": str(err)[:200]}
    return {"outcome": "ok"}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=1000, help="inputs to try")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--timeout", type=float, default=10.0, help="seconds before an input counts as a hang")
    ap.add_argument("--cli-every", type=int, default=20, help="also run the real CLI on every k-th input (0: never)")
    ap.add_argument("--keep", default="fuzz-failures", help="folder for the failing inputs")
    ap.add_argument("--json", help="write the summary here")
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        worker()
        return 0
    rng = random.Random(args.seed)
    samples = [p.read_bytes() for p in SAMPLES]
    counts: Counter[str] = Counter()
    reasons: Counter[str] = Counter()  # why the unreadable inputs were refused
    slowest: list[tuple[float, str]] = []
    failures: list[dict[str, object]] = []
    start = time.perf_counter()
    w = Worker()
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.n):
            data, ops = mutate(rng.choice(samples), rng)
            path = os.path.join(tmp, f"input-{i}.txt")
            Path(path).write_bytes(data)
            result = w.run(path, args.timeout)
            if result["outcome"] == "hang":
                w = Worker()
            if result["outcome"] == "ok" and args.cli_every and i % args.cli_every == 0:
                counts["cli runs"] += 1
                result = {**_cli(path, args.timeout), "seconds": result.get("seconds", 0)}
            counts[str(result["outcome"])] += 1
            if result["outcome"] == "unreadable":
                reasons[str(result.get("reason"))] += 1
            slowest = sorted([*slowest, (float(result.get("seconds", 0)), ops)], reverse=True)[:5]
            if result["outcome"] not in ("ok", "unreadable"):
                keep = Path(args.keep)
                keep.mkdir(exist_ok=True)
                (keep / f"{i}-{result['outcome']}.txt").write_bytes(data)
                failures.append({"input": i, "mutations": ops, **result})
                print(
                    f"[{i}] {result['outcome']} ({ops}): {str(result.get('traceback') or result.get('detail'))[:300]}"
                )
            os.unlink(path)
            if (i + 1) % 500 == 0:
                print(f"{i + 1} inputs, {time.perf_counter() - start:.0f} s: {dict(counts)}", flush=True)
    w.close()
    summary = {
        "inputs": args.n,
        "seed": args.seed,
        "seconds": round(time.perf_counter() - start),
        "tracebacks": counts["traceback"],
        "hangs": counts["hang"],
        "invalid_json": counts["json"],
        "spans_outside": counts["span"],
        "unreadable_inputs": counts["unreadable"],
        "unreadable_by_reason": dict(reasons.most_common()),
        "cli_runs": counts["cli runs"],
        "slowest": [{"seconds": s, "mutations": ops} for s, ops in slowest],
        "failures": failures[:50],
    }
    print(json.dumps({k: v for k, v in summary.items() if k != "failures"}, ensure_ascii=False, indent=2))
    if args.json:
        Path(args.json).write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
