"""Rule bundle T: tables — each table present, row labels known, rows and cells complete and well-formed.

The rules turn what the engine noticed while reading the tables
(:data:`nianbao.model.PROBLEM_KINDS`) into diagnostics. Garbage characters in
labels are N401's; the engine already ignores them when it compares labels.
"""

from nianbao.hookspecs import hookimpl

from .T201 import T201
from .T202 import T202
from .T203 import T203
from .T204 import T204
from .T205 import T205
from .T206 import T206
from .T207 import T207
from .T208 import T208
from .T209 import T209
from .T210 import T210
from .T211 import T211
from .T212 import T212

RULES = [T201, T202, T203, T204, T205, T206, T207, T208, T209, T210, T211, T212]


@hookimpl
def nianbao_rules() -> list[type]:
    return list(RULES)
