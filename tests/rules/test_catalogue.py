"""The catalogue itself: codes, names, docstrings, bundles, fixes, the generated docs."""

from __future__ import annotations

import importlib
import re
import subprocess
import sys
from pathlib import Path

import pytest

from nianbao import registry
from nianbao.fixes import apply
from nianbao.plugins.rules import parse_doc
from nianbao.rules import Rule, Severity

from ..paths import seed_path
from ._lint import found, lint

ROOT = Path(__file__).resolve().parents[2]
BUNDLES = {"S": "structure", "T": "tables", "A": "arithmetic", "N": "hygiene", "X": "consistency"}
RULES = registry.rules()


def test_every_family_has_rules():
    assert {code[0] for code in RULES} == set(BUNDLES)


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_metadata(code: str):
    cls = RULES[code]
    assert issubclass(cls, Rule)
    assert re.fullmatch(r"[STANX]\d{3}", code) and cls.__name__ == code
    # one rule per file named by its code, in its family's bundle
    assert cls.__module__ == f"nianbao.plugins.rules.{BUNDLES[code[0]]}.{code}"
    bundle = importlib.import_module(f"nianbao.plugins.rules.{BUNDLES[code[0]]}")
    assert cls in bundle.nianbao_rules()
    assert re.fullmatch(r"[a-z]+(?:-[a-z0-9]+)+", cls.name)
    assert isinstance(cls.severity, Severity) and isinstance(cls.fixable, bool)


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_docstring_has_the_fixed_shape(code: str):
    doc = parse_doc(RULES[code])
    assert re.search(r"[\u4e00-\u9fff]", doc["summary"]), "the first line is Chinese"
    for part in ("checks", "why", "example", "fix"):
        assert doc[part].strip(), f"{code}: no {part}"
    for part in ("checks_zh", "why_zh"):  # what `nianbao explain` shows in Chinese
        assert re.search(r"[\u4e00-\u9fff]{8}", doc[part]), f"{code}: no Chinese {part}"
        assert "\n" not in doc[part], f"{code}: {part} is one paragraph, its lines joined"


def test_rule_names_are_unique():
    names = [cls.name for cls in RULES.values()]
    assert len(names) == len(set(names))


def test_parse_doc_keeps_the_indentation_of_examples_and_joins_chinese_lines():
    class R(Rule):
        """摘要。

        What it checks:
            one
            two
        Why it matters:
            because
        检查内容:
            第一行
            第二行 A301
            T207
        为何重要:
            因为
        Example:
            a | 1 |
              b | 2 |
        Fix:
            a | 0 |
        """

    doc = parse_doc(R)
    assert doc == {
        "summary": "摘要。",
        "checks": "one\ntwo",
        "why": "because",
        "checks_zh": "第一行第二行 A301 T207",
        "why_zh": "因为",
        "example": "a | 1 |\n  b | 2 |",
        "fix": "a | 0 |",
    }


def _fixed(prefix: str, unsafe: bool = False) -> tuple[str, list]:
    path = seed_path(prefix)
    diags = lint(path)
    text, applied = apply(diags[0].report.text.text, diags, unsafe=unsafe)
    return text, applied


# safe fixes: only deleting garbage; the others (line break, numeral, punctuation) need a look
@pytest.mark.parametrize(
    ("seed", "unsafe", "codes"),
    [
        ("000", False, {"N401"}),
        ("000", True, {"N401", "S105"}),
        ("003", True, {"N404", "T202"}),
        ("004", True, {"S103"}),
    ],
)
def test_fixes_repair_the_seeds(tmp_path, seed: str, unsafe: bool, codes: set[str]):
    text, applied = _fixed(seed, unsafe)
    assert {d.code for d in applied} == codes
    out = tmp_path / seed_path(seed).name
    out.write_text(text, "utf-8")
    after = lint(out)
    assert not [d for d in after if d.code in codes]
    # nothing new appears
    before = {c for c, _ in found(lint(seed_path(seed)))}
    assert {c for c, _ in found(after)} <= before


def test_garbage_fix_deletes_exactly_the_characters():
    text, _ = _fixed("000")
    lines = text.split("\n")
    assert lines[0] == "您当前的位置: 首页 > 政务 > 信息公开年报 > 政府信息公开年报 > 2020年"
    assert "在落实政务公开化、制度化和规范化方面" in lines[2]  # the space ζ left between two characters goes too
    assert "提升服务范围" in lines[7]
    garbage = "ㄨ▅ζ〓※←╲↓卐〗』⌒♂@◣▲☉∩∴↘▂々○"
    original = seed_path("000").read_text("utf-8")
    unpadded = original.replace("政务ζ 公开", "政务公开").replace("均在⌒ 第一", "均在第一")
    assert text == "".join(ch for ch in unpadded if ch not in garbage)
    unsafe, _ = _fixed("000", unsafe=True)  # the glued heading gets its own line too
    assert unsafe.split("\n")[60].endswith("回应社会关") and unsafe.split("\n")[61] == "六、其他需要报告的事项"


def test_unnumbered_heading_fix_inserts_the_numeral():
    text, _ = _fixed("004", unsafe=True)
    assert text.split("\n")[26] == "二、主动公开政府信息情况"


def test_label_fix_is_unsafe_and_proposes_the_closest_label():
    d = next(d for d in lint(seed_path("003")) if d.code == "T202")
    assert d.fix is not None and not d.fix.safe
    assert [e.new_text for e in d.fix.edits] == ["规章"]


def test_blank_cell_fix_only_where_the_sums_give_the_value(tmp_path):
    # table 二 has no relation: a blank there is not 0 by any sum, so nothing is proposed
    p = tmp_path / "r.txt"
    p.write_text(
        seed_path("000").read_text("utf-8").replace("行政强制 | 0 | 0 | 0 | |", "行政强制 | 0 |  | 0 | |"), "utf-8"
    )
    (d,) = [d for d in lint(p) if d.code == "T207"]
    assert d.fix is None
    # table 三: the row 2.重复申请 with 总计 0 makes each blank of it 0
    text = seed_path("000").read_text("utf-8")
    row = next(line for line in text.split("\n") if line.startswith("2.重复申请"))
    blanked = row.replace("| 0 | 0 | 0 |", "| 0 |  | 0 |", 1)
    assert blanked != row
    p.write_text(text.replace(row, blanked), "utf-8")
    (d,) = [d for d in lint(p) if d.code == "T207"]
    assert d.fix is not None and not d.fix.safe and "由“" in d.fix.message.zh
    fixed, _ = apply(d.report.text.text, [d], unsafe=True)
    assert fixed == text


def test_docs_are_up_to_date():
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "gen_rule_docs.py"), "--check"], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
