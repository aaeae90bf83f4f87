"""Diagnostics while typing: on open, after edits, positions, versions, races, settings."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

from lsprotocol import types

from nianbao import Source, parse
from nianbao.lint import check

from .conftest import RecordingClient, change, line_of, open_doc, published, rng, utf16_column

RULES_URL = "https://github.com/nianbao/nianbao/blob/main/docs/rules.md#"
TOTAL_ROW = "(七)总计 | 0 |\n|\n|\n|\n|\n|\n| ||"
TOTAL_ROW_FIXED = "(七)总计 | 2 |\n|\n|\n|\n|\n| 2 | ||"


def seed(workspace: Path, prefix: str) -> Path:
    return next(workspace.glob(f"{prefix}_*.txt"))


def codes(diags) -> set[str]:
    return {d.code for d in diags}


async def test_open_seed_001_reports_broken_balance_and_blank_cells(client: RecordingClient, workspace: Path):
    path = seed(workspace, "001")
    text = path.read_text("utf-8")
    uri = open_doc(client, path)
    diags = (await published(client, uri, 1)).diagnostics
    total = line_of(text, "(七)总计")

    balance = [d for d in diags if d.code == "A301"]
    assert balance, codes(diags)
    a301 = balance[0]
    assert a301.severity == types.DiagnosticSeverity.Error
    assert a301.range.start.line == total  # on the (七)总计 row
    assert a301.source == "nianbao"
    assert a301.code_description.href == RULES_URL + "a301"
    # the cells that disagree: 一、本年新收 and 四、结转下年度继续办理 of the same column
    related_lines = {r.location.range.start.line for r in a301.related_information}
    assert line_of(text, "一、本年新收") in related_lines
    assert line_of(text, "四、结转下年度") in related_lines
    assert all(r.location.uri == uri for r in a301.related_information)
    # A302 breaks at the same cell: one finding, A302 among its related locations
    assert not [d for d in diags if d.code == "A302" and d.range.start.line == total]
    assert any(r.message.startswith("A302 ") for r in a301.related_information)

    blank = [d for d in diags if d.code == "T207"]
    assert len(blank) == 23  # one per row of 表三 with blank cells
    assert all(d.severity == types.DiagnosticSeverity.Warning for d in blank)
    # on the blank cells of 表三: the (七)总计 row's six, over its seven lines, as related locations
    t3 = range(line_of(text, "三、收到和处理"), line_of(text, "四、政府信息公开行政复议"))
    assert all(d.range.start.line in t3 for d in blank)
    (row,) = [d for d in blank if total <= d.range.start.line <= total + 6]
    assert len(row.related_information) == 6
    assert all(total <= r.location.range.start.line <= total + 6 for r in row.related_information)
    for d in diags:
        assert re.fullmatch(r"[STANX]\d{3}", d.code)
        assert d.code_description.href == RULES_URL + d.code.lower()


async def test_fixing_the_total_row_clears_the_balance_error(client: RecordingClient, workspace: Path):
    path = seed(workspace, "001")
    text = path.read_text("utf-8")
    uri = open_doc(client, path)
    first = (await published(client, uri, 1)).diagnostics
    total = line_of(text, "(七)总计")
    assert any(d.code.startswith("A") and d.range.start.line == total for d in first)

    # replace the 7 lines of the (七)总计 row by the right values (2 in 自然人 and in 总计)
    assert TOTAL_ROW in text
    change(client, uri, 2, (rng(total, 0, total + 7, 0), TOTAL_ROW_FIXED + "\n"))
    after = (await published(client, uri, 2)).diagnostics
    assert not [d for d in after if d.code.startswith("A3")], [(d.code, d.message) for d in after]
    assert client.published[-1].version == 2
    assert any(d.code == "T207" for d in after)  # the other problems are still reported


async def test_stale_runs_never_overwrite_newer_ones(client: RecordingClient, workspace: Path):
    path = seed(workspace, "001")
    text = path.read_text("utf-8")
    uri = open_doc(client, path)
    await published(client, uri, 1)
    total = line_of(text, "(七)总计")
    # v2 fixes the sums, v3 breaks them again: v2's diagnostics must not be the last word
    change(client, uri, 2, (rng(total, 0, total + 7, 0), TOTAL_ROW_FIXED + "\n"))
    change(client, uri, 3, (rng(total, 0, total + 6, 0), TOTAL_ROW + "\n"))
    for v in range(4, 12):  # and a burst of keystrokes on the last line
        change(client, uri, v, (rng(0, 0), "x"))
    final = await published(client, uri, 11)
    await asyncio.sleep(0.5)  # anything still in flight would arrive now
    versions = [p.version for p in client.published if p.uri == uri]
    assert versions[-1] == 11
    assert versions == sorted(versions)  # never an older version after a newer one
    assert any(d.code == "A301" for d in final.diagnostics)


async def test_positions_are_utf16_with_characters_outside_the_bmp(client: RecordingClient, workspace: Path):
    """𠀀 (U+20000) is one character, two UTF-16 code units: diagnostics after it move by 2."""
    path = seed(workspace, "000")
    text = path.read_text("utf-8")
    uri = open_doc(client, path)
    before = (await published(client, uri, 1)).diagnostics
    # a table header row with garbage in its cells: "信息内容 | 上一年项♂目数量 | 本年增/减 | 处理决▂定数量 | |"
    row = next(i for i, line in enumerate(text.split("\n")) if "处理决▂定数量" in line)
    line = text.split("\n")[row]
    mark = next(d for d in before if d.range.start.line == row and d.code == "N401" and d.range.start.character > 20)
    assert mark.range.start.character == utf16_column(line, line.index("▂"))

    change(client, uri, 2, (rng(row, 0), "𠀀"))  # before the first cell of the row
    after = (await published(client, uri, 2)).diagnostics
    moved = [d for d in after if d.code == "N401" and d.range.start.line == row]
    assert mark.range.start.character + 2 in {d.range.start.character for d in moved}
    assert mark.range.end.character + 2 in {d.range.end.character for d in moved}


async def test_positions_are_utf8_for_neovim(nvim_client: RecordingClient, workspace: Path):
    """Neovim 0.11 asks for UTF-8 positions (and pulls diagnostics)."""
    path = seed(workspace, "000")
    text = path.read_text("utf-8")
    uri = open_doc(nvim_client, path)
    row = next(i for i, line in enumerate(text.split("\n")) if "处理决▂定数量" in line)
    line = text.split("\n")[row]

    async def n401_columns() -> set[int]:
        report = await nvim_client.text_document_diagnostic_async(
            types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri))
        )
        return {d.range.start.character for d in report.items if d.code == "N401" and d.range.start.line == row}

    col = len(line[: line.index("▂")].encode("utf-8"))
    assert col in await n401_columns()
    change(nvim_client, uri, 2, (rng(row, 0), "𠀀"))
    assert col + 4 in await n401_columns()  # 𠀀 is four UTF-8 bytes
    assert not nvim_client.published  # a client that pulls is not pushed to


async def test_pull_diagnostics_result_ids(nvim_client: RecordingClient, workspace: Path):
    path = seed(workspace, "001")
    uri = open_doc(nvim_client, path)
    params = types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri))
    full = await nvim_client.text_document_diagnostic_async(params)
    assert full.kind == "full" and any(d.code == "A301" for d in full.items)
    params.previous_result_id = full.result_id
    same = await nvim_client.text_document_diagnostic_async(params)
    assert same.kind == "unchanged"
    change(nvim_client, uri, 2, (rng(0, 0), "x"))
    again = await nvim_client.text_document_diagnostic_async(params)
    assert again.kind == "full" and again.result_id != full.result_id


async def test_a_recheck_that_finds_the_same_keeps_the_result_id(nvim_client: RecordingClient, workspace: Path):
    # the settings pulled again (or the server's own re-check once initialized) check the document anew:
    # same version, same diagnostics, so the client is told "unchanged" (a new id each time was a flaky
    # "full" in test_pull_diagnostics_result_ids when the initialized re-check came between two pulls)
    uri = open_doc(nvim_client, seed(workspace, "001"))
    params = types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri))
    full = await nvim_client.text_document_diagnostic_async(params)
    assert full.kind == "full"
    params.previous_result_id = full.result_id
    for _ in range(2):
        nvim_client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings={}))
        same = await nvim_client.text_document_diagnostic_async(params)
        assert same.kind == "unchanged" and same.result_id == full.result_id


async def test_documents_that_are_not_reports_get_no_diagnostics(client: RecordingClient, workspace: Path):
    readme = workspace / "README.md"
    readme.write_text(
        "# 项目说明\n\n这是一个普通的 Markdown 文件。\n\n| 名称 | 数量 |\n|---|---|\n| 苹果 | 3 |\n| 梨 | 0 |\n",
        encoding="utf-8",
    )
    uri = open_doc(client, readme)
    assert list((await published(client, uri, 1)).diagnostics) == []
    notes = workspace / "notes.txt"
    uri2 = open_doc(client, notes, "会议纪要\n一、总体情况\n今年工作顺利。\n")
    assert list((await published(client, uri2, 1)).diagnostics) == []
    empty = workspace / "empty.txt"
    uri3 = open_doc(client, empty, "")
    assert list((await published(client, uri3, 1)).diagnostics) == []


async def test_half_written_drafts_and_garbage_keep_the_server_alive(client: RecordingClient, workspace: Path):
    path = seed(workspace, "001")
    text = path.read_text("utf-8")
    uri = open_doc(client, path)
    await published(client, uri, 1)
    lines = text.split("\n")
    start, end = line_of(text, "三、收到和处理"), line_of(text, "四、政府信息公开行政复议")
    # delete the whole of table 三
    change(client, uri, 2, (rng(start + 1, 0, end, 0), ""))
    diags = (await published(client, uri, 2)).diagnostics
    assert any(d.code == "T201" for d in diags)  # the table is missing
    # paste garbage: control characters, NULs, lone surrogates are not possible in JSON text; odd line ends are
    garbage = "\x00\x01\x02\ufffd\u2028\u2029\x0c\x1b[31m 𠀀😀 |||| \r\r\n\t\t|\n"
    change(client, uri, 3, (rng(3, 0), garbage * 3))
    pasted = (await published(client, uri, 3)).diagnostics
    assert "T201" in codes(pasted)  # still read as a report, not refused as binary
    assert any(d.code == "N401" and d.range.start.line == 3 for d in pasted)  # the junk is pointed at
    # cut the document to half a line, then to nothing
    change(client, uri, 4, lines[0][:5])
    await published(client, uri, 4)
    change(client, uri, 5, "")
    assert list((await published(client, uri, 5)).diagnostics) == []
    change(client, uri, 6, text)
    assert any(d.code == "A301" for d in (await published(client, uri, 6)).diagnostics)


async def test_control_characters_are_the_same_finding_as_on_the_command_line(client: RecordingClient, workspace: Path):
    path = seed(workspace, "001")
    text = path.read_text("utf-8")
    at = text.index("公开", text.index("\n", 200))
    damaged = text[:at] + "\x00\x1b" + text[at:]
    cli = [d for d in check([parse(Source.from_text("r.txt", damaged))]) if d.code in ("N401", "N406")]
    assert [d.code for d in cli] == ["N406"]
    uri = open_doc(client, path)
    await published(client, uri, 1)
    change(client, uri, 2, damaged)
    got = [d for d in (await published(client, uri, 2)).diagnostics if d.code in ("N401", "N406")]
    row = damaged.count("\n", 0, at)
    assert [(d.code, d.range.start.line, d.range.start.character) for d in got] == [
        ("N406", row, at - damaged.rindex("\n", 0, at) - 1)
    ]
    assert got[0].message == cli[0].message.zh


async def test_line_separators_inside_lines_do_not_shift_edits(client: RecordingClient, workspace: Path):
    """U+2028 and form feeds are not line ends in LSP (pygls' str.splitlines thinks they are)."""
    path = seed(workspace, "001")
    lines = path.read_text("utf-8").split("\n")
    para = line_of("\n".join(lines), "2020年")
    lines[para] = lines[para][:10] + "\u2028\x0c" + lines[para][10:]  # inside the first paragraph
    text = "\n".join(lines)
    uri = open_doc(client, path, text)
    first = (await published(client, uri, 1)).diagnostics
    total = line_of(text, "(七)总计")
    assert any(d.code == "A301" and d.range.start.line == total for d in first)
    change(client, uri, 2, (rng(total, 0, total + 7, 0), TOTAL_ROW_FIXED + "\n"))
    after = (await published(client, uri, 2)).diagnostics
    # exactly what the engine says about the text as the editor has it
    expected = text.replace(TOTAL_ROW, TOTAL_ROW_FIXED)
    want = sorted(
        (d.code, expected[: d.span.start].count("\n")) for d in check([parse(Source.from_text("r", expected))])
    )
    assert sorted((d.code, d.range.start.line) for d in after) == want


async def test_client_settings_and_project_configuration(client: RecordingClient, workspace: Path):
    path = seed(workspace, "001")
    client.set_configuration({"ignore": ["T"], "lang": "en"}, section="nianbao")
    uri = open_doc(client, path)
    diags = (await published(client, uri, 1)).diagnostics
    assert diags and not [d for d in diags if d.code.startswith("T")]
    a301 = next(d for d in diags if d.code == "A301")
    assert re.search(r"[a-z]{4}", a301.message)  # English

    client.set_configuration({"select": ["T207"], "lang": "zh"}, section="nianbao")
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    await asyncio.sleep(0.05)
    for _ in range(300):
        last = [p for p in client.published if p.uri == uri][-1]
        if last.diagnostics and codes(last.diagnostics) == {"T207"}:
            break
        await asyncio.sleep(0.01)
    assert codes(last.diagnostics) == {"T207"}
    assert "为空" in last.diagnostics[0].message  # Chinese again

    # a project file next to the report: nianbao.toml ignores A; the editor's select is cleared
    (workspace / "nianbao.toml").write_text('ignore = ["A"]\n', encoding="utf-8")
    client.set_configuration({}, section="nianbao")
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    for _ in range(300):
        last = [p for p in client.published if p.uri == uri][-1]
        if len(codes(last.diagnostics)) > 1:
            break
        await asyncio.sleep(0.01)
    assert "T207" in codes(last.diagnostics) and not [d for d in last.diagnostics if d.code.startswith("A")]


async def test_a_broken_plugin_does_not_stop_the_server(broken_rules_client: RecordingClient, workspace: Path):
    client = broken_rules_client
    path = seed(workspace, "001")
    uri = open_doc(client, path)
    diags = (await published(client, uri, 1)).diagnostics
    assert "A301" in codes(diags) and "T207" in codes(diags)  # the built-in rules still report
    out_of_range = [d for d in diags if d.code == "X902"]
    assert out_of_range  # clamped to the end of the text, not dropped and not fatal
    text = path.read_text("utf-8")
    assert out_of_range[0].range.start.line == len(text.split("\n")) - 1
    assert any("X901" in m.message for m in client.log_messages)  # the failure is logged to the client
    change(client, uri, 2, (rng(0, 0), "x"))
    assert "A301" in codes((await published(client, uri, 2)).diagnostics)
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=0, character=0)
        )
    )
    assert hover is None or hover.contents


async def test_a_plugin_whose_hook_raises_does_not_stop_the_others(
    broken_hook_client: RecordingClient, workspace: Path
):
    client = broken_hook_client
    uri = open_doc(client, seed(workspace, "001"))
    diags = (await published(client, uri, 1)).diagnostics
    assert {"A301", "T207"} <= codes(diags)
    assert any("nianbao_rules" in m.message or "broken" in m.message for m in client.log_messages)


async def test_a_client_without_capabilities_gets_push_diagnostics(bare_client: RecordingClient, workspace: Path):
    uri = open_doc(bare_client, seed(workspace, "001"))
    diags = (await published(bare_client, uri, 1)).diagnostics
    assert "A301" in codes(diags)


async def test_answers_come_from_the_current_version_never_an_older_one(client: RecordingClient, workspace: Path):
    """Issue 15 item 8: in fast typing the outline was served from an analysis several versions old."""
    path = seed(workspace, "001")
    full = path.read_text("utf-8")
    lines = full.split("\n")
    short = "\n".join(lines[: line_of(full, "三、收到和处理") + 1]) + "\n"
    uri = open_doc(client, path)
    await published(client, uri, 1)
    doc = types.TextDocumentIdentifier(uri=uri)
    version = 1
    for _ in range(6):
        for text in (short, full):
            version += 1
            change(client, uri, version, text)
            pending = asyncio.ensure_future(
                client.text_document_document_symbol_async(types.DocumentSymbolParams(text_document=doc))
            )
            for _ in range(12):  # keep typing on the first line, faster than the debounce, while the request waits
                await asyncio.sleep(0.012)
                version += 1
                change(client, uri, version, (rng(0, 0), "x"))
            symbols = await pending
            last_line = text.count("\n")
            assert symbols, "no outline"
            ends = [s.range.end.line for s in symbols] + [c.range.end.line for s in symbols for c in s.children or ()]
            assert max(ends) <= last_line, f"ranges up to line {max(ends)} in a text of {last_line + 1} lines"
            if text is full:
                assert max(ends) > short.count("\n")  # and not the short text's either
