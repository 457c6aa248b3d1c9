"""The API and the pages keep answering while another process ingests into the same database
(SQLite in WAL: readers never wait for the writer)."""

import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn

from narrascope.store.sqlite.store import SqliteStore
from narrascope.web.app import create_app
from tests.conftest import ROOT, free_port

pytestmark = pytest.mark.slow
POSTS = ROOT / "examples" / "corpus" / "telegram_posts.jsonl"
MIX = [
    "/api/stats",
    "/api/documents?limit=20",
    "/",
    "/themes",
    "/health",
    "/api/search?q=Москва&mode=hybrid",
    "/api/entities?limit=20",
    "/quotes",
]


@pytest.fixture
def server_over(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    db = tmp_path / "busy.db"
    SqliteStore(str(db)).close()  # migrated, empty
    config = uvicorn.Config(
        create_app(str(db)), host="127.0.0.1", port=free_port(), log_level="warning"
    )
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    while not running.started:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{config.port}", db
    running.should_exit = True
    thread.join(timeout=10)


def test_reads_go_on_while_an_ingest_writes(server_over: tuple[str, Path], tmp_path: Path) -> None:
    base, db = server_over
    posts = tmp_path / "posts.jsonl"
    posts.write_text("".join(POSTS.read_text(encoding="utf-8").splitlines(True)[:80]), "utf-8")
    command = [sys.executable, "-m", "narrascope", "--db", str(db), "ingest", str(posts)]
    writer = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    statuses: list[tuple[str, int]] = []
    counts: list[int] = []
    with httpx.Client(base_url=base, timeout=60) as http:
        index = 0
        while writer.poll() is None:
            url = MIX[index % len(MIX)]
            index += 1
            response = http.get(url)
            statuses.append((url, response.status_code))
            if url == "/api/stats" and response.status_code == 200:
                counts.append(response.json()["documents"])
        final = http.get("/api/stats").json()["documents"]
    assert writer.returncode == 0, writer.stderr.read() if writer.stderr else ""
    assert len(statuses) >= 20
    assert [s for s in statuses if s[1] != 200] == []
    assert len(set(counts)) >= 3, counts  # reads saw the table grow, batch by batch
    assert counts == sorted(counts) and final == 80
