"""Running the rules: selection, configuration, severities, parallel runs.

Both the command line and the language server call into this module.
:func:`check` is the simple entry point (one configuration, reports already
parsed). The command line uses the pieces underneath it: :func:`lint_file`
parses one file and runs its *document* rules (those that look at one report
at a time; this is what the worker processes of ``--jobs`` do) and, when
*collection* rules are enabled (those overriding :meth:`Rule.check_all`, e.g.
comparing a report with the previous year's), makes the report's small
:class:`~nianbao.rules.ReportSummary`; :func:`check_collection` runs those
rules on the summaries of all reports together in the main process.
:func:`iter_lint` streams the results in order, from worker processes that
are started and warmed once and take the files in chunks, so the main process
holds one result at a time (plus the summaries).

Rule selection (``select``/``ignore``, codes or prefixes such as ``A`` or
``A3``): the most specific matching prefix decides; ``ALL`` matches every
code (and the default selection, the five families, counts as no more
specific than ``ALL``, so ``ignore = ["ALL"]`` alone disables everything).
Command-line settings form a second layer over the configuration file:
``--select`` replaces the file's ``select`` (on a tie of specificity the
command line wins, and within one layer ``ignore`` wins); ``--ignore``
disables what it matches unless ``--select`` selects it more specifically
(``--ignore ALL`` disables every rule). ``per-file-ignores`` always apply.
Unknown codes are errors (:func:`unknown_selectors`), so a typo never
selects nothing in silence.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, NamedTuple

from . import gcpause, regex_cache, registry
from .i18n import default_lang
from .model import Report, Span
from .rules import (
    Context,
    Diagnostic,
    Message,
    Related,
    ReportSummary,
    Rule,
    Severity,
    merge_causes,
    summarize,
    summary_patterns,
)
from .source import MAX_BYTES, Source, SourceError, Text

if TYPE_CHECKING:
    import logging


def _log() -> logging.Logger:
    """This module's logger; logging (with traceback, threading) is imported when something is logged."""
    import logging

    return logging.getLogger(__name__)


FAMILIES = ("S", "T", "A", "N", "X")
SELECTOR = regex_cache.compile(r"^(?:ALL|[A-Z]{1,3}[0-9]{0,4})$")


def parse_selectors(values: Iterable[str]) -> list[str]:
    """``["A,N1", "X"]`` → ``["A", "N1", "X"]``; raises ``ValueError`` naming a bad selector."""
    out: list[str] = []
    for value in values:
        for part in str(value).split(","):
            part = part.strip().upper()
            if not part:
                continue
            if not SELECTOR.match(part):
                raise ValueError(part)
            out.append(part)
    return out


def unknown_selectors(selectors: Iterable[str], codes: Iterable[str]) -> list[tuple[str, list[str]]]:
    """The selectors that match no installed rule code, each with the closest codes (for the message)."""
    codes = sorted(codes)
    prefixes = {c[:n] for c in codes for n in range(1, len(c) + 1)}
    out = []
    for sel in selectors:
        if sel == "ALL" or sel in prefixes:
            continue
        out.append((sel, closest_codes(sel, codes)))
    return out


def closest_codes(selector: str, codes: Sequence[str], n: int = 3) -> list[str]:
    """The installed codes (or prefixes, for a short selector) closest to a mistyped one."""
    import difflib

    pool = sorted({c[: len(selector)] for c in codes})
    close = difflib.get_close_matches(selector, pool, n=n, cutoff=0.5)
    if not close:  # the codes under the longest known start: "T2999" → T201, T202 …
        for k in range(len(selector) - 1, 0, -1):
            close = sorted(c for c in codes if c.startswith(selector[:k]))[:n]
            if close:
                break
    return close or sorted({c[0] for c in codes})  # an unknown family: the families


def _prefix_len(prefix: str, code: str) -> int:
    """How specifically ``prefix`` selects ``code`` (-1: not at all, 0: ``ALL``)."""
    if prefix == "ALL":
        return 0
    return len(prefix) if code.startswith(prefix) else -1


@dataclass
class Config:
    """Settings of a lint run (from ``[tool.nianbao]``, ``nianbao.toml``, options)."""

    select: list[str] = field(default_factory=lambda: list(FAMILIES))
    ignore: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    exclude: list[str] = field(default_factory=list)  # globs of files a folder's search skips
    severity: dict[str, Severity] = field(default_factory=dict)
    lang: str = field(default_factory=default_lang)
    options: dict[str, object] = field(default_factory=dict)  # handed to rules as Context.options
    max_file_size: int = MAX_BYTES  # bytes; a larger file is refused with a message
    root: str | None = None  # the folder per-file-ignores patterns are relative to
    origin: str | None = None  # the file the settings came from (None: defaults)
    # the command-line layer (see the module docstring)
    cli_select: list[str] | None = None
    cli_ignore: list[str] = field(default_factory=list)

    def with_overrides(
        self,
        select: Sequence[str] | None = None,
        ignore: Sequence[str] = (),
        severity: Mapping[str, Severity] | None = None,
        lang: str | None = None,
    ) -> Config:
        """This configuration with command-line options laid over it."""
        return replace(
            self,
            cli_select=list(select) if select is not None else self.cli_select,
            cli_ignore=[*self.cli_ignore, *ignore],
            severity={**self.severity, **(severity or {})},
            lang=lang or self.lang,
        )

    def excluded(self, path: str) -> bool:
        """Whether a file found in a folder is left out (files named on the command line never are)."""
        return any(_path_matches(pattern, path, self.root) for pattern in self.exclude)

    def ignored_for(self, path: str | None) -> list[str]:
        """The per-file-ignores codes that apply to ``path``."""
        if not path or not self.per_file_ignores:
            return []
        out: list[str] = []
        for pattern, codes in self.per_file_ignores.items():
            if _path_matches(pattern, path, self.root):
                out.extend(codes)
        return out

    def enabled(self, code: str, path: str | None = None) -> bool:
        best: tuple[int, int, int] = (-1, -1, -1)  # (specificity, layer, is-ignore)
        default_select = self.select == list(FAMILIES)  # no more specific than ALL
        cli_ignore = self.cli_ignore if self.cli_select is not None else []
        layers = (
            ([] if self.cli_select is not None else self.select, self.ignore),
            (self.cli_select or [], cli_ignore),
        )
        for layer, (select, ignore) in enumerate(layers):
            for kind, prefixes in ((0, select), (1, ignore)):
                for p in prefixes:
                    n = _prefix_len(p, code)
                    if n >= 0:
                        if layer == 0 and kind == 0 and default_select:
                            n = 0
                        best = max(best, (n, layer, kind))
        if best[0] < 0 or best[2] == 1:
            return False
        if self.cli_select is None and any(_prefix_len(p, code) >= 0 for p in self.cli_ignore):
            return False  # --ignore without --select: whatever it matches is off
        return not any(_prefix_len(p, code) >= 0 for p in self.ignored_for(path))

    def severity_of(self, code: str, default: Severity) -> Severity:
        """The configured severity of ``code`` (the most specific matching key), else ``default``."""
        best, found = -1, default
        for prefix, sev in self.severity.items():
            n = _prefix_len(prefix, code)
            if n > best:
                best, found = n, sev
        return found


def _path_matches(pattern: str, path: str, root: str | None) -> bool:
    """A glob against the path as given, relative to the config's folder, or (no ``/``) the file name."""
    from pathlib import PurePath  # here: pathlib is 4 % of a one-file lint's start-up, and most have no globs

    pattern = pattern.removeprefix("./")
    candidates = {PurePath(path).as_posix().removeprefix("./")}
    if root and path != "-":
        try:
            candidates.add(PurePath(os.path.relpath(os.path.abspath(path), root)).as_posix())
        except ValueError:  # another drive on Windows
            pass
    if "/" not in pattern:
        candidates.add(PurePath(path).name)
    patterns = {pattern}
    while any(p.startswith("**/") for p in patterns):
        patterns |= {p[3:] for p in patterns if p.startswith("**/")}
    return any(fnmatch.fnmatchcase(c, p) for c in candidates for p in patterns)


# --------------------------------------------------------------------------- rules


def is_collection_rule(cls: type) -> bool:
    """Whether a rule needs all the reports at once (it overrides :meth:`Rule.check_all`)."""
    return getattr(cls, "check_all", Rule.check_all) is not Rule.check_all


def rule_classes(configs: Iterable[Config] | Config | None = None) -> list[type]:
    """The installed rule classes enabled by at least one of ``configs`` (all when None)."""
    if isinstance(configs, Config):
        configs = [configs]
    configs = list(configs) if configs is not None else None
    installed = registry.rules()
    if configs is None:
        return list(installed.values())
    # per-file-ignores only ever remove rules, so enabled(code) without a path is an upper bound
    enabled = set().union(*(_enabled_codes(c, tuple(installed)) for c in configs))
    return [cls for code, cls in installed.items() if code in enabled]


_ENABLED: dict[tuple, frozenset[str]] = {}


def _enabled_codes(config: Config, codes: tuple[str, ...]) -> frozenset[str]:
    """The codes ``config`` enables (asked for every report: remembered by the settings that decide it)."""
    cli_select = None if config.cli_select is None else tuple(config.cli_select)
    key = (tuple(config.select), tuple(config.ignore), cli_select, tuple(config.cli_ignore), codes)
    found = _ENABLED.get(key)
    if found is None:
        if len(_ENABLED) > 64:
            _ENABLED.clear()
        found = _ENABLED[key] = frozenset(c for c in codes if config.enabled(c))
    return found


def active_rules(config: Config) -> list[Rule]:
    return [cls() for cls in rule_classes(config)]


class RuleFailure(NamedTuple):  # a NamedTuple: far cheaper to define than a dataclass (start-up)
    """A rule that raised: it is skipped, the run goes on and reports it."""

    code: str
    path: str | None
    error: str


def _run(
    rule: Rule,
    call: Callable[..., Iterable[Diagnostic]],
    arg: Report | Sequence[Report | ReportSummary],
    ctx: Context,
    path: str | None,
    failures: list[RuleFailure],
) -> list[Diagnostic]:
    """The rule's diagnostics; a rule that raises (even ``SystemExit``) or yields garbage is reported, not fatal."""
    try:
        found = list(call(arg, ctx))
    except (Exception, SystemExit, KeyboardInterrupt) as err:  # a broken rule must not stop the others
        _log().debug("rule %s failed", rule.code, exc_info=True)
        failures.append(RuleFailure(rule.code, path, _from_plugin(rule, f"{type(err).__name__}: {err}")))
        return []
    sizes = {r.path: _length(r) for r in ([arg] if isinstance(arg, Report) else arg)}
    out = []
    for d in found:
        problem = malformed(d, sizes)
        if problem:
            failures.append(RuleFailure(rule.code, path, _from_plugin(rule, problem)))
            continue
        if _clamp(d, sizes[d.path]):
            _log().warning("rule %s: %s", rule.code, _from_plugin(rule, "a span outside the text, moved inside it"))
        out.append(d)
    return out


def _length(report: Report | ReportSummary) -> int:
    return report.length if isinstance(report, ReportSummary) else len(report.text.text)


def _from_plugin(rule: Rule, detail: str) -> str:
    plugin = registry.rule_plugin(rule.code)
    return f"[{plugin}] {detail}" if plugin else detail


def malformed(d: object, sizes: Mapping[str, int]) -> str | None:
    """Why ``d`` is not a diagnostic nianbao can show (None when it is): ``sizes`` are text lengths by path."""
    if not isinstance(d, Diagnostic):
        return f"yielded {type(d).__name__}, not a Diagnostic"
    if not isinstance(d.code, str) or not registry.RULE_CODE.match(d.code):
        return f"malformed code {d.code!r:.40}"
    if not isinstance(d.severity, Severity) or not isinstance(d.message, Message) or d.path not in sizes:
        return f"{d.code}: malformed severity, message or path"
    spans = [d.span, *(getattr(r, "span", None) for r in d.related)]
    if d.fix is not None:
        spans.extend(getattr(e, "span", None) for e in getattr(d.fix, "edits", None) or ())
    if not all(isinstance(s, Span) and isinstance(s.start, int) and isinstance(s.end, int) for s in spans):
        return f"{d.code}: a span that is not a Span of two offsets"
    if not all(isinstance(r, Related) for r in d.related):
        return f"{d.code}: related places that are not Related"
    return None


def _clamp(d: Diagnostic, size: int) -> bool:
    """Move spans outside the text inside it (a fix with such an edit is dropped); whether any was."""

    def inside(s: Span) -> bool:
        return 0 <= s.start <= s.end <= size

    def clamped(s: Span) -> Span:
        start = min(max(s.start, 0), size)
        return Span(start, min(max(s.end, start), size))

    moved = not inside(d.span) or not all(inside(r.span) for r in d.related)
    d.span = clamped(d.span)
    d.related = tuple(r if inside(r.span) else replace(r, span=clamped(r.span)) for r in d.related)
    if d.fix is not None and not all(inside(e.span) for e in d.fix.edits):
        d.fix, moved = None, True
    return moved


def _finish(diagnostics: Iterable[Diagnostic], config_for: Callable[[str], Config]) -> list[Diagnostic]:
    out = []
    for d in diagnostics:
        config = config_for(d.path)
        if not config.enabled(d.code, d.path):
            continue
        d.severity = config.severity_of(d.code, d.severity)
        out.append(d)
    return out


def _config_for(config: Config | Callable[[str], Config]) -> Callable[[str], Config]:
    if isinstance(config, Config):
        return lambda _path: config
    return config


def check_document(report: Report, config: Config, failures: list[RuleFailure] | None = None) -> list[Diagnostic]:
    """Diagnostics of the document rules (one report at a time) enabled by ``config``."""
    failures = failures if failures is not None else []
    ctx = Context(lang=config.lang, options=dict(config.options))
    found: list[Diagnostic] = []
    for cls in rule_classes(config):
        if is_collection_rule(cls) or not config.enabled(cls.code, report.path):
            continue
        rule = cls()
        found.extend(_run(rule, rule.check, report, ctx, report.path, failures))
    return sorted(merge_causes(_finish(found, _config_for(config))), key=_place)


def collection_patterns(configs: Iterable[Config] | Config) -> tuple[str, ...] | None:
    """The cells the enabled collection rules read from each report's summary (None: no such rule)."""
    rules = [cls for cls in rule_classes(configs) if is_collection_rule(cls)]
    return summary_patterns(rules) if rules else None


def check_collection(
    reports: Sequence[Report | ReportSummary],
    config: Config | Callable[[str], Config],
    failures: list[RuleFailure] | None = None,
    configs: Iterable[Config] | None = None,
) -> list[Diagnostic]:
    """Diagnostics of the collection rules, over all ``reports`` (or their summaries) at once.

    ``config`` is one configuration or a function from a report's path to its
    configuration; ``configs`` lists them all (to choose the rules to run).
    Whole reports are summarised first: the rules see the same in every run.
    """
    failures = failures if failures is not None else []
    config_for = _config_for(config)
    if configs is None:
        configs = {id(c): c for c in (config_for(r.path) for r in reports)}.values()
    configs = list(configs)
    if not configs or not reports:
        return []
    patterns = collection_patterns(configs)
    if patterns is None:
        return []
    reports = [r if isinstance(r, ReportSummary) else summarize(r, patterns) for r in reports]
    lang = configs[0].lang
    found: list[Diagnostic] = []
    for cls in rule_classes(configs):
        if not is_collection_rule(cls):
            continue
        # each report is checked only if the rule is enabled for it
        mine = [r for r in reports if config_for(r.path).enabled(cls.code, r.path)]
        if not mine:
            continue
        rule = cls()
        ctx = Context(lang=lang, options=dict(configs[0].options))
        found.extend(_run(rule, rule.check_all, mine, ctx, None, failures))
    return sorted(_finish(found, config_for), key=_place)


def _place(d: Diagnostic) -> tuple:
    return (d.path, d.span.start, d.span.end, d.code)


def check(reports: Sequence[Report], config: Config | None = None) -> list[Diagnostic]:
    """All diagnostics of the enabled rules over the reports, sorted by place."""
    config = config or Config()
    failures: list[RuleFailure] = []
    out: list[Diagnostic] = []
    for report in reports:
        out.extend(check_document(report, config, failures))
    out.extend(check_collection(reports, config, failures, [config]))
    for f in failures:
        _log().error("rule %s failed on %s: %s", f.code, f.path or "(all reports)", f.error)
    out.sort(key=_place)
    return out


# --------------------------------------------------------------------------- one file


@dataclass(eq=False)  # compared by identity only: no __eq__ to generate (start-up)
class FileResult:
    """One file linted: its text (for showing and fixing), diagnostics, or why it could not be read.

    ``report`` is kept only when asked for, ``summary`` when collection rules
    need it; the diagnostics' own ``report`` reference is dropped, so a result
    crossing a process boundary stays small.
    """

    path: str
    source: Source | None = None
    text: Text | None = None
    report: Report | None = None
    summary: ReportSummary | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    failures: list[RuleFailure] = field(default_factory=list)
    # the file could not be read: (name, reason, detail) of the SourceError, which does not pickle
    unreadable: tuple[str, str, str] | None = None
    internal: str | None = None  # the engine crashed on it (a bug to report)
    skipped: bool = False  # found in a folder but no annual report: not linted
    shown: object | None = None  # what the task's ``finish`` made of it (its output, rendered where it was linted)

    @property
    def error(self) -> SourceError | None:
        return SourceError(*self.unreadable) if self.unreadable else None


@dataclass(eq=False)  # compared by identity only: no __eq__ to generate (start-up)
class Task:
    """One file to lint, with what to do with it (sent to a worker process with ``--jobs``)."""

    path: str
    config: Config
    data: bytes | None = None  # the bytes to read instead of the file (stdin, a fixed text)
    dialect: str | None = None
    keep_report: bool = False
    only_reports: bool = False  # found by walking a folder: skip files that are no report (a README)
    summary: tuple[str, ...] | None = None  # make the report's summary with these cells (collection rules)
    keep_source: bool = True  # send the bytes back (to write fixes); the text is always sent
    # called on a linted report's result where it was linted (in the worker): e.g. render its output there,
    # setting ``shown`` and dropping the text and diagnostics, so the main process only writes it (picklable)
    finish: Callable[[FileResult], None] | None = None


def lint_file(task: Task) -> FileResult:
    """Read, parse and run the document rules of one file (runs in worker processes too)."""
    from .engine import DialectError, parse

    result = FileResult(task.path)
    try:
        if task.data is not None:
            source = Source(task.path, task.data)
        else:
            source = Source.from_path(task.path, task.config.max_file_size)
        result.source = source
        report = parse(source, task.dialect)
    except SourceError as err:
        result.unreadable = (err.name, err.reason, err.detail)
        return result
    except DialectError as err:
        result.unreadable = (task.path, "dialect_failed", f"no usable dialect ({err})")
        return result
    except Exception as err:  # an engine bug must not stop the run (nor print a traceback)
        _log().debug("parse failed on %s", task.path, exc_info=True)
        result.internal = f"{type(err).__name__}: {err}"
        return result
    result.text = report.text
    if task.only_reports and not report.is_report:
        result.skipped = True
        return result
    result.diagnostics = check_document(report, task.config, result.failures)
    if task.summary is not None:
        result.summary = summarize(report, task.summary)
    if task.keep_report:
        result.report = report
    else:
        for d in result.diagnostics:
            d.report = None
    if task.finish is not None:
        task.finish(result)
    return result


def lint_files(
    tasks: Sequence[Task], jobs: int = 1, progress: Callable[[FileResult], None] | None = None
) -> list[FileResult]:
    """:func:`lint_file` over many files, in ``jobs`` processes; results in the order of ``tasks``."""
    out = []
    for result in iter_lint(tasks, jobs):
        out.append(result)
        if progress:
            progress(result)
    return out


PARALLEL_AFTER = 16  # files: fewer are linted in-process by --jobs 0 (starting workers costs more)
CHUNK = 8  # files a worker takes at a time: few messages, yet an even share at the end


def auto_jobs(files: int) -> int:
    """The processes ``--jobs 0`` uses: one per usable CPU, for more than a few files."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return 1 if files < PARALLEL_AFTER else max(1, min(cpus, files // CHUNK))


def iter_lint(tasks: Iterable[Task], jobs: int = 1) -> Iterator[FileResult]:
    """:func:`lint_file` over ``tasks``, results yielded in order as they are ready.

    With ``jobs`` > 1, worker processes (started and warmed once) take the
    files in chunks of :data:`CHUNK`; at most a few chunks per worker are in
    flight, so memory stays flat however many files there are. ``jobs`` 0
    chooses (:func:`auto_jobs`).
    """
    if jobs <= 0:
        tasks = list(tasks)
        jobs = auto_jobs(len(tasks))
    import gc

    if jobs <= 1:
        for i, t in enumerate(tasks):
            if i == 1:
                _freeze_once()
            yield lint_file(t)
        return
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    context = _fork_context()
    if context is not None:
        _warm()  # once, here: the forked workers start warm (and share these pages) instead of each warming
    gc.collect()
    gc.freeze()  # what the workers inherit is never scanned again (no copy-on-write of it)
    gcpause.resume()
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_worker_init)
    window: deque = deque()
    try:
        for chunk in _chunks(tasks, CHUNK):
            window.append((chunk, pool.submit(_lint_chunk, chunk)))
            if len(window) >= 3 * jobs:
                yield from _results(*window.popleft())
        while window:
            yield from _results(*window.popleft())
    except BaseException:  # Ctrl-C: drop the files not started, do not wait for them
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    finally:
        gc.unfreeze()
    pool.shutdown()


def _fork_context():  # type: ignore[no-untyped-def]
    """The ``fork`` start method where it is safe (Linux, no other thread yet), else None (the default).

    Forked workers inherit the warmed-up main process; otherwise each worker warms itself.
    """
    import multiprocessing
    import sys
    import threading

    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return None


def _chunks(tasks: Iterable[Task], size: int) -> Iterator[list[Task]]:
    chunk: list[Task] = []
    for t in tasks:
        chunk.append(t)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _results(chunk: list[Task], future) -> Iterator[FileResult]:  # type: ignore[no-untyped-def]
    try:
        sent = future.result()
    except Exception as err:  # a worker that died (out of memory, killed)
        yield from (FileResult(t.path, internal=f"{type(err).__name__}: {err}") for t in chunk)
        return
    for item in sent:
        yield _received(item)


_warmed = _frozen = False


def _freeze_once() -> None:
    """After the first file (plugins, templates and caches loaded), collections skip all that."""
    global _frozen
    if not _frozen:
        import gc

        _frozen = True
        gc.collect()
        gc.freeze()
        gcpause.resume()  # a start-up pause ends here: the batch's garbage is collected


def _warm() -> None:
    """Load what every file needs once: plugins, rules, both templates, the label caches."""
    global _warmed
    if _warmed:
        return
    _warmed = True
    from .engine import parse
    from .template import VERSIONS, template

    registry.dialects()
    registry.rules()
    for version in VERSIONS:
        template(version)
    try:  # one small report through the engine fills the per-template caches
        parse(Source.from_text("warm-up.txt", _WARM_UP))
    except Exception:  # a broken plugin shows up on the real files, with its message
        _log().debug("warm-up failed", exc_info=True)


_WARM_UP = "一、总体情况\n二、主动公开政府信息情况\n规章 | 0 | 0 | 0 |\n三、收到和处理政府信息公开申请情况\n"


def _worker_init() -> None:
    """Warm the worker once, then freeze: later collections skip everything loaded so far.

    Workers leave Ctrl-C to the main process (which stops the pool), so none prints a traceback.
    """
    import gc
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gcpause.pause()  # warmed without collections, as the console script starts
    _warm()
    gc.collect()
    gc.freeze()
    gcpause.resume()


def _lint_chunk(tasks: list[Task]) -> list[tuple[FileResult, str | None]]:
    return [_lint_file_to_send(t) for t in tasks]


def _lint_file_to_send(task: Task) -> tuple[FileResult, str | None]:
    """:func:`lint_file` in a worker, its result made cheap and safe to send to the main process.

    The format template is sent by name: there is one instance per version
    (compared by identity), which must be the main process's own. The text's
    cached line list is dropped (it is rebuilt on demand, and costs more to
    send than to rebuild).
    """
    result = lint_file(task)
    if not task.keep_source:
        result.source = None
    version = None
    if result.text is not None:
        result.text.__dict__.pop("lines", None)
    if result.report is not None and result.report.template is not None:
        version = result.report.template.version
        result.report.template = None
    return result, version


def _received(sent: tuple[FileResult, str | None]) -> FileResult:
    result, version = sent
    if version is not None and result.report is not None:
        from .template import template

        result.report.template = template(version)
    return result
