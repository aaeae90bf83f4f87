"""``nianbao lsp``: the language server (LSP over stdio; ``--tcp HOST:PORT`` for debugging)."""

from __future__ import annotations

import argparse
import logging
import sys


def register(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "lsp",
        help="启动语言服务器，供编辑器边写边查 (start the language server: LSP over stdio)",
        description="启动 nianbao 语言服务器（标准输入输出上的 LSP）。(The nianbao language server, LSP over stdio.)",
    )
    p.add_argument(
        "--tcp", metavar="HOST:PORT", help="改为监听 TCP 端口，用于调试 (listen on TCP instead, for debugging)"
    )
    p.add_argument(
        "--debounce",
        type=float,
        metavar="MS",
        default=None,
        help="连续输入时等待的毫秒数，默认 50 (milliseconds to wait while changes keep coming; default 50)",
    )
    p.add_argument("--log-file", metavar="FILE", help="把调试日志写入文件 (write a debug log to FILE)")
    return p


def run(args: argparse.Namespace) -> int:
    from .. import gcpause
    from ..lsp.server import DEBOUNCE, create_server

    gcpause.resume()  # a server runs for hours: its garbage is collected

    if args.log_file:
        logging.basicConfig(
            filename=args.log_file, level=logging.DEBUG, format="%(asctime)s %(name)s %(levelname)s %(message)s"
        )
    else:
        logging.basicConfig(stream=sys.stderr, level=logging.WARNING, format="nianbao lsp: %(message)s")
    debounce = DEBOUNCE if args.debounce is None else max(0.0, args.debounce) / 1000
    server = create_server(debounce=debounce)
    if args.tcp:
        host, _, port = args.tcp.rpartition(":")
        if not port.isdigit():
            print(f"nianbao: --tcp wants HOST:PORT, not {args.tcp!r}", file=sys.stderr)
            return 2
        server.start_tcp(host or "127.0.0.1", int(port))
    else:
        server.start_io()
    return 0
