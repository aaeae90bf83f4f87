"""The national format as data: sections, tables, rows, columns, keys, relations.

Both versions are read from the TOML files in ``formats/``; nothing about the
format's wording is hard-coded elsewhere. A :class:`Template` answers what a
canonical key means and which sums (勾稽关系) it takes part in.

The TOML files are the only source. What ``tomllib`` makes of them is kept
in the user's cache folder (``$NIANBAO_CACHE_DIR``, else
``$XDG_CACHE_HOME/nianbao``, else ``~/.cache/nianbao``) beside the bytes it was
read from, and used only while those bytes, nianbao's version and Python's
are the same: a start-up then neither imports ``tomllib`` nor parses TOML
(16 M instructions of a one-file ``lint``, plus the import). A cache folder
that cannot be written, or a file in it that cannot be read back, is passed
over in silence (``NIANBAO_CACHE_DIR=""`` turns the cache off).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import NamedTuple

from .cachefiles import cache_dir
from .cachefiles import write_cache as _write_cache

VERSIONS = ("2019", "2021")
TABLE_TITLES = {"t2": "主动公开政府信息情况", "t3": "收到和处理政府信息公开申请情况", "t4": "行政复议、行政诉讼情况"}


# Column, Row and Relation stay dataclasses: the alignment and the rules read their fields in inner
# loops, where a NamedTuple's (a descriptor each) cost 0.5 % more instructions per report.
@dataclass(frozen=True)
class Column:
    """One column of a table of the format: the canonical key of its cells, its label and unit."""

    key: str  # full canonical key, e.g. "t3.new.natural"
    label: str
    unit: str | None = None  # "元", "万元" or None for counts
    signed: bool = False  # 本年增/减: 增N / 减N allowed


@dataclass(frozen=True)
class Row:
    """One row of a table of the format, with the keys of its cells in order."""

    table: str  # "t2" | "t3" | "t4"
    key: str  # row key within the table, e.g. "withheld.state_secret"
    label: str
    columns: tuple[Column, ...]
    variants: tuple[str, ...] = ()
    group: str = ""  # merged parent label, e.g. "(三)不予公开"
    header: str = ""  # t2 block header, e.g. "第二十条第(一)项"
    index: int = 0  # position in the whole template

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.label, *self.variants)


class SectionSpec(NamedTuple):  # a NamedTuple: far cheaper to define than a dataclass (start-up)
    """One of the six sections of the format: its number, title and the titles it is also given."""

    number: int
    title: str
    variants: tuple[str, ...] = ()
    table: str | None = None

    @property
    def titles(self) -> tuple[str, ...]:
        return (self.title, *self.variants)


@dataclass(frozen=True)
class Relation:
    """``sum(left) == sum(right)``, one of the equalities a correct report satisfies."""

    kind: str  # "balance" | "results" | "row_total" | "t4_total"
    left: tuple[str, ...]
    right: tuple[str, ...]
    zh: str
    en: str

    @property
    def keys(self) -> tuple[str, ...]:
        return self.left + self.right


@dataclass(frozen=True, eq=False)  # one instance per version: identity is equality
class Template:
    """One version of the format: its sections, rows, columns and relations, and what each key means."""

    version: str
    first_year: int
    last_year: int | None
    sections: tuple[SectionSpec, ...]
    rows: tuple[Row, ...]
    t3_groups: tuple[str, ...] = ()
    t4_groups: tuple[tuple[str, str], ...] = ()  # (key, label)
    relations: tuple[Relation, ...] = ()
    _cells: dict[str, tuple[Row, Column]] = field(default_factory=dict, repr=False, compare=False)

    @property
    def keys(self) -> list[str]:
        return list(self._cells)

    def __reduce__(self) -> tuple:  # one instance per version, also after pickling
        return (template, (self.version,))

    def cell(self, key: str) -> tuple[Row, Column] | None:
        return self._cells.get(key)

    def rows_of(self, table: str) -> list[Row]:
        return [r for r in self.rows if r.table == table]

    def covers(self, year: int) -> bool:
        return year >= self.first_year and (self.last_year is None or year <= self.last_year)

    def meaning(self, key: str, lang: str = "zh") -> str:
        """Human description of a cell: table, row × column."""
        return _meaning(self, key, lang)  # messages ask for the same cells' words many times a report

    def _meaning(self, key: str, lang: str) -> str:
        found = self.cell(key)
        if not found:
            return key
        row, col = found
        if row.table == "t4":
            group = next(g for g in self.t4_groups if key.split(".")[1] == g[0])
            where = f"行政复议 · {col.label}" if group[0] == "review" else f"行政诉讼 · {group[1]} · {col.label}"
            return f"表四 {where}" if lang == "zh" else f"table 4, {group[0]}, {col.key.rsplit('.', 1)[1]}"
        table = {"t2": "表二 主动公开", "t3": "表三 依申请"}[row.table]
        label = f"{row.group} {row.label}" if row.group and row.group not in row.label else row.label
        if lang == "zh":
            return f"{table} · {label} × {col.label}"
        return f"{'table 2' if row.table == 't2' else 'table 3'}, row {row.key}, column {col.key.rsplit('.', 1)[1]}"

    def relations_of(self, key: str) -> list[Relation]:
        return [r for r in self.relations if key in r.keys]


_meaning = lru_cache(maxsize=4096)(Template._meaning)  # templates are one per version, kept anyway


FILES = ("common.toml", *(f"{v}.toml" for v in VERSIONS))
CACHE_FORMAT = 1  # of the cache file: raised when what it holds changes


def _read_bytes(name: str) -> bytes:
    # the files next to this module, as installed; importlib.resources (which imports tempfile and random
    # for every start-up) only where the package is not a folder (a zip)
    try:
        with open(os.path.join(os.path.dirname(__file__), "formats", name), "rb") as f:
            return f.read()
    except OSError:
        from importlib import resources

        return resources.files("nianbao.formats").joinpath(name).read_bytes()


@cache
def formats() -> dict[str, dict]:
    """Every format file (:data:`FILES`) as ``tomllib`` reads it, from the cache while the files are unchanged."""
    return read_formats({name: _read_bytes(name) for name in FILES}, cache_dir())


def read_formats(sources: dict[str, bytes], folder: str | None) -> dict[str, dict]:
    """``sources`` (file name -> TOML bytes) parsed: the cached reading of these very bytes if there is one.

    Otherwise parsed with ``tomllib`` and the cache written for the next run.
    """
    path = _cache_file(folder)
    key = _cache_key()
    if path is not None:
        cached = _read_cache(path, key, sources)
        if cached is not None:
            return cached
    import tomllib

    parsed = {name: tomllib.loads(data.decode("utf-8")) for name, data in sources.items()}
    if path is not None:
        _write_cache(path, (key, {name: (sources[name], parsed[name]) for name in sources}))
    return parsed


def _cache_file(folder: str | None) -> str | None:
    return os.path.join(folder, f"formats-{sys.implementation.cache_tag}.marshal") if folder else None


def _cache_key() -> tuple:
    from . import __version__

    return (CACHE_FORMAT, __version__, sys.version)


def _read_cache(path: str, key: tuple, sources: dict[str, bytes]) -> dict[str, dict] | None:
    import marshal

    try:
        with open(path, "rb") as f:
            found_key, files = marshal.loads(f.read())
        if found_key != key or not isinstance(files, dict) or files.keys() != sources.keys():
            return None
        out = {}
        for name, data in sources.items():
            cached_data, parsed = files[name]
            if cached_data != data or not isinstance(parsed, dict):
                return None  # the file changed since (or the cache is not ours)
            out[name] = parsed
        return out
    except Exception:  # missing, unreadable, truncated, not a cache at all: read the TOML
        return None


@cache
def sections() -> tuple[SectionSpec, ...]:
    """The six sections of the format, the same in every version (``common.toml``).

    Without building a version's :class:`Template` (a report of 2019 needs no 2021 one: 3.5 M instructions).
    """
    return tuple(
        SectionSpec(s["number"], s["title"], tuple(s.get("variants", ())), s.get("table"))
        for s in formats()["common.toml"]["sections"]
    )


@cache
def template(version: str) -> Template:
    """The format of one version (``"2019"`` or ``"2021"``)."""
    if version not in VERSIONS:
        raise KeyError(version)
    found = formats()
    common, spec = found["common.toml"], found[f"{version}.toml"]
    rows: list[Row] = []

    def add(table: str, key: str, item: dict, columns: tuple[Column, ...], header: str = "") -> None:
        rows.append(
            Row(
                table,
                key,
                item["label"],
                columns,
                tuple(item.get("variants", ())),
                item.get("group", ""),
                header,
                len(rows),
            )
        )

    for block in spec["t2"]["blocks"]:
        for item in block["rows"]:
            cols = tuple(
                Column(f"t2.{item['key']}.{c['key']}", c["label"], c.get("unit"), c.get("signed", False))
                for c in block["columns"]
            )
            add("t2", item["key"], item, cols, block["header"])
    t3 = common["t3"]
    for item in t3["rows_before_other"] + spec["t3"]["other_rows"] + t3["rows_after_other"]:
        cols = tuple(Column(f"t3.{item['key']}.{c['key']}", c["label"]) for c in t3["columns"])
        add("t3", item["key"], item, cols)
    t4 = common["t4"]
    cols = tuple(Column(f"t4.{g['key']}.{c['key']}", c["label"]) for g in t4["groups"] for c in t4["columns"])
    add("t4", "all", {"label": ""}, cols)

    cells = {c.key: (r, c) for r in rows for c in r.columns}
    return Template(
        version,
        spec["first_year"],
        spec.get("last_year"),
        sections(),
        tuple(rows),
        tuple(t3["groups"]),
        tuple((g["key"], g["label"]) for g in t4["groups"]),
        tuple(_relations(rows, [c["key"] for c in t3["columns"]], [g["key"] for g in t4["groups"]])),
        cells,
    )


def _relations(rows: list[Row], t3_columns: list[str], t4_groups: list[str]) -> list[Relation]:
    t3 = [r for r in rows if r.table == "t3"]
    results = [r.key for r in t3 if r.key not in ("new", "carried_in", "total", "carried_forward")]
    out: list[Relation] = []
    for c in t3_columns:
        out.append(
            Relation(
                "balance",
                (f"t3.new.{c}", f"t3.carried_in.{c}"),
                (f"t3.total.{c}", f"t3.carried_forward.{c}"),
                "一、本年新收 + 二、上年结转 = 三、(七)总计 + 四、结转下年度继续办理",
                "new + carried in = total handled + carried forward",
            )
        )
        out.append(
            Relation(
                "results",
                (f"t3.total.{c}",),
                tuple(f"t3.{k}.{c}" for k in results),
                "(七)总计 = (一)至(六)各项之和",
                "(7) total = sum of result items (1)–(6)",
            )
        )
    applicants = [c for c in t3_columns if c != "total"]
    for r in t3:
        out.append(
            Relation(
                "row_total",
                (f"t3.{r.key}.total",),
                tuple(f"t3.{r.key}.{c}" for c in applicants),
                f"{r.label} 的总计 = 自然人 + 法人或其他组织各列之和",
                f"row {r.key}: total = sum of the six applicant columns",
            )
        )
    for g in t4_groups:
        out.append(
            Relation(
                "t4_total",
                (f"t4.{g}.total",),
                tuple(f"t4.{g}.{c}" for c in ("upheld", "corrected", "other", "pending")),
                "总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结",
                "total = upheld + corrected + other + pending",
            )
        )
    return out
