"""Rule bundle X: consistency — years, format version, narrative against tables, one report against last year's.

X504 and X505 compare reports of the same body (same title once the year is
taken out) for consecutive years given in the same run; they implement
``check_all`` and say nothing about a report given alone.
"""

from nianbao.hookspecs import hookimpl

from .X501 import X501
from .X502 import X502
from .X503 import X503
from .X504 import X504
from .X505 import X505

RULES = [X501, X502, X503, X504, X505]


@hookimpl
def nianbao_rules() -> list[type]:
    return list(RULES)
