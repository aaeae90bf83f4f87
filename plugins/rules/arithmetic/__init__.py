"""Rule bundle A: arithmetic — every sum and balance the format requires (勾稽关系).

The relations come from the template as data (``Template.relations``); each rule
takes one kind and reports one diagnostic per broken instance (per column of
table 三, per row, per group of table 四), pointing at the total cell — or at the
likely wrong cell: one wrong number breaks every relation it takes part in and
only those, so a cell of table 三 all of whose relations fail, alone in its
relation, is pointed at (the message says so).

Decisions:

* Blank and unreadable (``无``, ``—``) cells count as 0, as the format says an
  empty cell means; T207/T209 report the cell itself. A relation then broken is
  an error only when no number written into its blank cells could make it hold;
  otherwise it is reported as info (seed 001: (七)总计 总计 is blank while
  一、本年新收 总计 is 2 — the blank is the defect, T207 says so).
* A relation with a cell that is absent (its row or table is missing) is not
  checked: the value is unknown, not zero; T201/T203 report the absence.
* Table 二 implies no equality and no inequality within one report, so it has no
  A rule. In the 2019 format 本年新公开数量 may exceed 对外公开总数量 when the
  latter counts documents still in force (some published this year were already
  repealed), 本年新制作 and 本年新公开 are independent counts, and 上一年项目数量
  + 本年增/减 gives this year's number of items, which the table does not print
  (处理决定数量 counts decisions, not items). In the 2021 format 本年废止 may
  exceed 本年制发 (real reports: 制发 77, 废止 132) and 现行有效 depends on last
  year's figure, which only the previous report has: X505 checks it across two
  reports.
"""

from nianbao.hookspecs import hookimpl

from .A301 import A301
from .A302 import A302
from .A303 import A303
from .A304 import A304

RULES = [A301, A302, A303, A304]


@hookimpl
def nianbao_rules() -> list[type]:
    return list(RULES)
