from pathlib import Path

import pytest

from .paths import FIXTURES


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
