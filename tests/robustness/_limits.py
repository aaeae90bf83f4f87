"""Guards for tests on pathological input: a regression fails the test instead of hanging CI."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager

import pytest


@contextmanager
def deadline(seconds: int) -> Iterator[None]:
    """Fail the test if the block runs longer than ``seconds`` (SIGALRM; the regex engine checks signals)."""

    def expired(signum: int, frame: object) -> None:
        pytest.fail(f"took more than {seconds} s", pytrace=False)

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
