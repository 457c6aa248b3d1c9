"""Bad input, crashes and fuzzing: nothing lost, every failure named, the database intact."""

import gzip
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from narrascope.cli.main import app
from narrascope.ingest.files import parse_jsonl
from narrascope.nlp.figures import find_figures
from narrascope.nlp.quotes import find_quotes
from narrascope.records import Document, Failure
from narrascope.text.clean import clean_text
from tests.conftest import ROOT, SEEDS

runner = CliRunner()
GOOD = (SEEDS / "004_f44803bab70fb7fa.txt").read_text(encoding="utf-8")


def bad_inputs(folder: Path) -> dict[str, str]:
    """File name -> a word the failure's reason must contain."""
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (folder / "truncated.txt.gz").write_bytes(gzip.compress(GOOD.encode())[:100])
    (folder / "broken.html").write_text("<html><body><script>x()</script></body>", encoding="utf-8")
    (folder / "controls.txt").write_text("\x01\x02\x03 \u200b\n\x7f", encoding="utf-8")
    (folder / "lines.jsonl").write_text(
        "{broken\n" + json.dumps({"id": "x"}) + "\n", encoding="utf-8"
    )
    return {
        "empty.txt": "empty",
        "binary.txt": "binary",
        "truncated.txt.gz": "gzip",
        "broken.html": "no main text",
        "controls.txt": "no text",
        "lines.jsonl:1": "JSON",
        "lines.jsonl:2": "text",
    }


def test_every_bad_input_is_named_and_the_good_ones_are_stored(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    expected = bad_inputs(folder)
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "cp1251.txt").write_bytes(GOOD.replace("Казахстан", "Казахстан!", 1).encode("cp1251"))
    # one enormous line, just under the 1,000,000-character limit for one document: stored
    (folder / "long_line.txt").write_text(("Астана " * 140_000).strip() + ".", encoding="utf-8")
    db = tmp_path / "r.db"
    result = runner.invoke(app, ["--db", str(db), "ingest", str(folder)])
    assert result.exit_code == 1
    failures = runner.invoke(app, ["--db", str(db), "failures"]).stdout
    for name, reason in expected.items():
        line = next(line for line in failures.splitlines() if line.split("\t")[0].endswith(name))
        assert reason.lower() in line.lower(), line
    assert "documents / документов: 3" in runner.invoke(app, ["--db", str(db), "stats"]).stdout
    (folder / "long_line.txt").unlink()  # stored above; its second pass would only cost time
    again = runner.invoke(app, ["--db", str(db), "ingest", str(folder)])
    assert again.exit_code == 1
    assert "documents / документов: 3" in runner.invoke(app, ["--db", str(db), "stats"]).stdout


@pytest.mark.slow
def test_an_ingest_killed_half_way_and_run_again_stores_everything_once(tmp_path: Path) -> None:
    corpus = tmp_path / "posts.jsonl"  # 160 short real posts: two batches and a half
    posts = (ROOT / "examples" / "corpus" / "telegram_posts.jsonl").read_text(encoding="utf-8")
    corpus.write_text("".join(posts.splitlines(True)[:160]), encoding="utf-8")
    db = tmp_path / "kill.db"
    command = [sys.executable, "-m", "narrascope", "--db", str(db), "ingest", str(corpus)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and stored(db) == 0:  # the first batch is committed
        time.sleep(0.5)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    partial = stored(db)
    assert 0 < partial < 160
    assert subprocess.run(command, capture_output=True).returncode == 0
    assert stored(db) == 160
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(DISTINCT id) FROM documents").fetchone()[0] == 160


def stored(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db, timeout=1) as conn:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


FUZZ = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PIECES = [
    *'Аа Бб«»"„“–—-:;.,!?\n0123456789%$',
    "Казахстан",
    "Токаев",
    "что",
    "заявил",
    "[[",
    "]]",
    "Фото:",
    "\x00",
    "десятки",
    "около",
]
russianish = st.lists(st.sampled_from(PIECES), max_size=120).map("".join)


@FUZZ
@given(st.text(max_size=500) | russianish)
def test_cleaner_never_crashes_and_keeps_no_more_than_it_got(raw: str) -> None:
    cleaned = clean_text(raw)
    assert len(cleaned.text) <= len(raw) + 1
    assert all(r.reason for r in cleaned.removed)


@FUZZ
@given(st.text(max_size=500) | russianish)
@example("𗀀")  # a letter without a Unicode name once crashed pymorphy3
@example("Он сказал𗀀, что 5 млн")
def test_quotes_and_figures_point_into_the_text(text: str) -> None:
    for quote in find_quotes(text, []):
        assert 0 <= quote.start <= quote.end <= len(text)
        assert text[quote.start : quote.end] == quote.text
    for figure, _ in find_figures(text):
        assert text[figure.start : figure.end] == figure.text


JSON_FIELDS = st.sampled_from(["id", "text", "html", "url", "title", "published"])
JSON_VALUES = st.none() | st.text(max_size=30) | st.integers()
JSON_LINE = st.text(max_size=80) | st.builds(json.dumps, st.dictionaries(JSON_FIELDS, JSON_VALUES))


@FUZZ
@given(st.lists(JSON_LINE, max_size=8))
@example(["\x00"])  # a NUL line in memory once got the file-level binary refusal, unnamed
def test_json_lines_become_documents_or_named_failures(lines: list[str]) -> None:
    for item in parse_jsonl("fuzz.jsonl", "\n".join(lines)):
        assert isinstance(item, Document | Failure)
        if isinstance(item, Failure):
            assert item.source.startswith("fuzz.jsonl:") and item.reason


def test_a_100_mb_file_and_an_enormous_line_are_refused_by_name(tmp_path: Path) -> None:
    folder = tmp_path / "big"
    folder.mkdir()
    line = (GOOD.replace("\n", " ") + " ") * (1_100_000 // len(GOOD) + 1)
    (folder / "one_line.txt").write_text(line, encoding="utf-8")
    with (folder / "huge.txt").open("w", encoding="utf-8") as huge:
        for _ in range(100):
            huge.write("Казахстан " * 52_429 + "\n")  # 100 MB in all
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    db = tmp_path / "big.db"
    result = runner.invoke(app, ["--db", str(db), "ingest", str(folder)])
    assert result.exit_code == 1
    reasons = {Path(f.source).name: f.reason for f in stored_failures(db)}
    assert "larger than 64 MB" in reasons["huge.txt"]
    assert "1,000,000-character limit" in reasons["one_line.txt"]
    assert stored(db) == 1  # the good file went on


def stored_failures(db: Path) -> list[Failure]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT source, stage, reason, doc_id FROM failures").fetchall()
    return [Failure(source=s, stage=st, reason=r, doc_id=d) for s, st, r, d in rows]
