from __future__ import annotations

import itertools
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import uvicorn

from narrascope import service
from narrascope.ingest.files import read_inputs
from narrascope.store.postgres.local import LocalPostgres
from narrascope.store.postgres.store import PgStore
from narrascope.store.sql.documents import SqlStore
from narrascope.store.sqlite.store import SqliteStore
from narrascope.web.app import create_app
from tests.sites import SiteServer

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
EVAL = SHARED / "eval"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOLDEN = Path(__file__).resolve().parent / "golden"
# The analyze contract as DESIGN.md writes it, restated here so that the tests check the code.
CONTRACT = [
    "source",
    "id",
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
    "events",
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


# Every store contract test runs on both backends; PostgreSQL's is a throw-away server.
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
_databases = itertools.count(1)


@pytest.fixture(scope="session")
def postgres() -> Iterator[LocalPostgres]:
    """A PostgreSQL server from the machine's binaries for the whole run, removed afterwards."""
    server = LocalPostgres().start()
    yield server
    server.stop()


def new_store(backend: str, request: pytest.FixtureRequest, folder: Path) -> SqlStore:
    """An empty store of the backend: a new SQLite file, or a new PostgreSQL database."""
    if backend == "sqlite":
        return SqliteStore(str(folder / f"store{next(_databases)}.db"))
    server: LocalPostgres = request.getfixturevalue("postgres")
    return PgStore(server.create_database(f"test_{next(_databases)}"), max_connections=4)


@pytest.fixture(params=BACKENDS)
def any_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SqlStore]:
    db = new_store(request.param, request, tmp_path)
    yield db
    db.close()


EXAMPLES_CORPUS = ROOT / "examples" / "corpus"
ARTIFACTS = ROOT / "build" / "test-artifacts"


@dataclass(slots=True)
class ExamplesDb:
    """The example corpus that `make run` loads, plus the hostile-markup fixture, stored once
    per test session; tests only read it."""

    path: Path
    report: service.RunReport  # the ingest of the example corpus alone


@pytest.fixture(scope="session")
def examples_db(tmp_path_factory: pytest.TempPathFactory) -> ExamplesDb:
    path = tmp_path_factory.mktemp("examples") / "examples.db"
    db = SqliteStore(str(path))
    try:
        report = service.ingest(read_inputs([str(EXAMPLES_CORPUS)]), db)
        hostile = service.ingest(read_inputs([str(FIXTURES / "hostile.jsonl")]), db)
        assert hostile.failures == [] and hostile.documents == 2
    finally:
        db.close()
    return ExamplesDb(path=path, report=report)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="session")
def live_server(examples_db: ExamplesDb) -> Iterator[str]:
    """`narrascope serve`'s app on a free loopback port over the example database."""
    config = uvicorn.Config(
        create_app(str(examples_db.path)), host="127.0.0.1", port=free_port(), log_level="warning"
    )
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not running.started:
        assert time.monotonic() < deadline, "the test server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{config.port}"
    running.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def site() -> Iterator[SiteServer]:
    """The fixture sites on a fresh 127.0.0.1 port, with an empty request log."""
    server = SiteServer().start()
    yield server
    server.stop()
