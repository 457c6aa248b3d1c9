from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from narrascope.sqlite_store import SqliteStore

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOLDEN = Path(__file__).resolve().parent / "golden"
# The analyze contract as DESIGN.md writes it, restated here so that the tests check the code.
CONTRACT = [
    "id",
    "source",
    "url",
    "outlet",
    "title",
    "author",
    "published",
    "lang",
    "forwarded_from",
    "duplicate_of",
    "story_id",
    "text",
    "entities",
    "quotes",
    "figures",
    "themes",
]


def seed_paths() -> list[Path]:
    paths = sorted(SEEDS.glob("*.txt"))
    assert len(paths) == 5, f"expected the five seeds in {SEEDS}"
    return paths


@pytest.fixture(autouse=True)
def isolated_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the developer's data/narrascope.db."""
    monkeypatch.setenv("NARRASCOPE_DB", str(tmp_path / "default.db"))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    db = SqliteStore(str(tmp_path / "test.db"))
    yield db
    db.close()
