"""A plugin that fails on import (issue 15, case 7): it must not take the built-ins with it."""

raise ImportError("nianbao_broken: a dependency is missing")
