"""Rule bundle N: text hygiene — garbage and control characters, stray characters, brackets, punctuation,
a character cut at the end of the file, bytes that are no text."""

from nianbao.hookspecs import hookimpl

from .N401 import N401
from .N402 import N402
from .N403 import N403
from .N404 import N404
from .N405 import N405
from .N406 import N406
from .N407 import N407
from .N408 import N408

RULES = [N401, N402, N403, N404, N405, N406, N407, N408]


@hookimpl
def nianbao_rules() -> list[type]:
    return list(RULES)
