"""``nianbao lint``: check reports against the rules, show or fix what is wrong.

Exit status: 0 no error or warning, 1 at least one, 2 the run itself failed
(bad option or configuration, a file that cannot be read, a fix that cannot be
written); the other files are linted anyway.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from .. import registry
from ..config import ConfigError, find_config_file, load_config_file
from ..i18n import default_lang, msg
from ..lint import (
    Config,
    FileResult,
    RuleFailure,
    Task,
    check_collection,
    collection_patterns,
    iter_lint,
    lint_files,
    parse_selectors,
    unknown_selectors,
)
from ..render import (
    FILE_NOT_CHECKED,
    FILE_SKIPPED,
    FIX_NOT_WRITTEN,
    FORMATS,
    RULE_FAILED,
    LintRun,
    Tally,
    file_diagnostic,
    is_failure,
)
from ..rules import Diagnostic, ReportSummary, Severity, text_digest
from ..source import Source, SourceError, Text, parse_size
from ._inputs import describe, expand, output_may_be_cut, read_stdin, stdout_console

if TYPE_CHECKING:
    from pathlib import Path

    from rich.console import Console

    from ..baseline import Baseline
    from ..fixes import FileIdentity

MAX_FIX_ROUNDS = 8
PROGRESS_AFTER = 20  # files
UTF8_BOM = b"\xef\xbb\xbf"
# file-system problems make a run incomplete even for a file found in a folder (a FIFO, a device, a huge file)
NEVER_SKIPPED = frozenset({"not_regular", "over_limit", "unreadable", "not_found"})


def register(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "lint",
        help="检查年报并报告问题 (check reports against the rules)",
        description="检查年报并报告问题，可自动修复 (check reports against the rules; fix what can be fixed). "
        "退出码 exit status: 0 无错误和警告 clean, 1 有错误或警告 problems found, 2 运行失败 the run failed.",
    )
    p.add_argument(
        "paths", nargs="+", metavar="PATH", help="年报文件、目录，或 - 表示标准输入 (files, directories or -)"
    )
    p.add_argument(
        "--output-format",
        "--format",
        dest="format",
        choices=FORMATS,
        default="text",
        help="输出格式 (output format; --format is an alias)",
    )
    p.add_argument(
        "-o", "--output", metavar="FILE", help="输出写入此文件，不写标准输出 (write the output to FILE, not stdout)"
    )
    p.add_argument(
        "--select",
        action="append",
        default=[],
        metavar="CODES",
        help="只启用这些规则：代码或前缀，逗号分隔，可重复 (codes or prefixes to enable; replaces the config's select)",
    )
    p.add_argument(
        "--ignore",
        action="append",
        default=[],
        metavar="CODES",
        help="停用这些规则 (rule codes or prefixes to disable; added to the config's ignore)",
    )
    p.add_argument(
        "--severity",
        action="append",
        default=[],
        metavar="CODE=LEVEL",
        help="改变规则的级别 (override a rule's severity: error, warning, info, hint)",
    )
    p.add_argument("--config", metavar="FILE", help="使用此配置文件，不再查找 (use this config file for every path)")
    p.add_argument("--fix", action="store_true", help="应用安全修复并写回文件 (apply safe fixes, rewrite the files)")
    p.add_argument(
        "--unsafe-fixes", action="store_true", help="同时应用不安全修复 (with --fix/--diff: apply unsafe fixes too)"
    )
    p.add_argument(
        "--diff", action="store_true", help="只显示修复的差异，不写文件 (show fixes as a diff, write nothing)"
    )
    p.add_argument(
        "--jobs",
        "-j",
        type=_jobs,
        default=0,
        metavar="N",
        help="并行进程数；0（默认）为自动：文件较多时每个 CPU 一个 (worker processes; 0, the default: "
        "one per CPU when there are more than a few files)",
    )
    p.add_argument(
        "--exit-zero",
        action="store_true",
        help="发现问题也以 0 退出，运行失败仍为 2 (exit 0 even when problems are found; a failed run still exits 2)",
    )
    p.add_argument(
        "--statistics", action="store_true", help="只显示每条规则的问题数 (show the number of findings by rule)"
    )
    p.add_argument(
        "--quiet", "-q", action="store_true", help="只输出问题，不输出汇总 (print the findings only, no summary)"
    )
    p.add_argument(
        "--show-fixes", action="store_true", help="列出修复了哪些问题 (with --fix or --diff: list what was fixed)"
    )
    p.add_argument("--no-color", action="store_true", help="不使用颜色，同 NO_COLOR (no colours, as NO_COLOR)")
    p.add_argument(
        "--baseline",
        metavar="FILE",
        help="只报告基线文件中没有的问题 (report only the findings not in this baseline file)",
    )
    p.add_argument(
        "--write-baseline",
        metavar="FILE",
        help="把当前的全部问题写入基线文件 (write every current finding to this baseline file)",
    )
    p.add_argument(
        "--force-exclude",
        action="store_true",
        help="命令行上的文件也按目录中的文件处理：适用 exclude，跳过非年报 (treat named files as found in a folder: "
        "exclude applies, files that are no report are skipped; for pre-commit)",
    )
    p.add_argument("--dialect", help="指定版式，不自动识别 (force a dialect instead of detecting it)")
    p.add_argument(
        "--max-file-size",
        type=_size,
        metavar="SIZE",
        help="不读取大于此大小的文件，默认 50MB (refuse files larger than this, e.g. 20MB; default 50MB)",
    )
    p.add_argument(
        "--stdin-filename",
        metavar="NAME",
        help="标准输入的文件名 (a name for the - input: shown, and used to find the config)",
    )
    # The command line adds --lang to every command with the environment's language as its default;
    # here it defaults to None instead, so that a configuration's ``lang`` applies unless --lang is given.
    p.__class__ = _lang_default_none(type(p))
    return p


def _lang_default_none(cls: type) -> type:
    class LintParser(cls):  # type: ignore[misc,valid-type]
        def add_argument(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            if "--lang" in args:
                kwargs["default"] = None
            return super().add_argument(*args, **kwargs)

    return LintParser


def _size(value: str) -> int:
    try:
        return parse_size(value)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def _jobs(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return n


@dataclass(eq=False)  # compared by identity only: no __eq__ to generate (start-up)
class _State:
    """One file through the run: where it came from, its latest lint result."""

    path: str  # as given (the name shown)
    config: Config
    data: bytes | None = None  # stdin's bytes
    skipped: bool = False  # found in a folder, no report: not linted
    skip_reason: str | None = None  # why, when it is not simply no report
    result: FileResult | None = None
    original: tuple[Source, Text] | None = None  # as first read (for writing back)
    collection: list[Diagnostic] = field(default_factory=list)
    identity: FileIdentity | None = None  # the file it was when the run started (see write_atomic)
    fixed: int = 0
    fixed_codes: Counter[str] = field(default_factory=Counter)  # fixes applied, by rule
    stopped: bool = False  # no more fix rounds for this file
    unfixed: tuple[FileResult | None, list[Diagnostic]] | None = None  # findings before any fix (kept if not written)

    def keep_unfixed(self) -> None:
        """The fixes are not applied after all: show the file's findings as they were, and count no fix."""
        if self.unfixed is not None:
            self.result, self.collection = self.unfixed
        self.fixed = 0
        self.fixed_codes.clear()

    @property
    def diagnostics(self) -> list[Diagnostic]:
        if self.result is None:
            return []
        return sorted([*self.result.diagnostics, *self.collection], key=lambda d: (d.span.start, d.span.end, d.code))

    @property
    def text(self) -> str | None:
        return self.result.text.text if self.result and self.result.text else None


class _Run:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.status = 0
        self._err: Console | None = None
        self.errors: list[tuple[str, str]] = []
        self.file_diagnostics: list[Diagnostic] = []
        self.lang = args.lang or default_lang()
        self.walked: set[str] = set()  # files treated as found in a folder (no report: skipped)
        self.named: set[str] = set(args.paths)  # the paths on the command line

    @property
    def err(self) -> Console:
        """The terminal's stderr (for the progress bar); Rich is loaded only for output that uses it."""
        if self._err is None:
            from rich.console import Console

            self._err = Console(stderr=True, highlight=False, soft_wrap=True)
        return self._err

    def fail(self, text: str, path: str | None = None, code: str = FILE_NOT_CHECKED) -> None:
        """A one-line message on stderr (and, for a file, an entry ``code`` in the output); the run will exit 2."""
        self.status = 2
        line = text if text.startswith("nianbao:") else f"nianbao: {path + ': ' if path else ''}{text}"
        print(line, file=sys.stderr)
        if path:
            self.file_error(path, line.removeprefix("nianbao: "), code)

    def file_error(self, path: str, text: str, code: str = FILE_NOT_CHECKED) -> None:
        """Record a file that was not (fully) checked; ``text`` may start with the path."""
        self.errors.append((path, text))
        self.file_diagnostics.append(file_diagnostic(path, code, text.removeprefix(f"{path}: ")))


def run(args: argparse.Namespace) -> int:
    r = _Run(args)
    # options first: a bad one stops the run before anything is read
    try:
        select = parse_selectors(args.select) if args.select else None
    except ValueError as err:
        return _usage(msg("error.selector", r.lang, option="--select", value=str(err)))
    try:
        ignore = parse_selectors(args.ignore)
    except ValueError as err:
        return _usage(msg("error.selector", r.lang, option="--ignore", value=str(err)))
    severity: dict[str, Severity] = {}
    for item in args.severity:
        code, _, level = item.partition("=")
        try:
            severity[parse_selectors([code])[0]] = Severity(level.strip().lower())
        except (ValueError, IndexError):
            return _usage(msg("error.severity_option", r.lang, value=item))
    codes = list(registry.rules())
    given = [("--select", select or []), ("--ignore", ignore), ("--severity", list(severity))]
    for option, selectors in given:
        for sel, close in unknown_selectors(selectors, codes):
            text = msg("error.unknown_code", r.lang, option=option, value=sel)
            return _usage(text + (msg("error.closest", r.lang, codes=", ".join(close)) if close else ""))
    if args.dialect and args.dialect not in registry.dialects():
        available = ", ".join(sorted(registry.dialects()))
        return _usage(msg("error.dialect", r.lang, name=args.dialect, available=available))

    made: dict[int, tuple[Config, Config]] = {}  # one overridden configuration per configuration file

    def overridden(config: Config) -> Config:
        known = made.get(id(config))
        if known is not None and known[0] is config:
            return known[1]
        result = config.with_overrides(select=select, ignore=ignore, severity=severity, lang=args.lang)
        if args.max_file_size:
            result.max_file_size = args.max_file_size
        made[id(config)] = (config, result)
        return result

    # configuration: one file for all (--config), else the nearest one to each path
    fixed_config: Config | None = None
    if args.config:
        try:
            fixed_config = load_config_file(args.config)
        except ConfigError as err:
            return _usage(msg("error.config", r.lang, detail=str(err)))
    loaded: dict[Path | None, Config | ConfigError] = {}
    nearest: dict[str, Path | ConfigError | None] = {}  # by folder: files side by side share the search

    def config_of(path: str) -> Config | ConfigError:
        if fixed_config is not None:
            return fixed_config
        # os.path, not pathlib: importing pathlib (urllib.parse, ipaddress) is 4 % of a one-file lint
        where = (args.stdin_filename or os.getcwd()) if path == "-" else path
        folder = where if os.path.isdir(where) else (os.path.dirname(where) or os.curdir)
        if folder not in nearest:
            try:
                nearest[folder] = find_config_file(folder)
            except ConfigError as err:
                nearest[folder] = err
        found = nearest[folder]
        if isinstance(found, ConfigError):
            return found
        if found not in loaded:
            try:
                loaded[found] = load_config_file(found) if found else Config()
            except ConfigError as err:
                loaded[found] = err
        return loaded[found]

    baseline = None
    if args.baseline:
        from ..baseline import BaselineError, read_baseline  # here: json and the rest only with a baseline

        try:
            baseline = read_baseline(args.baseline)
        except BaselineError as err:
            return _usage(msg("error.baseline", r.lang, path=args.baseline, detail=str(err)))

    paths = _unique(expand(args.paths))
    named = set() if args.force_exclude else set(args.paths)
    r.walked = {p for p in paths if p not in named}
    states: list[_State] = []
    reported: set[str] = set()
    for path in paths:
        config = config_of(path)
        if isinstance(config, ConfigError):
            if str(config) not in reported:  # one message per bad file
                reported.add(str(config))
                r.fail(msg("error.config", r.lang, detail=str(config)))
            r.file_error(path, msg("error.config", r.lang, detail=str(config)))
            continue
        if path not in named and config.excluded(path):
            continue
        known = _identity(path) if args.fix and path != "-" else None  # only a fix is written back
        states.append(_State(path, overridden(config), identity=known))
    # the language: --lang, else the configuration of the first file, else NIANBAO_LANG / zh
    r.lang = args.lang or (states[0].config.lang if states else None) or r.lang
    lang = r.lang

    if not paths:
        r.fail(msg("error.no_files", lang, detail=" ".join(args.paths)))
    stdin_name = args.stdin_filename or "-"
    for s in list(states):
        if s.path == "-":
            s.path = stdin_name
            try:
                s.data = read_stdin(s.config.max_file_size, stdin_name).data
            except SourceError as err:
                r.fail(describe(err, lang).removeprefix("nianbao: "), stdin_name)
                states.remove(s)

    configs = list({id(s.config): s.config for s in states}.values())
    summary = collection_patterns(configs)  # the cells the collection rules read (None: no such rule)
    fixing = args.fix or args.diff
    collected = args.write_baseline  # it needs every finding at once (--statistics, --baseline stream)
    if not fixing and args.format in STREAMED and not collected:
        return _stream(r, states, configs, summary, baseline)

    # first pass: parse and lint everything
    _lint(r, states, states, summary)
    _collect(r, states, configs)
    original_diagnostics = [d for s in states for d in s.diagnostics]

    if fixing:
        _fix_rounds(r, states, configs, summary)

    if args.fix and not args.diff:
        roots = [os.path.realpath(p) for p in args.paths if p != "-" and os.path.isdir(p)]
        with output_may_be_cut():
            _write_back(r, states, roots)

    # output
    final = [s for s in states if s.result is not None and s.result.text is not None and not s.skipped]
    skipped = [s for s in states if s.skipped]
    if not final and paths and r.status != 2 and not args.force_exclude:
        # files were found but none was checked: that is no clean result
        r.fail(msg("error.no_reports", lang, n=len(skipped), detail=" ".join(args.paths)))
    diagnostics = [d for s in final for d in s.diagnostics]
    texts = {s.path: s.result.text for s in final}  # type: ignore[union-attr,misc]
    if args.write_baseline:
        from ..baseline import write_baseline

        try:
            n = write_baseline(args.write_baseline, diagnostics, texts)
        except OSError as err:
            return _usage(msg("error.baseline", lang, path=args.write_baseline, detail=err.strerror or str(err)))
        print("nianbao: " + msg("lint.baseline_written", lang, n=n, path=args.write_baseline), file=sys.stderr)
        return 2 if r.status == 2 else 0
    in_baseline = 0
    if baseline is not None:
        from ..baseline import new_findings

        kept = new_findings(diagnostics, texts, baseline)
        in_baseline = len(diagnostics) - len(kept)
        diagnostics = kept
    fixed_total = sum(s.fixed for s in states)
    rules = registry.rules()
    run_data = LintRun(
        diagnostics=diagnostics,
        texts=texts,
        lang=lang,
        rules=rules,
        errors=r.errors,
        file_diagnostics=[*r.file_diagnostics, *_skipped_entries(skipped, lang)],
        skipped=[s.path for s in skipped],
        paths=[s.path for s in states],
        files=len(final),
        fixed=fixed_total if args.fix else 0,
        fixed_codes=_fixed_codes(states) if args.show_fixes else {},
        in_baseline=in_baseline,
        unsafe_available=0
        if args.unsafe_fixes
        else sum(1 for d in diagnostics if d.fix is not None and not d.fix.safe),
    )
    stdin_fix = any(s.data is not None for s in states) and args.fix and not args.diff
    from rich.console import Console

    out_console = stdout_console(stderr=stdin_fix, highlight=False, color_system=None if args.no_color else "auto")
    stream = sys.stderr if stdin_fix else sys.stdout

    if args.diff:
        with output_may_be_cut():
            _show_diffs(r, states, out_console)
            if args.show_fixes and not args.quiet:
                from ..render.text import fixes_lines

                for line in fixes_lines(run_data, would=True):
                    out_console.print(line, soft_wrap=True, highlight=False)
        would = sum(s.fixed for s in states)
        if not args.quiet:
            print(msg("lint.would_fix", lang, n=would) if would else msg("lint.no_diff", lang), file=sys.stderr)
        failing = any(is_failure(d) for d in original_diagnostics)
        return 2 if r.status == 2 else (1 if failing and not args.exit_zero else 0)

    if args.statistics:
        with output_may_be_cut():
            _statistics(args.format, run_data, out_console, stream)
    elif args.output:
        try:
            with open(args.output, "w", encoding="utf-8", newline="\n") as out:
                _render(args.format, run_data, Console(file=out, highlight=False, width=100), out)
        except OSError as err:
            r.fail(msg("error.output", lang, path=args.output, detail=err.strerror or str(err)))
    else:
        with output_may_be_cut():
            _render(args.format, run_data, out_console, stream, quiet=args.quiet)
    if r.status == 2:
        return 2
    return 1 if any(is_failure(d) for d in diagnostics) and not args.exit_zero else 0


def _fixed_codes(states: list[_State]) -> dict[str, dict[str, int]]:
    return {s.path: dict(s.fixed_codes) for s in states if s.fixed_codes}


def _statistics(fmt: str, run: LintRun, console: Console, stream, tally: Tally | None = None) -> None:
    """``--statistics``: the number of findings by rule (JSON with ``--output-format json``), as Ruff does."""
    from ..render.text import statistics, write_statistics

    if fmt == "json":
        import json

        stream.write(json.dumps(statistics(run, tally), ensure_ascii=False, indent=2) + "\n")
        stream.flush()
    else:
        write_statistics(run, console, tally)


def _unique(paths) -> list[str]:
    """The paths in order, each file once (however it is spelled)."""
    seen: set[str] = set()
    out = []
    for p in paths:
        key = p if p == "-" else os.path.realpath(p)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def _usage(text: str) -> int:
    print(f"nianbao: {text}", file=sys.stderr)
    return 2


def _lint(r: _Run, states: list[_State], todo: list[_State], summary: tuple[str, ...] | None, texts=None) -> None:
    """Lint the ``todo`` files (``texts``: fixed texts to lint instead of the files' contents)."""
    tasks = []
    for s in todo:
        data = s.data
        if texts is not None:
            # a BOM first, so that decoding gives back exactly this text (even one starting with U+FEFF);
            # a cut last character after it, as in the file (it is written back; N407 still says so)
            tail = s.original[1].tail if s.original is not None else b""
            data = UTF8_BOM + texts[s.path].encode("utf-8") + tail
        tasks.append(Task(s.path, s.config, data, r.args.dialect, False, s.path in r.walked, summary))
    progress = None
    if len(tasks) > PROGRESS_AFTER and r.err.is_terminal and not r.args.quiet:
        progress = _progress(r.err, len(tasks), r.lang)
    try:
        results = lint_files(tasks, r.args.jobs, progress.advance if progress else None)
    finally:
        if progress:
            progress.stop()
    for s, res in zip(todo, results, strict=True):
        if texts is not None:
            # a fixed text: keep the last good state if it cannot be read back
            if res.error or res.internal or res.text is None or res.text.text != texts[s.path]:
                detail = res.internal or (describe(res.error, r.lang) if res.error else "text changed on reading")
                r.fail(
                    msg("error.fix_reparse", r.lang, detail=detail.removeprefix("nianbao: ")), s.path, FIX_NOT_WRITTEN
                )
                s.stopped = True
                continue
            s.result = res
            _report_failures(r, res.failures)
            continue
        if _accept(r, s, res):
            s.result = res
            s.original = (res.source, res.text)  # type: ignore[assignment]


def _accept(r: _Run, s: _State, res: FileResult) -> bool:
    """Whether a file was linted; if it was not, say why (a skipped file, an error)."""
    if res.error is not None and s.path in r.walked and res.error.reason not in NEVER_SKIPPED:
        # found in a folder (a scan, an old .doc, a page with no report): say so, and go on
        why = describe(res.error, r.lang).removeprefix(f"nianbao: {res.error.name}: ")
        print("nianbao: " + msg("lint.skipped", r.lang, path=s.path, reason=why), file=sys.stderr)
        s.skipped, s.skip_reason = True, why
        return False
    if res.error is not None:
        r.fail(describe(res.error, r.lang).removeprefix("nianbao: "), None)
        r.file_error(s.path, describe(res.error, r.lang).removeprefix("nianbao: "))
        return False
    if res.internal is not None:
        r.fail(msg("error.internal", r.lang, detail=res.internal), s.path)
        return False
    if res.skipped:  # found in a folder, no report (a README)
        s.skipped = True
        return False
    _report_failures(r, res.failures)
    return True


def _report_failures(r: _Run, failures: list[RuleFailure]) -> None:
    for f in failures:
        r.fail(msg("error.rule_failed", r.lang, code=f.code, detail=f.error), f.path, RULE_FAILED)


def _collect(r: _Run, states: list[_State], configs: list[Config]) -> None:
    """The collection rules over all readable reports."""
    live = [s for s in states if s.result is not None and s.result.summary is not None]
    for s in states:
        s.collection = []
    if not live:
        return
    by_path = {s.path: s for s in live}
    failures: list[RuleFailure] = []
    found = check_collection(
        [s.result.summary for s in live],  # type: ignore[union-attr,misc]
        lambda path: by_path[path].config if path in by_path else configs[0],
        failures,
        configs,
    )
    for d in found:
        if d.path in by_path:
            by_path[d.path].collection.append(d)
    _report_failures(r, failures)


def _fix_rounds(r: _Run, states: list[_State], configs: list[Config], summary: tuple[str, ...] | None) -> None:
    """Apply fixes, lint again, until nothing more changes (at most MAX_FIX_ROUNDS rounds)."""
    from ..fixes import apply  # (nianbao.fixes only when fixes are asked for: 1 M instructions of a lint)

    unsafe = r.args.unsafe_fixes
    for s in states:
        doc = s.original[1].document if s.original is not None else None
        if doc is not None and not s.stopped:
            # the text was read out of a document: writing it back would not be the document
            s.stopped = True
            print("nianbao: " + msg("lint.fix_document", r.lang, path=s.path, kind=doc.kind.upper()), file=sys.stderr)
    for s in states:
        s.unfixed = (s.result, s.collection)
    texts: dict[str, str] = {}
    for _round in range(MAX_FIX_ROUNDS):
        texts = {}
        counts: dict[str, int] = {}
        codes: dict[str, list[str]] = {}
        for s in states:
            if s.stopped or s.text is None:
                continue
            new, applied = apply(s.text, s.diagnostics, unsafe)
            if applied and new != s.text:
                texts[s.path] = new
                counts[s.path] = len(applied)
                codes[s.path] = [d.code for d in applied]
        if not texts:
            return
        todo = [s for s in states if s.path in texts]
        _lint(r, states, todo, summary, texts)
        for s in todo:
            if not s.stopped:
                s.fixed += counts[s.path]
                s.fixed_codes.update(codes[s.path])
        _collect(r, states, configs)
    # fixes that would still change the text after the last round never settle (a rule's fix that
    # brings its own finding back): such a file is left exactly as it was, with its first findings
    for s in states:
        if s.stopped or s.text is None or s.path not in texts:
            continue
        new, applied = apply(s.text, s.diagnostics, unsafe)
        if applied and new != s.text:
            s.keep_unfixed()
            s.stopped = True
            r.fail(msg("error.fix_unstable", r.lang, n=MAX_FIX_ROUNDS), s.path)


def _identity(path: str) -> FileIdentity | None:
    from ..fixes import identity

    return identity(path)


def _changed(s: _State) -> bool:
    return s.original is not None and s.text is not None and s.text != s.original[1].text


def _show_diffs(r: _Run, states: list[_State], console: Console) -> None:
    from ..fixes import unified_diff
    from ..render.text import print_diff

    for s in states:
        if _changed(s):
            print_diff(unified_diff(s.path, s.original[1].text, s.text), console)  # type: ignore[index,arg-type]


def _inside(path: str, roots: list[str]) -> bool:
    real = os.path.realpath(path)
    return any(os.path.commonpath([real, root]) == root for root in roots)


def _write_back(r: _Run, states: list[_State], roots: list[str]) -> None:
    """Write the fixed files (``roots``: the folders given; a file found in one is written only inside them)."""
    from ..fixes import WriteError, encode_fixed, write_atomic

    for s in states:
        if s.original is None:
            continue
        source, original = s.original
        if s.data is not None:  # stdin: the fixed text (or the input unchanged) to stdout
            data = source.data
            if _changed(s):
                try:
                    data = encode_fixed(source, original, s.text)  # type: ignore[arg-type]
                except WriteError as err:
                    s.keep_unfixed()
                    r.fail(msg(f"error.write_{err.reason}", r.lang, detail=err.detail), s.path, FIX_NOT_WRITTEN)
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
            continue
        if not _changed(s):
            continue
        if s.path not in r.named and not _inside(s.path, roots):
            # a symbolic link found in a folder, pointing out of it: only a link named on the command line is followed
            s.keep_unfixed()
            r.fail(msg("error.write_outside", r.lang, detail=os.path.realpath(s.path)), s.path, FIX_NOT_WRITTEN)
            continue
        try:
            data = encode_fixed(source, original, s.text)  # type: ignore[arg-type]
            write_atomic(s.path, data, expected=source.data, same_as=s.identity)
        except WriteError as err:
            s.keep_unfixed()
            r.fail(msg(f"error.write_{err.reason}", r.lang, detail=err.detail), s.path, FIX_NOT_WRITTEN)
        except OSError as err:
            s.keep_unfixed()
            r.fail(msg("error.write_os", r.lang, detail=err.strerror or str(err)), s.path, FIX_NOT_WRITTEN)


STREAMED = ("text", "concise", "github", "json")  # formats written file by file as the files are linted


def _stream(
    r: _Run,
    states: list[_State],
    configs: list[Config],
    summary: tuple[str, ...] | None,
    baseline: Baseline | None = None,
) -> int:
    """Lint and show each file as it is done, keeping only its summary (for the collection rules).

    Findings of the collection rules come after the others, once every file
    has been read; the file they are in is read again to show them. With a
    baseline, each file's findings are matched as they come; ``--statistics``
    counts them and shows the counts at the end: memory stays flat either way.
    """
    args, lang = r.args, r.lang
    rules = registry.rules()
    tally = Tally()
    files = 0
    summaries: list[ReportSummary] = []
    unmatched = None
    if baseline is not None:
        from ..baseline import NewFindings

        unmatched = NewFindings(baseline)

    def show(path: str, text: Text | None, diagnostics: list[Diagnostic]) -> None:
        if text is not None and unmatched is not None:
            diagnostics = unmatched(diagnostics, {path: text})
        tally.add(d for d in diagnostics if text is not None)  # the E0xx entries about files are not findings
        if args.statistics:
            return
        with output_may_be_cut():
            writer(LintRun(diagnostics, {path: text} if text is not None else {}, lang, rules))

    def show_rendered(path: str, shown: Rendered) -> None:
        tally.merge(shown.tally)
        with output_may_be_cut():
            if json_out is not None:
                json_out.write_items([path], shown.items)
            else:
                stream.write(shown.output)
                stream.flush()

    out_file = None
    if args.output:
        try:
            out_file = open(args.output, "w", encoding="utf-8", newline="\n")
        except OSError as err:
            r.fail(msg("error.output", lang, path=args.output, detail=err.strerror or str(err)))
            return 2
    stream = out_file or sys.stdout
    console = None
    if args.format == "text" or (args.statistics and args.format != "json"):
        from rich.console import Console

        colour = None if args.no_color else "auto"
        console = (
            Console(file=out_file, highlight=False, width=100)
            if out_file
            else stdout_console(highlight=False, color_system=colour)
        )
    json_out = None
    if args.statistics:
        pass  # nothing shown file by file
    elif args.format == "text":
        from ..render.text import print_diagnostics

        def writer(run: LintRun) -> None:
            print_diagnostics(run, console)
    elif args.format == "json":
        from ..render.machine import JsonStream

        json_out = JsonStream(stream, hold=summary is not None)
        writer = json_out.write
    else:
        from ..render import machine

        write = machine.write_concise if args.format == "concise" else machine.write_github

        def writer(run: LintRun) -> None:
            write(run, stream)

    if console is not None:
        stream = console.file
    # the baseline is matched and the statistics counted on the findings themselves: no rendering in workers
    finish = None if args.statistics or unmatched is not None else Prerender.of(args.format, lang, console)
    tasks = (
        Task(s.path, s.config, s.data, args.dialect, False, s.path in r.walked, summary, False, finish) for s in states
    )
    progress = None
    if len(states) > PROGRESS_AFTER and sys.stderr.isatty() and r.err.is_terminal and not args.quiet:
        progress = _progress(r.err, len(states), lang)
    try:
        for s, res in zip(states, iter_lint(tasks, args.jobs), strict=True):
            if progress:
                progress.advance(res)
            before = len(r.file_diagnostics)
            linted = res.text is not None or res.shown is not None  # neither: found in a folder, no report
            if not _accept(r, s, res) or not linted:
                if args.format != "text":  # (text names them in the summary)
                    show(s.path, None, [*r.file_diagnostics[before:], *_skipped_entries([s], lang)])
                continue
            files += 1
            if isinstance(res.shown, Rendered):
                show_rendered(s.path, res.shown)
            else:
                show(s.path, res.text, res.diagnostics)
            if len(r.file_diagnostics) > before and args.format != "text":  # a rule crashed on it (E004)
                show(s.path, None, r.file_diagnostics[before:])
            if res.summary is not None:
                summaries.append(res.summary)
    finally:
        if progress:
            progress.stop()

    # the collection rules, over the summaries
    if summaries:
        by_path = {s.path: s for s in states}
        failures: list[RuleFailure] = []
        found = check_collection(
            summaries, lambda path: by_path[path].config if path in by_path else configs[0], failures, configs
        )
        _report_failures(r, failures)
        digests = {x.path: x.digest for x in summaries}
        grouped: dict[str, list[Diagnostic]] = {}
        for d in found:
            grouped.setdefault(d.path, []).append(d)
        for path in (s.path for s in states if s.path in grouped):
            text = _read_again(by_path[path], args.dialect)
            if text is None or text_digest(text.text) != digests.get(path):
                r.fail(msg("error.changed_during_run", lang), path)
                continue
            show(path, text, grouped[path])

    skipped = [s for s in states if s.skipped]
    if not files and states and r.status != 2 and not args.force_exclude:
        # files were found but none was checked: that is no clean result
        r.fail(msg("error.no_reports", lang, n=len(skipped), detail=" ".join(args.paths)))
    in_baseline = unmatched.hidden if unmatched is not None else 0
    with output_may_be_cut():
        if json_out is not None:
            json_out.close()
        if args.statistics:
            run = LintRun([], {}, lang, rules, r.errors, files)
            run.skipped = [s.path for s in skipped]
            _statistics(args.format, run, console, stream, tally)  # type: ignore[arg-type]
        elif args.format == "text" and not args.quiet:
            from rich.text import Text as RichText

            from ..render.text import file_lines, summary_table, totals_line

            run = LintRun([], {}, lang, rules, r.errors, files, 0, 0 if args.unsafe_fixes else tally.unsafe_fixes)
            run.skipped = [s.path for s in skipped]
            if files:
                if tally.total:
                    console.print(summary_table(run, tally))
                console.print(totals_line(run, tally), soft_wrap=True, highlight=False)
            if in_baseline:
                console.print(RichText(msg("lint.in_baseline", lang, n=in_baseline), style="dim"))
            for line in file_lines(run):
                console.print(line, soft_wrap=True, highlight=False)
        stream.flush()
    if out_file is not None:
        out_file.close()
    if r.status == 2:
        return 2
    return 1 if tally.failing and not args.exit_zero else 0


@dataclass(eq=False)  # compared by identity only: no __eq__ to generate (start-up)
class Rendered:
    """A file's output, rendered where it was linted: what the main process writes, and what it counts."""

    tally: Tally
    output: str = ""  # text, concise, github
    items: list[tuple[str, tuple, str]] = field(default_factory=list)  # json: JsonStream.items


class Prerender(NamedTuple):  # a NamedTuple: far cheaper to define than a dataclass (start-up)
    """``Task.finish`` of a streamed run: render each file's findings where it was linted.

    Rendering (Rich's above all, a few milliseconds a report) then runs in the
    worker processes, in parallel, and a worker sends back the output instead
    of the text and the diagnostics; the main process only writes it. The
    terminal's settings travel with it, so the output is the same bytes.
    """

    fmt: str
    lang: str
    console: tuple | None = None  # text: the Console settings (see :meth:`of`)

    @classmethod
    def of(cls, fmt: str, lang: str, console: Console | None) -> Prerender | None:
        """The prerenderer for an output, or None where the main process must render (a legacy Windows console)."""
        if fmt in ("concise", "github", "json"):
            return cls(fmt, lang)
        if fmt != "text" or console is None or console.legacy_windows or console.is_jupyter:
            return None
        if not console.encoding.startswith("utf"):  # Rich draws for the encoding of the file
            return None
        settings = (console.width, console.height, console.color_system, console.is_terminal, console.no_color)
        return cls(fmt, lang, settings)

    def __call__(self, res: FileResult) -> None:
        from ..render import LintRun

        run = LintRun(res.diagnostics, {res.path: res.text}, self.lang, registry.rules())  # type: ignore[dict-item]
        shown = Rendered(Tally.of(res.diagnostics))
        if self.fmt == "json":
            from ..render.machine import JsonStream

            shown.items = JsonStream.items(run)
        elif self.fmt == "text":
            from ..render.text import print_diagnostics

            console = _buffer_console(self.console)
            print_diagnostics(run, console)
            shown.output = console.file.getvalue()
        else:
            import io

            from ..render import machine

            buffer = io.StringIO()
            (machine.write_concise if self.fmt == "concise" else machine.write_github)(run, buffer)
            shown.output = buffer.getvalue()
        res.shown, res.text, res.diagnostics = shown, None, []


def _buffer_console(settings: tuple | None) -> Console:
    """A Console like the terminal's, writing into a string."""
    import io

    from rich.console import Console

    width, height, color_system, terminal, no_color = settings or (100, 25, None, False, False)
    return Console(
        file=io.StringIO(),
        width=width,
        height=height,
        color_system=color_system,
        force_terminal=terminal,
        force_jupyter=False,
        no_color=no_color,
        legacy_windows=False,
        highlight=False,
    )


def _skipped_entries(states: list[_State], lang: str) -> list[Diagnostic]:
    """The E002 entries of the files skipped (found in a folder, no report or no readable one)."""
    return [
        file_diagnostic(s.path, FILE_SKIPPED, s.skip_reason or msg("lint.skipped_one", lang), Severity.INFO)
        for s in states
        if s.skipped
    ]


def _read_again(s: _State, dialect: str | None) -> Text | None:
    """The text of a file linted earlier in the run (to show a collection rule's finding in it)."""
    from ..engine import parse

    try:
        source = Source(s.path, s.data) if s.data is not None else Source.from_path(s.path)
        return parse(source, dialect).text
    except Exception:  # gone, unreadable now: reported as changed
        return None


def _render(fmt: str, run: LintRun, console: Console, stream, quiet: bool = False) -> None:
    if fmt == "text":
        from ..render.text import write_text

        write_text(run, console, quiet=quiet)
    elif fmt == "concise":
        from ..render.machine import write_concise

        write_concise(run, stream)
    elif fmt == "json":
        from ..render.machine import write_json

        write_json(run, stream)
    elif fmt == "sarif":
        from ..render.sarif import write_sarif

        write_sarif(run, stream)
    elif fmt == "github":
        from ..render.machine import write_github

        write_github(run, stream)
    elif fmt == "html":
        from ..render.html import write_html

        write_html(run, stream)
    stream.flush()


class _Progress:
    def __init__(self, console: Console, total: int, lang: str) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.progress = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=console,
            transient=True,
        )
        self.task = self.progress.add_task(msg("lint.progress", lang), total=total)
        self.progress.start()

    def advance(self, _result: FileResult) -> None:
        self.progress.advance(self.task)

    def stop(self) -> None:
        self.progress.stop()


def _progress(console: Console, total: int, lang: str) -> _Progress:
    return _Progress(console, total, lang)
