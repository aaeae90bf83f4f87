"""Rule bundle S: structure — the six sections present, in order, numbered, on their own line; title and year."""

from nianbao.hookspecs import hookimpl

from .S101 import S101
from .S102 import S102
from .S103 import S103
from .S104 import S104
from .S105 import S105
from .S106 import S106
from .S107 import S107

RULES = [S101, S102, S103, S104, S105, S106, S107]


@hookimpl
def nianbao_rules() -> list[type]:
    return list(RULES)
