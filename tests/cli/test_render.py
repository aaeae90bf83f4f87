"""The text renderer's layout: display widths of Chinese text, windows on narrow terminals; the progress bar."""

from __future__ import annotations

import io
import os
import subprocess
import sys

from rich.cells import cell_len
from rich.console import Console

from nianbao.model import Span
from nianbao.render import LintRun
from nianbao.render.text import display_cells, render_diagnostic, window, write_text
from nianbao.rules import Diagnostic, Edit, Fix, Message, Severity
from nianbao.source import Text

from .conftest import PLUGIN


def test_display_cells_counts_wide_characters_tabs_and_invisibles() -> None:
    pieces, starts = display_cells("a政\tb\u200bc")
    assert starts == [0, 1, 3, 4, 5, 6, 7]  # 政 is two cells; the tab goes to the next stop (4)
    assert pieces[2] == " " and pieces[4] == "\ufffd"  # the zero-width space is made visible


def test_window_fits_a_long_line_around_the_span() -> None:
    line = "政务公开" * 50 + "ζ" + "政务公开" * 50
    start = line.index("ζ")
    shown, pad, carets = window(line, start, start + 1, 40)
    assert cell_len(shown.plain) <= 40
    assert shown.plain.startswith("…") and shown.plain.endswith("…")
    assert carets == 1
    # the carets fall exactly under ζ
    assert cell_len(shown.plain[: shown.plain.index("ζ")]) == pad
    whole, pad, carets = window(line, start, start + 1, None)
    assert whole.plain == line and pad == cell_len(line[:start])


def _diagnostic(text: Text, start: int, end: int, **kw) -> Diagnostic:
    return Diagnostic("N990", Severity.WARNING, Span(start, end), Message("乱码", "garbage"), "r.txt", **kw)


def test_multi_line_span_is_underlined_line_by_line() -> None:
    text = Text("第一行\n第二行很长\n第三行\n")
    d = _diagnostic(text, 1, 8)
    run = LintRun([d], {"r.txt": text})
    lines = [t.plain for t in render_diagnostic(run, d, None)]
    assert lines[0] == "r.txt:1:2: N990 乱码"
    assert lines[2] == "1 | 第一行" and lines[3] == "  |   ^^^^"
    assert lines[4] == "2 | 第二行很长" and lines[5] == "  | " + "^" * 8 + " 警告"  # 第二行很: four wide characters


def test_written_on_a_narrow_terminal_stays_aligned() -> None:
    body = "政务公开" * 30 + "ζ" + "。"
    text = Text(body + "\n")
    start = body.index("ζ")
    d = _diagnostic(text, start, start + 1, fix=Fix((Edit(Span(start, start + 1), ""),), Message("删除", "delete")))
    out = io.StringIO()
    console = Console(file=out, width=50, force_terminal=True, color_system=None)
    write_text(LintRun([d], {"r.txt": text}, files=1), console)
    lines = out.getvalue().splitlines()
    source = next(line for line in lines if line.startswith("1 | "))
    under = lines[lines.index(source) + 1]
    assert cell_len(source) <= 50
    assert cell_len(source[: source.index("ζ")]) == under.index("^")
    assert "= 修复建议: 删除（安全修复）" in out.getvalue()


def test_progress_bar_on_a_terminal_for_many_files(tmp_path) -> None:
    report = "一、总体情况\n政务公开\n六、其他需要报告的事项\n无。\n"
    for i in range(25):
        (tmp_path / f"r{i:02}.txt").write_text(report, encoding="utf-8")
    master, slave = os.openpty()
    env = {**os.environ, "PYTHONPATH": str(PLUGIN), "TERM": "xterm"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "nianbao", "lint", "--select", "N990", "--format", "concise", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=slave,
        env=env,
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=120)
    os.close(master)
    err = b"".join(chunks).decode("utf-8", "replace")
    assert proc.returncode == 0
    assert "检查中" in err and "Traceback" not in err
