"""A table row repeated 128,000 times (2.9 MB) is read in bounded memory (issue 15, case 9).

It took 1.19 GB and 49 s before the alignment and the dialects' scans were made linear; the
test measures the peak memory of a real ``nianbao lint`` process (a bound, not a timing: the
timeout only keeps a regression from hanging CI). The peak is the child's own ``VmHWM``: Linux
carries ``ru_maxrss`` over ``exec``, so it would count the test runner's memory too.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from ..paths import seed_path

ROW = "规章 | 0 | 0 | 0 | |\n"
REPEATS = 128_000
PEAK_BOUND_MIB = 400  # measured 110 MiB; the old reading needed 1,190 MiB


def test_128k_repeated_rows_lint_in_bounded_memory(tmp_path: Path) -> None:
    seed = seed_path("000").read_text("utf-8")
    report = tmp_path / "rows.txt"
    report.write_text(seed + "\n" + ROW * REPEATS, encoding="utf-8")
    # an exit handler, not a ``finally``: the console script leaves with os._exit unless one is registered
    child = (
        "import atexit, re, runpy, sys\n"
        "def peak():\n"
        "    status = open('/proc/self/status').read()\n"
        "    print(re.search(r'VmHWM:\\s+(\\d+) kB', status).group(1), file=sys.stderr)\n"
        "atexit.register(peak)\n"
        "sys.argv = ['nianbao', 'lint', '--format', 'json', '--jobs', '1', sys.argv[1]]\n"
        "runpy.run_module('nianbao', run_name='__main__')\n"
    )
    done = subprocess.run([sys.executable, "-c", child, str(report)], capture_output=True, text=True, timeout=300)
    assert done.returncode in (0, 1), done.stderr
    findings = json.loads(done.stdout)
    assert findings, "the repeated rows are findings (rows the format does not have)"
    assert all(f["path"] == str(report) for f in findings)
    peak_mib = int(done.stderr.strip().splitlines()[-1]) / 1024
    assert peak_mib < PEAK_BOUND_MIB, f"peak {peak_mib:.0f} MiB"
