"""Reading documents in-process: PDF, Word and HTML parse times, and the HTML parser choice.

    python benchmarks/bench_documents.py [--repeat N] [--accuracy N]

Times are medians (and the best) of ``--repeat`` parses of the same file after one warm-up
(imports and first-use caches excluded), the whole of ``nianbao.parse``: reading
the document, the structure, the template alignment. ``--accuracy N`` also
generates N fresh reports per format version and defect family (needs
LibreOffice) and measures cells right, template version, defects found and
findings real, per format. Prints Markdown; the README quotes it.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nianbao import Source, parse  # noqa: E402
from nianbao.lint import Config, check_document  # noqa: E402

FIX = ROOT / "tests" / "fixtures" / "documents"
FILES = [
    ("PDF, 6 pages (淮安市 2024, WPS)", FIX / "huaian_city_2024.pdf"),
    ("PDF, 4 pages (LibreOffice)", FIX / "generated" / "r1_2021_clean.pdf"),
    (".docx (python-docx)", FIX / "generated" / "r1_2021_clean.docx"),
    ("HTML page (LibreOffice export)", FIX / "generated" / "r1_2021_clean.html"),
    ("HTML page in a portal, GB18030", FIX / "generated" / "r1_2021_clean.portal.html"),
]


def timed_ms(fn, repeat: int, clock=time.perf_counter) -> list[float]:
    fn()
    times = []
    for _ in range(repeat):
        t = clock()
        fn()
        times.append((clock() - t) * 1000)
    return times


def median_ms(fn, repeat: int) -> float:
    return statistics.median(timed_ms(fn, repeat))


def parse_times(repeat: int) -> None:
    # CPU time too: on a shared machine the wall clock also counts the time other processes had the CPU
    print("| document | size | parse, wall median (best) | CPU median |\n|---|---|---|---|")
    for label, path in FILES:
        source = Source.from_path(str(path))
        wall = timed_ms(lambda s=source: parse(s), repeat)
        cpu = timed_ms(lambda s=source: parse(s), repeat, time.process_time)
        print(
            f"| {label} | {len(source.data) // 1024} KB | {statistics.median(wall):.0f} ms ({min(wall):.0f} ms) "
            f"| {statistics.median(cpu):.0f} ms |"
        )


def html_parsers(repeat: int) -> None:
    """lxml against selectolax on the same pages (selectolax only if installed: it is not a dependency)."""
    from lxml import etree

    pages = [p.read_bytes().decode("utf-8" if p.suffixes == [".html"] else "gb18030") for _, p in FILES[3:]]
    broken = [p[: len(p) * 2 // 3] + "<td><tr></table></p></div" for p in pages]  # cut mid-table, unclosed
    print("\n| HTML parser | parse both pages | same pages cut mid-table | tables found in the cut pages |")
    print("|---|---|---|---|")

    def lx(docs):
        return [etree.fromstring(d, etree.HTMLParser()) for d in docs]

    found = sum(len(t.findall(".//table")) for t in lx(broken))
    print(
        f"| lxml {etree.__version__} | {median_ms(lambda: lx(pages), repeat):.1f} ms "
        f"| {median_ms(lambda: lx(broken), repeat):.1f} ms | {found} |"
    )
    try:
        import selectolax
        from selectolax.lexbor import LexborHTMLParser as HTMLParser
    except ImportError:
        print("| selectolax | (not installed) | | |")
        return

    def sx(docs):
        return [HTMLParser(d) for d in docs]

    found = sum(len(t.css("table")) for t in sx(broken))
    print(
        f"| selectolax {selectolax.__version__} | {median_ms(lambda: sx(pages), repeat):.1f} ms "
        f"| {median_ms(lambda: sx(broken), repeat):.1f} ms | {found} |"
    )


def accuracy(count: int) -> None:
    from tests.documents.make_documents import write_set

    fmts = {"docx": ".docx", "pdf": ".pdf", "html": ".html", "portal html": ".portal.html"}
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        names = write_set(Path(tmp), list(range(1000, 1000 + count)), (None, "S", "T", "A", "X"))
        print(f"\n{len(names)} reports generated and converted in {time.perf_counter() - t:.0f} s\n")
        print("| format | cells right | template right | S / T / A / X found | errors+warnings real | clean flagged |")
        print("|---|---|---|---|---|---|")
        import json

        for fmt, suffix in fmts.items():
            right = total = tmpl = 0
            clean_codes: dict[str, set] = {}
            found: Counter[str] = Counter()
            injected: Counter[str] = Counter()
            real = flagged = clean_flagged = 0
            for name in names:
                truth = json.loads(name.with_suffix(".json").read_text(encoding="utf-8"))
                report = parse(Source.from_path(str(name) + suffix))
                tmpl += report.template is not None and report.template.version == truth["template"]
                for key, want in truth["cells"].items():
                    got = report.value(key)
                    total += 1
                    right += got == want or (got is not None and want is not None and abs(got - want) < 1e-6)
                diags = check_document(report, Config(), [])
                got_codes = {(d.code, d.message.get("en")) for d in diags}
                failing = [d for d in diags if d.severity.value in ("error", "warning")]
                base = name.name.rsplit("_", 1)[0]
                if truth["defect"] is None:
                    clean_codes[base] = got_codes
                    clean_flagged += bool(failing)
                    continue
                before = clean_codes[base]
                new = [d for d in diags if (d.code, d.message.get("en")) not in before]
                injected[truth["defect"]] += 1
                found[truth["defect"]] += any(d.code.startswith(truth["defect"]) for d in new)
                flagged += len(failing)
                real += sum(1 for d in failing if (d.code, d.message.get("en")) not in before)
            rates = " / ".join(f"{found[f] / injected[f]:.0%}" for f in "STAX")
            clean = sum(1 for n in names if n.name.endswith("clean"))
            print(
                f"| {fmt} | {right / total:.2%} ({total} cells) | {tmpl}/{len(names)} | {rates} "
                f"| {real / flagged:.1%} | {clean_flagged}/{clean} |"
            )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--accuracy", type=int, default=0, metavar="N", help="also measure accuracy on N seeds")
    args = ap.parse_args()
    parse_times(args.repeat)
    html_parsers(args.repeat)
    if args.accuracy:
        accuracy(args.accuracy)


if __name__ == "__main__":
    main()
