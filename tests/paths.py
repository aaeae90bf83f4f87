"""Where the test fixtures are."""

from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = sorted((FIXTURES / "seeds").glob("*.txt"))
CORPUS = FIXTURES / "corpus"


def seed_path(prefix: str) -> Path:
    return next(p for p in SEEDS if p.name.startswith(prefix))
