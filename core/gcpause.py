"""The garbage collector paused while the command line starts.

Start-up (modules, plugins, rules, templates, the caches the first report
fills) makes objects that live as long as the process: a collection then frees
nothing, and the collector ran about 30 times in a one-file ``lint``
(17 M instructions, 2.5 % of it). The console script calls :func:`pause`;
whatever goes on to process many reports or to serve for long (a batch, worker
processes, the language server) calls :func:`resume` first, which freezes what
start-up made (no later collection scans it again) and turns collection back
on, so memory stays bounded however many reports follow. A process that never
paused (a program that imported nianbao, the tests) is left as it is.
"""

from __future__ import annotations

import gc

_paused = False


def pause() -> None:
    """No collection until :func:`resume` (nothing changes if the collector was already off)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    """Freeze what exists and collect again, if :func:`pause` stopped the collector (else nothing)."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()
