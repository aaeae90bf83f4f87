"""Where the analyses run: on the main thread, each within a time budget.

A Python thread cannot be stopped from outside, and a regular expression that
backtracks without end holds the GIL for as long as it runs: in a worker
thread it would freeze the event loop too, for good. So the event loop (pygls,
reading and answering the client) runs in a thread of its own, and the
analyses run here, on the main thread, where a signal can interrupt them: an
interval timer (``SIGALRM``) fires when an analysis has run longer than its
budget, and its handler raises :class:`OverBudget` — even inside ``re``, which
checks for signals as it matches. Between two Python bytecodes the event loop
gets the GIL every few milliseconds, so hover and outline keep answering while
an analysis runs; during one long C call they wait at most the budget.

Where there is no ``setitimer`` (Windows), a timer thread interrupts the main
thread instead (``_thread.interrupt_main``); that stops slow Python code, not
a single C call that never lets the GIL go.
"""

from __future__ import annotations

import _thread
import logging
import queue
import signal
import threading
from collections.abc import Callable
from concurrent.futures import Executor, Future
from typing import Any

log = logging.getLogger("nianbao.lsp")

REFIRE = 0.05  # seconds: if an interrupted analysis swallows the exception, interrupt it again


class OverBudget(BaseException):  # not an Exception: ``except Exception`` in a rule must not catch it
    """Raised inside an analysis that ran past its time budget."""


class AnalysisTimeout(Exception):
    """What the caller of a job that ran past its budget gets."""

    def __init__(self, budget: float) -> None:
        super().__init__(f"over the time budget of {budget:g} s")
        self.budget = budget


class Budgeted:
    """A job for :class:`MainThreadWorker` that may run at most ``budget`` seconds."""

    def __init__(self, fn: Callable[[], Any], budget: float) -> None:
        self.fn = fn
        self.budget = budget

    def __call__(self) -> Any:
        return self.fn()


class MainThreadWorker(Executor):
    """An executor whose jobs run one at a time in :meth:`serve`, called on the main thread."""

    def __init__(self) -> None:
        self.jobs: queue.SimpleQueue = queue.SimpleQueue()
        self._armed = False
        self._over = False
        self._stopped = False
        self._timer: threading.Timer | None = None
        self.use_alarm = hasattr(signal, "setitimer")

    # ------------------------------------------------------------------ Executor

    def submit(self, fn: Callable, /, *args: Any, **kwargs: Any) -> Future:
        future: Future = Future()
        if self._stopped:
            future.cancel()
            future.set_running_or_notify_cancel()
            return future
        self.jobs.put((future, fn, args, kwargs))
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self._stopped = True
        if cancel_futures:
            while True:
                try:
                    item = self.jobs.get_nowait()
                except queue.Empty:
                    break
                if item is not None:
                    item[0].cancel()
        self.jobs.put(None)

    # ------------------------------------------------------------------ the main thread's loop

    def serve(self, before: Callable[[], None] | None = None) -> None:
        """Run jobs until :meth:`shutdown` (call on the main thread)."""
        signum = signal.SIGALRM if self.use_alarm else signal.SIGINT
        previous = signal.signal(signum, self._interrupt)
        try:
            if before is not None:
                try:
                    before()
                except Exception:
                    log.exception("warm-up failed")
            while True:
                item = self.jobs.get()
                if item is None:
                    return
                future, fn, args, kwargs = item
                if not future.set_running_or_notify_cancel():
                    continue
                budget = getattr(fn, "budget", None)
                try:
                    result = fn(*args, **kwargs) if budget is None else self._within(budget, fn, args, kwargs)
                except OverBudget:
                    future.set_exception(AnalysisTimeout(budget or 0.0))
                except BaseException as err:  # handed to the waiting coroutine
                    future.set_exception(err)
                else:
                    future.set_result(result)
        finally:
            signal.signal(signum, previous)

    def _within(self, budget: float, fn: Callable, args: tuple, kwargs: dict) -> Any:
        self._over = False
        try:
            self._armed = True
            self._arm(budget)
            result = fn(*args, **kwargs)
        finally:
            self._armed = False
            self._disarm()
        if self._over:  # interrupted, but something caught it and carried on: the result is incomplete
            raise OverBudget
        return result

    def _arm(self, budget: float) -> None:
        if self.use_alarm:
            signal.setitimer(signal.ITIMER_REAL, budget, REFIRE)
        else:
            self._timer = threading.Timer(budget, self._fire)
            self._timer.daemon = True
            self._timer.start()

    def _fire(self) -> None:
        while self._armed:
            _thread.interrupt_main(signal.SIGINT)
            threading.Event().wait(REFIRE)

    def _disarm(self) -> None:
        if self.use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
        elif self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _interrupt(self, signum: int, frame: Any) -> None:
        if self._armed:
            self._over = True
            raise OverBudget
        if not self.use_alarm:  # a real Ctrl-C
            raise KeyboardInterrupt
