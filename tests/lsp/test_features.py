"""Quick fixes, fix-all, hover, outline and formatting, end to end over stdio."""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types

from nianbao import Source, parse

from .conftest import RecordingClient, apply_edits, change, edits_of, line_of, open_doc, published, rng, utf16_column
from .test_diagnostics import seed

GARBAGE = "ㄨ▅ζ〓※←╲↓卐〗⌒♂○▂々◣▲↘☉∩∴"  # what seed 000 carries from the web page it was copied from


def doc_id(uri: str) -> types.TextDocumentIdentifier:
    return types.TextDocumentIdentifier(uri=uri)


async def code_actions(client, uri, where: types.Range, only=None, diagnostics=()):
    return await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=doc_id(uri),
            range=where,
            context=types.CodeActionContext(diagnostics=list(diagnostics), only=only),
        )
    )


async def test_quick_fix_removes_a_garbage_character(client: RecordingClient, workspace: Path):
    path = seed(workspace, "000")
    text = path.read_text("utf-8")
    uri = open_doc(client, path)
    diags = (await published(client, uri, 1)).diagnostics
    # "您当前的ㄨ位置": the first line
    target = next(d for d in diags if d.code == "N401" and d.range.start.line == 0)
    actions = await code_actions(client, uri, target.range, diagnostics=[target])
    quick = [a for a in actions if a.kind == types.CodeActionKind.QuickFix]
    assert quick, actions
    fix = quick[0]
    assert fix.is_preferred  # a safe fix
    assert fix.diagnostics and fix.diagnostics[0].code == "N401"
    assert "N401" in fix.title
    fixed = apply_edits(text, edits_of(fix.edit, uri))
    assert fixed.split("\n")[0].startswith("您当前的位置")
    assert len(fixed) == len(text) - 1
    # the edit is tied to the version it was computed for
    assert fix.edit.document_changes[0].text_document.version == 1


async def test_fix_all_safe_problems(client: RecordingClient, workspace: Path):
    path = seed(workspace, "000")
    text = path.read_text("utf-8")
    uri = open_doc(client, path)
    diags = (await published(client, uri, 1)).diagnostics
    n401 = [d for d in diags if d.code == "N401"]
    assert len(n401) >= 20
    actions = await code_actions(client, uri, rng(0, 0), only=[types.CodeActionKind.SourceFixAll])
    assert [a.kind for a in actions] == ["source.fixAll.nianbao"]  # no quick fixes when only fix-all is asked
    fixed = apply_edits(text, edits_of(actions[0].edit, uri))
    assert not set(GARBAGE) & set(fixed)
    # numbers and words around are untouched: same cells, same values
    before = parse(Source.from_text("a.txt", text))
    after = parse(Source.from_text("a.txt", fixed))
    assert {k: c.value for k, c in before.cells.items()} == {k: c.value for k, c in after.cells.items()}
    change(client, uri, 2, fixed)
    rest = (await published(client, uri, 2)).diagnostics
    assert not [d for d in rest if d.code == "N401"]
    again = await code_actions(client, uri, rng(0, 0), only=["source.fixAll"])
    assert not again  # nothing left to fix


async def test_code_actions_without_fixes(client: RecordingClient, workspace: Path):
    path = seed(workspace, "001")
    text = path.read_text("utf-8")
    uri = open_doc(client, path)
    await published(client, uri, 1)
    total = line_of(text, "(七)总计")
    actions = await code_actions(client, uri, rng(total, 0, total, 5))
    assert not [a for a in actions or () if a.kind == types.CodeActionKind.QuickFix and "A301" in a.title]


async def hover_at(client, uri, line, character):
    return await client.text_document_hover_async(
        types.HoverParams(text_document=doc_id(uri), position=types.Position(line=line, character=character))
    )


async def test_hover_on_a_table_cell(client: RecordingClient, workspace: Path):
    path = seed(workspace, "001")
    text = path.read_text("utf-8")
    uri = open_doc(client, path)
    await published(client, uri, 1)
    row = line_of(text, "一、本年新收政府信息公开申请数量")
    line = text.split("\n")[row]  # "一、本年新收政府信息公开申请数量 | 2 |"
    hover = await hover_at(client, uri, row, utf16_column(line, line.index("2")))
    assert hover is not None
    value = hover.contents.value
    assert "t3.new.natural" in value
    assert "一、本年新收政府信息公开申请数量" in value and "自然人" in value  # row and column, in Chinese
    plain = value.replace("*", "").replace("\\", "")
    assert "一、本年新收 + 二、上年结转 = 三、(七)总计 + 四、结转下年度继续办理: 2 + 0 = 2 ≠ 0 + 0 = 0" in plain
    assert hover.range.start.line == row


async def test_hover_on_a_blank_cell_and_on_prose(client: RecordingClient, workspace: Path):
    path = seed(workspace, "001")
    text = path.read_text("utf-8")
    uri = open_doc(client, path)
    await published(client, uri, 1)
    row = line_of(text, "一、本年新收政府信息公开申请数量")
    hover = await hover_at(client, uri, row + 1, 0)  # "|": the blank 商业企业 cell
    assert hover is not None and "商业企业" in hover.contents.value and "空" in hover.contents.value
    assert "T207" in hover.contents.value  # and why it is flagged
    assert await hover_at(client, uri, line_of(text, "2020年"), 3) is None


async def test_hover_on_a_rule_code(client: RecordingClient, workspace: Path):
    path = seed(workspace, "001")
    text = path.read_text("utf-8").rstrip("\n") + "\n注：本表已按A301核对。\n"
    uri = open_doc(client, path, text)
    await published(client, uri, 1)
    hover = await hover_at(client, uri, line_of(text, "注："), 7)
    assert hover is not None
    value = hover.contents.value
    assert "A301" in value and "application-balance-broken" in value
    assert "一、本年新收" in value  # the rule's summary
    assert "docs/rules.md#a301" in value


async def test_document_symbols_six_sections_with_their_tables(client: RecordingClient, workspace: Path):
    for prefix in ("000", "001", "003"):
        path = seed(workspace, prefix)
        uri = open_doc(client, path)
        symbols = await client.text_document_document_symbol_async(
            types.DocumentSymbolParams(text_document=doc_id(uri))
        )
        names = [s.name for s in symbols]
        assert [n[:2] for n in names] == ["一、", "二、", "三、", "四、", "五、", "六、"], names
        assert "主动公开政府信息" in names[1]
        tables = {s.name[:2]: [c.name for c in s.children or ()] for s in symbols}
        assert tables["二、"] and all(c.startswith("表二") for c in tables["二、"])
        assert tables["三、"] and tables["三、"][0].startswith("表三")
        assert tables["四、"] and tables["四、"][0].startswith("表四")
        assert not tables["一、"] and not tables["五、"]
        for s in symbols:
            for c in s.children or ():
                assert (s.range.start.line, s.range.start.character) <= (c.range.start.line, c.range.start.character)
                assert (c.range.end.line, c.range.end.character) <= (s.range.end.line, s.range.end.character)


async def format_doc(client, uri):
    return await client.text_document_formatting_async(
        types.DocumentFormattingParams(
            text_document=doc_id(uri), options=types.FormattingOptions(tab_size=4, insert_spaces=True)
        )
    )


async def test_formatting_aligns_pipe_tables_and_is_idempotent(client: RecordingClient, workspace: Path):
    for prefix in ("000", "001"):
        path = seed(workspace, prefix)
        text = path.read_text("utf-8")
        uri = open_doc(client, path)
        edits = await format_doc(client, uri)
        assert edits, prefix
        formatted = apply_edits(text, edits)
        assert formatted != text
        # only spaces changed
        assert formatted.replace(" ", "") == text.replace(" ", "")
        before = parse(Source.from_text(path.name, text))
        after = parse(Source.from_text(path.name, formatted))
        assert {k: (c.value, c.raw) for k, c in before.cells.items()} == {
            k: (c.value, c.raw) for k, c in after.cells.items()
        }
        change(client, uri, 2, formatted)
        assert not await format_doc(client, uri)  # formatting twice: no edits
    # the header rows of 表二 line up with the numbers under them (display width, CJK = 2)
    lines = formatted.split("\n")
    row = line_of(formatted, "规范性文件")
    from rich.cells import cell_len

    assert cell_len(lines[row].split("|")[0]) == cell_len(lines[row - 2].split("|")[0])


async def test_formatting_other_dialects_changes_nothing(client: RecordingClient, workspace: Path):
    for prefix in ("002", "003", "004"):
        uri = open_doc(client, seed(workspace, prefix))
        assert not await format_doc(client, uri)
