"""Lark grammars of the report's structure (package data of nianbao)."""
