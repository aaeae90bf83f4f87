"""Where nianbao keeps its caches, and how a cache file is written.

Light on purpose (``os`` and ``sys`` only): the code cache (:mod:`nianbao.code_cache`) needs the
folder before any of the engine is imported.
"""

from __future__ import annotations

import os


def cache_dir() -> str | None:
    """The folder of nianbao's cache (None: no cache, ``NIANBAO_CACHE_DIR`` set empty)."""
    chosen = os.environ.get("NIANBAO_CACHE_DIR")
    if chosen is not None:
        return chosen or None
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    base = xdg if os.path.isabs(xdg) else os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "nianbao")


def write_cache(path: str, content: object, mode: int | None = None) -> None:
    """Written whole or not at all (a temporary file renamed over it), never an error; ``mode``: its permissions."""
    import marshal
    import threading

    tmp = f"{path}.{os.getpid()}.{threading.get_ident()}.tmp"  # one per writer: processes and threads may race
    try:
        data = marshal.dumps(content)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(tmp, "wb") as f:
            if mode is not None:
                os.chmod(tmp, mode)  # (before its content is written)
            f.write(data)
        os.replace(tmp, path)
    except Exception:  # a read-only or full disk, a file where the folder should be, ...
        try:
            os.unlink(tmp)
        except OSError:
            pass
