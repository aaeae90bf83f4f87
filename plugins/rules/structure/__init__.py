"""Rule bundle: structure (to be filled)."""

from nianbao.hookspecs import hookimpl


@hookimpl
def nianbao_rules() -> list[type]:
    return []
