"""A collect run killed with SIGKILL, during fetching and then during processing, and run
again: every item ends stored exactly once, nothing lost, nothing twice."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.sites import SiteServer

pytestmark = pytest.mark.slow

ITEMS = 40
SOURCES = """
[fetch]
rate = 40
per_host = 2
retries = 1
backoff = 0.01
allow_private = ["127.0.0.1"]

[[source]]
name = "Many"
kind = "rss"
url = "{base}/many.xml?n={items}"
max_items = {items}
"""


def start_collect(db: Path, sources: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "narrascope", "--db", str(db), "collect", str(sources)]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def kill_when(process: subprocess.Popen[bytes], ready: Callable[[], bool]) -> None:
    deadline = time.monotonic() + 240
    while not ready():
        assert process.poll() is None, "collect finished before it could be killed"
        assert time.monotonic() < deadline, "the moment to kill never came"
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()


def count(db: Path, query: str) -> int:
    if not db.exists():
        return 0
    with sqlite3.connect(db) as conn:
        try:
            return int(conn.execute(query).fetchone()[0])
        except sqlite3.OperationalError:  # tables not created yet
            return 0


def test_killed_twice_and_resumed_stores_every_item_once(tmp_path: Path, site: SiteServer) -> None:
    db = tmp_path / "crash.db"
    sources = tmp_path / "sources.toml"
    sources.write_text(SOURCES.format(base=site.base, items=ITEMS), encoding="utf-8")

    def delays() -> int:
        return sum(entry.path.startswith("/delay/") for entry in site.log.requests)

    first = start_collect(db, sources)
    kill_when(first, lambda: delays() >= ITEMS // 4)  # half-way through fetching
    fetched_before = count(db, "SELECT count(*) FROM collect_items WHERE state = 'fetched'")
    assert 0 < fetched_before < ITEMS
    assert count(db, "SELECT count(*) FROM documents") == 0

    second = start_collect(db, sources)
    kill_when(
        second, lambda: count(db, "SELECT count(*) FROM collect_items WHERE state = 'new'") == 0
    )
    assert count(db, "SELECT count(*) FROM documents") < ITEMS  # killed before storing all

    third = start_collect(db, sources)
    _, errors = third.communicate(timeout=600)
    assert third.returncode == 0, errors.decode()
    assert count(db, "SELECT count(*) FROM collect_items WHERE state = 'done'") == ITEMS
    assert count(db, "SELECT count(*) FROM documents WHERE url LIKE '%/delay/%'") == ITEMS
    assert count(db, "SELECT count(DISTINCT url) FROM documents") == ITEMS
    assert count(db, "SELECT count(*) FROM documents_fts") == ITEMS
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    # each article was fetched once: the killed runs' bodies were kept, not fetched again
    paths = [entry.path for entry in site.log.requests if entry.path.startswith("/delay/")]
    assert len(set(paths)) == ITEMS and len(paths) <= ITEMS + 2  # at most the two in flight
