"""``nianbao lsp``: the language server.

Diagnostics while typing
    Every open and change bumps the document's *generation*; a task waits a
    short debounce (only when the previous change was recent), then parses and
    lints the current text in a worker thread (``run_in_executor``), so the
    event loop keeps reading keystrokes. A result is published only if its
    generation is still the document's latest: a stale run never overwrites a
    newer one. A run superseded before it starts is dropped from the queue.
    Clients that can pull diagnostics (``textDocument/diagnostic``) get them by
    pull only.

Everything else (hover, code actions, outline, formatting) reads the
analysis of the current version, computing it if needed. Every handler is
wrapped: an exception is logged to the client (``window/logMessage``) and the
server answers with nothing rather than dying.
"""

from __future__ import annotations

import asyncio
import functools
import gc
import inspect
import itertools
import logging
import os
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, ClassVar

from lsprotocol import types
from pygls.capabilities import get_capability
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path
from pygls.workspace import TextDocument, Workspace

from nianbao import __version__
from nianbao.fixes import apply as apply_fixes
from nianbao.formatting import format_edits
from nianbao.lint import Config

from . import hover as hover_mod
from .analysis import Analysis, analyze
from .convert import LineIndex, overlaps
from .document import apply as apply_change
from .document import line_starts
from .settings import client_settings, file_config, merge
from .symbols import document_symbols
from .worker import AnalysisTimeout, Budgeted, MainThreadWorker

log = logging.getLogger("nianbao.lsp")

DEBOUNCE = 0.05  # seconds; only applied when the previous change came less than this ago (a burst of keys)
BUDGET = 2.0  # seconds one analysis may run before it is stopped (NIANBAO_LSP_BUDGET overrides)
SLOW_PAUSE = 1.0  # seconds of quiet before a document whose last analysis was stopped is tried again
FIX_ALL_KIND = "source.fixAll.nianbao"
DOCUMENT_TEXT = "nianbao/documentText"  # a request of ours: {"uri": ...} → {"uri", "version", "text"}
STATS = "nianbao/stats"  # a request of ours: {} → {"runs", "abandoned", "stale", "over_budget"}
WATCHED = ("**/nianbao.toml", "**/pyproject.toml")


# --------------------------------------------------------------------------- documents with LSP lines


class LspTextDocument(TextDocument):
    """pygls' document, with incremental edits applied as LSP defines them (see :mod:`.document`)."""

    _starts: tuple[str, list[int]] | None = None

    @property
    def starts(self) -> list[int]:
        """Offsets of the line starts of the current text (computed once per text)."""
        source = self.source
        cached = self._starts
        if cached is None or cached[0] is not source:
            cached = self._starts = (source, line_starts(source))
        return cached[1]

    def _apply_incremental_change(self, change: types.TextDocumentContentChangePartial) -> None:
        source = self.source
        self._source = apply_change(source, self.starts, change.range, change.text, self.position_codec.encoding)

    @property
    def lines(self) -> tuple[str, ...]:  # type: ignore[override]
        """Lines split as LSP says (not at form feeds or U+2028), for pygls' own helpers."""
        source, starts = self.source, self.starts
        ends = [*starts[1:], len(source)]
        lines = [source[a:b] for a, b in zip(starts, ends, strict=True)]
        if lines and lines[-1] == "":
            lines.pop()  # pygls' convention: no empty line after a final line end
        return tuple(lines)


class LspWorkspace(Workspace):
    def _create_text_document(self, doc_uri, source=None, version=None, language_id=None):  # type: ignore[override]
        return LspTextDocument(
            doc_uri,
            source=source,
            version=version,
            language_id=language_id,
            sync_kind=self._sync_kind,
            position_codec=self._position_codec,
        )


# --------------------------------------------------------------------------- state


@dataclass
class DocState:
    uri: str
    generation: int = 0
    task: asyncio.Task | None = None
    analysis: Analysis | None = None
    settings: dict | None = None  # the client's settings for this document (workspace/configuration)
    last_change: float = 0.0
    slow: bool = False  # its last analysis ran past the budget and was stopped
    # the last pulled report: (version, items, result id) — a re-check of the same version that finds
    # the same diagnostics (settings pulled again, a watched file) keeps its result id: "unchanged"
    pulled: tuple[int | None, list, str] | None = None


@dataclass
class Stats:
    """Counts and timings of the runs (for debugging)."""

    runs: int = 0  # analyses run to the end
    abandoned: int = 0  # started, then dropped between two phases because a newer version came
    stale: int = 0  # results dropped because a newer version came
    over_budget: int = 0
    last: dict[str, float] = field(default_factory=dict)


class NianbaoLanguageServer(LanguageServer):
    def __init__(self, debounce: float = DEBOUNCE) -> None:
        super().__init__("nianbao", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.debounce = debounce
        self.states: dict[str, DocState] = {}
        # a thread until the server is started on the main thread (start_io, start_tcp): then the main thread
        self.executor: Executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="nianbao-lint")
        self.budget = _budget_from_env()
        self.generations = itertools.count(1)
        self.global_settings: dict = {}
        self.pull = False
        self.config_support = False
        self.refresh_support = False
        self.document_changes = False
        self.hierarchical_symbols = True
        self.related_support = True
        self.loop: asyncio.AbstractEventLoop | None = None
        self.stats = Stats()
        self._told: dict[str, float] = {}
        # told before the event loop is known (the plugins load as the server starts): sent once it is
        self._early: list[types.LogMessageParams] = []
        self._early_lock = threading.Lock()

    def report_server_error(self, error: Exception, source: Any) -> None:
        """pygls' own failures (a malformed message, an edit it cannot apply): logged, no pop-up."""
        self.tell(f"nianbao: internal error ({getattr(source, '__name__', source)}): {error!r}")

    # ------------------------------------------------------------------ running

    def start_io(self, stdin: Any = None, stdout: Any = None) -> None:
        self._serve(super().start_io, stdin, stdout)

    def start_tcp(self, host: str, port: int) -> None:
        self._serve(super().start_tcp, host, port)

    def _serve(self, start: Callable, *args: Any) -> None:
        """The event loop in a thread, the analyses on the main thread (see :mod:`.worker`)."""
        if threading.current_thread() is not threading.main_thread():
            start(*args)  # embedded in another program's thread: analyses in a worker thread, no hard budget
            return
        worker = MainThreadWorker()
        self.executor = worker

        def run() -> None:
            try:
                start(*args)
            except BaseException:  # whatever ends the loop, the main thread must stop too
                log.debug("the event loop ended", exc_info=True)
            finally:
                worker.shutdown(cancel_futures=True)

        loop_thread = threading.Thread(target=run, name="nianbao-lsp-loop", daemon=True)
        loop_thread.start()
        try:
            worker.serve(before=_warm_up)
        except KeyboardInterrupt:  # Ctrl-C in a terminal: stop quietly, as pygls does
            return
        loop_thread.join()

    # ------------------------------------------------------------------ settings

    def settings_for(self, state: DocState) -> dict:
        return state.settings if state.settings is not None else self.global_settings

    def path_of(self, uri: str) -> str | None:
        if uri.startswith("file:"):
            try:
                return to_fs_path(uri)
            except Exception:
                return None
        return None

    def config_for(self, uri: str, settings: dict):
        """The configuration of a document (called in the worker thread)."""
        path = self.path_of(uri)
        if path is None:
            try:
                path = self.workspace.root_path
            except Exception:
                path = None
        base, problem = file_config(path or os.getcwd())
        if problem:
            self.tell(problem, types.MessageType.Warning)
        config, problem = merge(base, settings)
        if problem:
            self.tell(problem, types.MessageType.Warning)
        return config

    async def pull_settings(self, uris: list[str | None]) -> None:
        """Ask the client for section ``nianbao`` (globally for ``None``, else for each document)."""
        if not self.config_support or not uris:
            return
        items = [types.ConfigurationItem(section="nianbao", scope_uri=u) for u in uris]
        try:
            answer = await asyncio.wait_for(
                self.workspace_configuration_async(types.ConfigurationParams(items=items)), timeout=5
            )
        except Exception as err:
            log.warning("workspace/configuration failed: %r", err)
            return
        for uri, value in zip(uris, answer or [], strict=False):
            settings = client_settings(value)
            if uri is None:
                self.global_settings = settings
            elif uri in self.states:
                self.states[uri].settings = settings

    # ------------------------------------------------------------------ linting

    def schedule(self, uri: str, delay: float | None = None) -> None:
        """Check the document again (its latest version), superseding any run not yet published."""
        state = self.states.get(uri)
        if state is None:
            return
        now = time.monotonic()
        if delay is None:
            delay = self.debounce if now - state.last_change < self.debounce else 0.0
        if state.slow:
            delay = max(delay, SLOW_PAUSE)  # not on every keystroke: once the user pauses
        state.last_change = now
        state.generation = next(self.generations)
        if state.task is not None and not state.task.done():
            state.task.cancel()  # a run queued but not started is dropped; one running finishes unseen
        state.task = asyncio.get_running_loop().create_task(self._lint(state, state.generation, delay))

    async def _lint(self, state: DocState, generation: int, delay: float) -> Analysis | None:
        try:
            if delay > 0:
                await asyncio.sleep(delay)
            try:
                analysis = await self._analyze(state, generation)
            except AnalysisTimeout as err:
                analysis = self._over_budget(state, generation, err.budget)
            if analysis is None or not self._current(state, generation):
                self.stats.stale += 1
                return None
            state.analysis = analysis
            state.slow = analysis.notice is not None
            if not self.pull:
                self.publish(analysis)
            log.debug(
                "%s v%s: published %.1f ms after the change",
                state.uri,
                analysis.version,
                (time.monotonic() - state.last_change) * 1000,
            )
            return analysis
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("%s: checking failed", state.uri)
            return None

    def _current(self, state: DocState, generation: int) -> bool:
        return state.generation == generation and self.states.get(state.uri) is state

    async def _analyze(self, state: DocState, generation: int) -> Analysis | None:
        doc = self.workspace.get_text_document(state.uri)
        text, version = doc.source, doc.version
        settings = self.settings_for(state)
        codec = doc.position_codec
        starts = doc.starts if isinstance(doc, LspTextDocument) else None
        loop = asyncio.get_running_loop()
        wanted = functools.partial(self._current, state, generation)
        job = functools.partial(self._job, state, generation, text, version, settings, codec, starts, wanted)
        return await loop.run_in_executor(self.executor, Budgeted(job, self.budget))

    def _over_budget(self, state: DocState, generation: int, budget: float) -> Analysis:
        """What stands for an analysis stopped at its budget: no findings, one notice saying why."""
        self.stats.over_budget += 1
        doc = self.workspace.get_text_document(state.uri)
        config, _problem = merge(Config(), self.settings_for(state))
        analysis = Analysis(
            state.uri, doc.version, generation, doc.source, LineIndex(doc.source, doc.position_codec), config
        )
        analysis.error = f"over the time budget of {budget:g} s"
        zh, en = OVER_BUDGET
        message = (zh if config.lang == "zh" else en).format(budget=f"{budget:g}")
        analysis.notice = types.Diagnostic(
            range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)),
            message=message,
            severity=types.DiagnosticSeverity.Warning,
            source="nianbao",
        )
        log.warning("%s v%s: %s", state.uri, doc.version, analysis.error)
        return analysis

    def _job(self, state, generation, text, version, settings, codec, starts, still_wanted) -> Analysis | None:
        """The worker thread's part: configuration, parse, lint, conversion."""
        if not still_wanted():
            return None
        t0 = time.perf_counter()
        c0 = time.thread_time()
        config = self.config_for(state.uri, settings)
        path = self.path_of(state.uri)
        result = analyze(
            state.uri,
            path or state.uri,
            text,
            version,
            generation,
            config,
            codec,
            self.related_support,
            still_wanted,
            starts,
            path=path,
        )
        if result is None:
            self.stats.abandoned += 1
        else:
            self.stats.runs += 1
            self.stats.last = {
                "parse_ms": result.parse_ms,
                "lint_ms": result.lint_ms,
                "total_ms": (time.perf_counter() - t0) * 1000,
            }
            log.debug(
                "%s v%s: parse %.1f ms, lint %.1f ms, %d diagnostics, %.1f ms CPU in the worker",
                state.uri,
                version,
                result.parse_ms,
                result.lint_ms,
                len(result.lsp),
                (time.thread_time() - c0) * 1000,
            )
        return result

    def publish(self, analysis: Analysis) -> None:
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=analysis.uri,
                version=analysis.version,
                diagnostics=analysis.published(),
            )
        )

    async def current_analysis(self, uri: str, timeout: float = 10.0) -> Analysis | None:
        """The analysis of the document's current version: waits for it, never an older one.

        While the user keeps typing, the version moves on; each wait is for the
        newest. ``None`` if no analysis of the current version is ready within
        ``timeout`` seconds (the features then answer nothing rather than
        ranges of an old text).
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            state = self.states.get(uri)
            if state is None:
                return None
            if state.analysis is not None and state.analysis.generation == state.generation:
                return state.analysis
            remaining = deadline - loop.time()
            if remaining <= 0:
                return None
            task = state.task
            if task is None or task.done():
                task = state.task = loop.create_task(self._lint(state, state.generation, 0.0))
            try:
                await asyncio.wait_for(asyncio.shield(task), remaining)
            except asyncio.CancelledError:
                if not task.cancelled():
                    raise  # this request itself was cancelled
            except TimeoutError:
                return None

    def relint_all(self) -> None:
        for uri in list(self.states):
            self.schedule(uri, 0.0)
        if self.pull and self.refresh_support:
            try:
                self.workspace_diagnostic_refresh(None)
            except Exception as err:
                log.warning("workspace/diagnostic/refresh failed: %r", err)

    async def register_safely(self, params: types.RegistrationParams) -> None:
        """``client/registerCapability``; a client that declares support but does not answer is only logged."""
        try:
            await asyncio.wait_for(self.client_register_capability_async(params), timeout=5)
        except Exception as err:
            log.info("client/registerCapability failed: %r", err)

    def workspace_edit(self, analysis: Analysis, edits) -> types.WorkspaceEdit:
        """Edits of one document, tied to the version they were computed for when the client allows."""
        text_edits = [analysis.index.text_edit(e) for e in edits]
        if self.document_changes:
            return types.WorkspaceEdit(
                document_changes=[
                    types.TextDocumentEdit(
                        text_document=types.OptionalVersionedTextDocumentIdentifier(
                            uri=analysis.uri, version=analysis.version
                        ),
                        edits=text_edits,
                    )
                ]
            )
        return types.WorkspaceEdit(changes={analysis.uri: text_edits})

    # ------------------------------------------------------------------ messages to the user

    def set_loop(self, loop: asyncio.AbstractEventLoop | None) -> None:
        """The event loop messages go out on; what was told before it was known is sent now."""
        if loop is None:
            return
        with self._early_lock:
            self.loop = loop
            early, self._early = self._early, []
        for params in early:
            loop.call_soon_threadsafe(self.window_log_message, params)

    def tell(self, message: str, kind: types.MessageType = types.MessageType.Error) -> None:
        """``window/logMessage``, from any thread; the same message at most once a minute."""
        key = message.splitlines()[0] if message else ""
        now = time.monotonic()
        if now - self._told.get(key, -1e9) < 60:
            return
        if len(self._told) >= 256:  # bounded: forget messages told more than a minute ago
            self._told = {k: t for k, t in self._told.items() if now - t < 60}
        self._told[key] = now
        params = types.LogMessageParams(type=kind, message=message)
        with self._early_lock:
            loop = self.loop
            if loop is None:
                if len(self._early) < 64:
                    self._early.append(params)
                return
        try:
            if loop.is_closed():
                return
            if threading.current_thread() is threading.main_thread() and _running_loop() is loop:
                self.window_log_message(params)
            else:
                loop.call_soon_threadsafe(self.window_log_message, params)
        except Exception:
            pass


OVER_BUDGET = (
    "nianbao：检查超过 {budget} 秒仍未完成，已中止（文中有内容使分析极慢），本版本没有检查结果；停止输入片刻后会再试。",
    "nianbao: checking took longer than {budget} s and was stopped (something in the text makes the analysis "
    "very slow); no findings for this version. It is tried again when you pause typing.",
)


def _budget_from_env() -> float:
    try:
        value = float(os.environ.get("NIANBAO_LSP_BUDGET", BUDGET))
    except ValueError:
        return BUDGET
    return value if value > 0 else BUDGET


WARM_UP_TEXT = "2020年政府信息公开工作年度报告\n一、总体情况\n无。\n二、主动公开政府信息情况\n规章 | 0 | 0 | 0 |\n"


def _warm_up() -> None:
    """Parse and lint a tiny report once, in the worker thread, so the first real one is not slow.

    Then freeze what is loaded (the server, the engine, plugins, templates): the garbage collector
    no longer scans those objects at every full collection, about a millisecond per keystroke.
    """
    try:
        from pygls.workspace.position_codec import PositionCodec

        from nianbao.lint import Config

        analyze("warm-up:", "warm-up.txt", WARM_UP_TEXT, None, 0, Config(), PositionCodec())
    except Exception:
        log.debug("warm-up failed", exc_info=True)
    gc.collect()
    gc.freeze()


def _running_loop() -> asyncio.AbstractEventLoop | None:
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


class ClientLogHandler(logging.Handler):
    """Forwards warnings and errors of nianbao (engine, rules, server) to the client's log."""

    LEVELS: ClassVar[dict[int, types.MessageType]] = {
        logging.ERROR: types.MessageType.Error,
        logging.WARNING: types.MessageType.Warning,
        logging.INFO: types.MessageType.Info,
    }

    def __init__(self, server: NianbaoLanguageServer) -> None:
        super().__init__(logging.WARNING)
        self.server = server
        self.setFormatter(logging.Formatter("nianbao: %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        try:
            kind = self.LEVELS.get(
                record.levelno, types.MessageType.Error if record.levelno > 40 else types.MessageType.Log
            )
            self.server.tell(self.format(record), kind)
        except Exception:
            pass


# --------------------------------------------------------------------------- handlers


def safe(default: Any = None) -> Callable:
    """Wrap a handler: log any exception and answer ``default`` instead of failing."""

    def wrap(fn: Callable) -> Callable:
        if inspect.iscoroutinefunction(fn):

            @functools.wraps(fn)
            async def run_async(*args: Any) -> Any:
                try:
                    return await fn(*args)
                except asyncio.CancelledError:
                    raise
                except Exception:
                    log.exception("%s failed", fn.__name__)
                    return default() if callable(default) else default

            return run_async

        @functools.wraps(fn)
        def run(*args: Any) -> Any:
            try:
                return fn(*args)
            except Exception:
                log.exception("%s failed", fn.__name__)
                return default() if callable(default) else default

        return run

    return wrap


def _allowed(only: list[str] | None, kind: str) -> bool:
    return not only or any(kind == o or kind.startswith(o + ".") for o in only)


def create_server(debounce: float = DEBOUNCE) -> NianbaoLanguageServer:
    server = NianbaoLanguageServer(debounce)
    sys.setswitchinterval(0.001)  # a parse in the worker must not hold up reading the next keystroke for 5 ms turns
    logging.getLogger("nianbao").addHandler(ClientLogHandler(server))

    @server.feature(types.INITIALIZE)
    @safe()
    def initialize(ls: NianbaoLanguageServer, params: types.InitializeParams) -> None:
        ls.set_loop(_running_loop() or ls.loop)
        caps = params.capabilities
        old = ls.workspace
        ls.protocol._workspace = LspWorkspace(
            old.root_uri, old._sync_kind, list(old.folders.values()), old.position_encoding
        )
        ls.pull = get_capability(caps, "text_document.diagnostic") is not None
        ls.config_support = bool(get_capability(caps, "workspace.configuration", False))
        ls.refresh_support = bool(get_capability(caps, "workspace.diagnostics.refresh_support", False))
        ls.document_changes = bool(get_capability(caps, "workspace.workspace_edit.document_changes", False))
        ls.hierarchical_symbols = bool(
            get_capability(caps, "text_document.document_symbol.hierarchical_document_symbol_support", False)
        )
        related = get_capability(caps, "text_document.publish_diagnostics.related_information", None)
        ls.related_support = related is not False
        if params.initialization_options:
            ls.global_settings = client_settings(params.initialization_options)
        log.info("initialized: %s diagnostics, encoding %s", "pull" if ls.pull else "push", old.position_encoding)

    @server.feature(types.INITIALIZED)
    @safe()
    async def initialized(ls: NianbaoLanguageServer, params: types.InitializedParams) -> None:
        ls.set_loop(asyncio.get_running_loop())
        if ls.config_support:
            await ls.pull_settings([None])
        if get_capability(ls.client_capabilities, "workspace.did_change_watched_files.dynamic_registration", False):
            watchers = [types.FileSystemWatcher(glob_pattern=g) for g in WATCHED]
            await ls.register_safely(
                types.RegistrationParams(
                    registrations=[
                        types.Registration(
                            id="nianbao-config-files",
                            method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                            register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers),
                        )
                    ]
                )
            )
        if ls.states:  # documents opened before the settings arrived
            ls.relint_all()
        if not isinstance(ls.executor, MainThreadWorker):  # (the main thread warms up as it starts)
            ls.executor.submit(_warm_up)  # load the plugins and the grammar before the first document

    @server.feature(types.SHUTDOWN)
    @safe()
    def shutdown(ls: NianbaoLanguageServer, params: None) -> None:
        for state in ls.states.values():
            if state.task is not None:
                state.task.cancel()
        ls.executor.shutdown(wait=False, cancel_futures=True)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    @safe()
    async def did_open(ls: NianbaoLanguageServer, params: types.DidOpenTextDocumentParams) -> None:
        uri = params.text_document.uri
        state = ls.states[uri] = DocState(uri)
        if ls.config_support:
            await ls.pull_settings([uri])
            if ls.states.get(uri) is not state:
                return  # closed meanwhile
        ls.schedule(uri, 0.0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    @safe()
    def did_change(ls: NianbaoLanguageServer, params: types.DidChangeTextDocumentParams) -> None:
        uri = params.text_document.uri
        if uri not in ls.states:
            ls.states[uri] = DocState(uri)
        ls.schedule(uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    @safe()
    def did_close(ls: NianbaoLanguageServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        state = ls.states.pop(uri, None)
        if state is not None and state.task is not None:
            state.task.cancel()
        if not ls.pull:
            ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    @safe()
    async def did_change_configuration(ls: NianbaoLanguageServer, params: types.DidChangeConfigurationParams) -> None:
        settings = params.settings
        if isinstance(settings, dict) and "nianbao" in settings:
            ls.global_settings = client_settings(settings)
            for state in ls.states.values():
                state.settings = None  # the pushed settings apply until pulled ones say otherwise
        if ls.config_support:
            await ls.pull_settings([None, *ls.states])
        ls.relint_all()

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    @safe()
    def did_change_watched_files(ls: NianbaoLanguageServer, params: types.DidChangeWatchedFilesParams) -> None:
        ls.relint_all()  # the configuration files are read again (they are cached by modification time)

    @server.feature(
        types.TEXT_DOCUMENT_DIAGNOSTIC,
        types.DiagnosticOptions(identifier="nianbao", inter_file_dependencies=False, workspace_diagnostics=False),
    )
    @safe(lambda: types.RelatedFullDocumentDiagnosticReport(items=[]))
    async def pull_diagnostics(ls: NianbaoLanguageServer, params: types.DocumentDiagnosticParams):
        uri = params.text_document.uri
        if uri not in ls.states:
            ls.states[uri] = DocState(uri, generation=next(ls.generations))
        analysis = await ls.current_analysis(uri)
        if analysis is None:
            return types.RelatedFullDocumentDiagnosticReport(items=[])
        items = analysis.published()
        state = ls.states.get(uri)
        last = state.pulled if state is not None else None
        if last is not None and last[0] == analysis.version and last[1] == items:
            result_id = last[2]
        else:
            result_id = str(analysis.generation)
            if state is not None:
                state.pulled = (analysis.version, items, result_id)
        if params.previous_result_id == result_id:
            return types.RelatedUnchangedDocumentDiagnosticReport(result_id=result_id)
        return types.RelatedFullDocumentDiagnosticReport(items=items, result_id=result_id)

    @server.feature(DOCUMENT_TEXT)
    @safe()
    def document_text(ls: NianbaoLanguageServer, params: Any) -> dict | None:
        """The server's own copy of a document (for tests and debugging: it must equal the editor's)."""
        uri = params.uri if hasattr(params, "uri") else params["uri"]
        if uri not in ls.workspace.text_documents:
            return None
        doc = ls.workspace.get_text_document(uri)
        return {"uri": uri, "version": doc.version, "text": doc.source}

    @server.feature(STATS)
    @safe()
    def stats(ls: NianbaoLanguageServer, params: Any) -> dict:
        """Counts of the analyses (for benchmarks and debugging)."""
        s = ls.stats
        return {"runs": s.runs, "abandoned": s.abandoned, "stale": s.stale, "over_budget": s.over_budget}

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    @safe()
    async def hover(ls: NianbaoLanguageServer, params: types.HoverParams) -> types.Hover | None:
        analysis = await ls.current_analysis(params.text_document.uri)
        if analysis is None:
            return None
        return hover_mod.hover(analysis, analysis.index.offset(params.position))

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(
            code_action_kinds=[types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll, FIX_ALL_KIND]
        ),
    )
    @safe()
    async def code_action(ls: NianbaoLanguageServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        uri = params.text_document.uri
        analysis = await ls.current_analysis(uri)
        if analysis is None or not analysis.is_report or analysis.report is None:
            return None
        if analysis.report.text.document is not None:
            return None  # an HTML page: its text was read out of the markup, edits to it are not edits to the page
        if analysis.version != ls.workspace.get_text_document(uri).version:
            return None  # the text changed meanwhile: edits computed for it would land in the wrong place
        only = params.context.only
        lang = analysis.lang
        actions: list[types.CodeAction] = []
        if _allowed(only, types.CodeActionKind.QuickFix):
            quick: list[tuple[bool, types.CodeAction]] = []
            for d, lsp_d in analysis.pairs():
                if d.fix is None or not overlaps(lsp_d.range, params.range):
                    continue
                title = d.fix.message.get(lang)
                if not d.fix.safe:
                    title += " (需复核 review)" if lang == "zh" else " (review)"
                action = types.CodeAction(
                    title=f"{title} [{d.code}]",
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[lsp_d],
                    edit=ls.workspace_edit(analysis, d.fix.edits),
                    is_preferred=d.fix.safe or None,
                )
                quick.append((d.fix.safe, action))
            actions.extend(a for _safe, a in sorted(quick, key=lambda p: not p[0]))  # safe fixes first
        if _allowed(only, FIX_ALL_KIND):
            _text, applied = apply_fixes(analysis.report.text.text, analysis.diagnostics, unsafe=False)
            if applied:
                edits = [e for d in applied for e in d.fix.edits]  # type: ignore[union-attr]
                title = (
                    f"修复所有可安全修复的问题（{len(applied)} 处）"
                    if lang == "zh"
                    else f"Fix all safe problems ({len(applied)})"
                )
                actions.append(
                    types.CodeAction(title=title, kind=FIX_ALL_KIND, edit=ls.workspace_edit(analysis, edits))
                )
        return actions

    @server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    @safe()
    async def symbols(ls: NianbaoLanguageServer, params: types.DocumentSymbolParams):
        analysis = await ls.current_analysis(params.text_document.uri)
        if analysis is None:
            return None
        return document_symbols(analysis, ls.hierarchical_symbols)

    @server.feature(types.TEXT_DOCUMENT_FORMATTING)
    @safe()
    async def formatting(ls: NianbaoLanguageServer, params: types.DocumentFormattingParams):
        uri = params.text_document.uri
        analysis = await ls.current_analysis(uri)
        if analysis is None or not analysis.is_report or analysis.report is None:
            return []
        if analysis.report.text.document is not None:
            return []  # an HTML page is not formatted as text tables
        if analysis.version != ls.workspace.get_text_document(uri).version:
            return None
        return [analysis.index.text_edit(e) for e in format_edits(analysis.report)]

    return server
