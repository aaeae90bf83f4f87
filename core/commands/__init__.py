"""The subcommands of ``nianbao``: each module has ``register(subparsers)`` and ``run(args)``."""

from . import dialects, parse

COMMANDS = [parse, dialects]
