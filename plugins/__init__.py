"""Built-in plugins of nianbao: format dialects and rule bundles.

They register through the ``nianbao`` entry-point group exactly as a
third-party package would (see ``pyproject.toml``).
"""
