import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

from .paths import FIXTURES

# Timing is measured by the benchmark scripts, never asserted: on a loaded machine a property test
# must not fail for taking longer than Hypothesis' default deadline of 200 ms.
settings.register_profile("nianbao", deadline=None)
# In CI (.ci/run sets CI=true) property tests draw the same examples every run, so a landing is
# reproducibly green or red; locally they explore new examples on every run.
settings.register_profile("ci", parent=settings.get_profile("nianbao"), derandomize=True, database=None)
settings.load_profile("ci" if os.environ.get("CI") else "nianbao")

_OWN_CACHE: str | None = None


def pytest_configure(config: pytest.Config) -> None:
    # The suite's runs (in process and of the console script, which inherit the environment) keep
    # their caches in a folder of the run's own, never in the user's ~/.cache/nianbao. A folder set
    # by whoever runs the suite is kept; tests about the cache set their own.
    global _OWN_CACHE
    if "NIANBAO_CACHE_DIR" not in os.environ:
        _OWN_CACHE = tempfile.mkdtemp(prefix="nianbao-tests-cache-")
        os.environ["NIANBAO_CACHE_DIR"] = _OWN_CACHE


def pytest_unconfigure(config: pytest.Config) -> None:
    if _OWN_CACHE is not None:
        shutil.rmtree(_OWN_CACHE, ignore_errors=True)


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
