"""Built-in format dialects: ``pipe``, ``tab`` and ``cells``."""
