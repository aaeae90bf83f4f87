"""The subcommands of ``nianbao``: each module has ``register(subparsers)`` and ``run(args)``.

To add a command, write a module with those two functions and append it to
:data:`COMMANDS` (the order is the order of ``nianbao --help``).
"""

from . import dialects, explain, export, lint, lsp, parse, rules

COMMANDS = [parse, lint, export, rules, explain, dialects, lsp]
