from pathlib import Path

import pytest
from hypothesis import settings

from .paths import FIXTURES

# Timing is measured by the benchmark scripts, never asserted: on a loaded machine a property test
# must not fail for taking longer than Hypothesis' default deadline of 200 ms.
settings.register_profile("nianbao", deadline=None)
settings.load_profile("nianbao")


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
