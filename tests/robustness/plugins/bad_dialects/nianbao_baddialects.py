"""Dialects that misbehave (issue 15, case 7): each must be skipped, by name, and the built-ins read the file."""

from __future__ import annotations

from nianbao.dialect import Dialect, Layout
from nianbao.hookspecs import hookimpl
from nianbao.model import CellKind, RawCell, Span


class DetectRaises(Dialect):
    name = "detect-raises"
    summary = "detect raises"

    def detect(self, source, text):
        raise RuntimeError("detect exploded")

    def read(self, source, text):
        raise AssertionError("never chosen")


class HugeScore(Dialect):
    name = "huge-score"
    summary = "claims a score of 1e9"

    def detect(self, source, text):
        return 1e9

    def read(self, source, text):
        raise AssertionError("must not win by a score above 1")


class ReadRaises(Dialect):
    name = "read-raises"
    summary = "sure of itself, then raises"

    def detect(self, source, text):
        return 1.0

    def read(self, source, text):
        raise ValueError("read exploded")


class ReadGarbage(Dialect):
    name = "read-garbage"
    summary = "sure of itself, then returns cells outside the text"

    def detect(self, source, text):
        return 1.0

    def read(self, source, text):
        return Layout(text, [RawCell("0", Span(10**9, 10**9 + 1), CellKind.VALUE, None, True, 0)], [])


class Clash(Dialect):
    name = "pipe"
    summary = "takes a built-in dialect's name"

    def detect(self, source, text):
        return 1.0

    def read(self, source, text):
        raise AssertionError("the built-in pipe dialect must win")


@hookimpl
def nianbao_dialects():
    return [DetectRaises(), HugeScore(), ReadRaises(), ReadGarbage(), Clash(), 42]
