import os
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


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
