import json
import os
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from narrascope.cli.main import app
from tests.conftest import CONTRACT, GOLDEN, SEEDS, seed_paths

ENTITY_FIELDS = {"text", "start", "end", "type", "normal", "id", "name"}
EVENT_FIELDS = {
    "type",
    "date",
    "status",
    "participants",
    "place",
    "text",
    "start",
    "end",
    "event_id",
}
EVENT_TYPES = {"visit", "talks", "summit", "agreement", "announcement", "cancellation"}
runner = CliRunner()


def invoke(*args: str, db: Path | None = None, stdin: str | None = None):  # type: ignore[no-untyped-def]
    prefix = ["--db", str(db)] if db else []
    return runner.invoke(app, [*prefix, *args], input=stdin)


@pytest.fixture(scope="module")
def analyzed() -> list[dict]:  # type: ignore[type-arg]
    result = invoke("analyze", *map(str, seed_paths()), "--format", "jsonl")
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_analyze_prints_one_contract_record_per_seed(analyzed: list[dict]) -> None:  # type: ignore[type-arg]
    assert [Path(r["source"]).name for r in analyzed] == [p.name for p in seed_paths()]
    for record in analyzed:
        assert list(record) == CONTRACT  # DESIGN.md's order
        assert record["lang"] == "ru"
        for entity in record["entities"]:
            assert set(entity) == ENTITY_FIELDS
            assert record["text"][entity["start"] : entity["end"]] == entity["text"]
            assert entity["type"] in {"PER", "ORG", "LOC"}
        for event in record["events"]:
            assert set(event) >= EVENT_FIELDS
            assert record["text"][event["start"] : event["end"]] == event["text"]
            assert event["status"] in {"happened", "planned", "cancelled"}
            assert event["type"] in EVENT_TYPES
    assert any(record["events"] for record in analyzed)  # seed 000: the Astana forum called off


def test_analyze_reads_and_writes_unicode_line_separators_whole() -> None:
    """U+2028 inside a JSON string is valid; kept as given (--no-clean), the output escapes it,
    so any line reader copes."""
    text = "Президент Токаев провёл переговоры в Астане.\u2028Стороны обсудили транзит."
    line = json.dumps({"id": "sep", "text": text}, ensure_ascii=False)
    result = invoke("analyze", "-", "--input-format", "jsonl", "--no-clean", stdin=line + "\n")
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 1 and "\\u2028" in result.stdout
    record = json.loads(result.stdout)
    assert record["id"] == "sep" and "\u2028" in record["text"]


def test_analyze_matches_golden_files(analyzed: list[dict]) -> None:  # type: ignore[type-arg]
    """Golden outputs a person can read in a diff; UPDATE_GOLDEN=1 rewrites them."""
    folder = GOLDEN / "analyze"
    for record in analyzed:
        path = folder / (Path(record["source"]).stem + ".json")
        record = {**record, "source": Path(record["source"]).name}
        rendered = json.dumps(record, ensure_ascii=False, indent=2) + "\n"
        if os.environ.get("UPDATE_GOLDEN"):
            folder.mkdir(parents=True, exist_ok=True)
            path.write_text(rendered, encoding="utf-8")
        assert path.read_text(encoding="utf-8") == rendered, (
            f"{path.name} differs from the golden file"
        )


def test_seed_entities_include_the_people_and_places(analyzed: list[dict]) -> None:  # type: ignore[type-arg]
    by_seed = {Path(r["source"]).name[:3]: r for r in analyzed}
    normals = {(e["type"], e["normal"]) for e in by_seed["004"]["entities"]}
    assert {("PER", "Рустем Мустафин"), ("LOC", "Казахстан"), ("LOC", "Китай")} <= normals


def test_no_clean_keeps_offsets_into_the_given_text(tmp_path: Path) -> None:
    text = "  Президент Токаев\r\nприбыл в Пекин.  "
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "n1", "text": text}), encoding="utf-8")
    result = invoke("analyze", str(path), "--input-format", "jsonl", "--no-clean")
    record = json.loads(result.stdout)
    assert record["id"] == "n1" and record["text"] == text
    assert {text[e["start"] : e["end"]] for e in record["entities"]} >= {"Токаев", "Пекин"}


def test_analyze_reads_stdin() -> None:
    result = invoke(
        "analyze", "-", stdin=(SEEDS / "001_8bf17d540df77e3a.txt").read_text(encoding="utf-8")
    )
    assert result.exit_code == 0
    assert json.loads(result.stdout)["source"] == "<stdin>"


def test_bad_document_exits_1_naming_it_and_the_rest_go_on(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    result = invoke("analyze", str(tmp_path / "empty.txt"), str(SEEDS / "004_f44803bab70fb7fa.txt"))
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 1
    assert "empty.txt" in result.stderr and "empty input" in result.stderr


def test_usage_error_exits_2() -> None:
    assert invoke("analyze").exit_code == 2
    assert invoke("search", "x", "--format", "xml").exit_code == 2


def test_ingest_twice_keeps_the_count_and_search_finds_inflections(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    assert invoke("ingest", str(SEEDS), db=db).exit_code == 0
    first = stored_rows(db)
    assert invoke("ingest", str(SEEDS), db=db).exit_code == 0
    assert stored_rows(db) == first
    assert "documents / документов: 5" in invoke("stats", db=db).stdout
    result = invoke("search", "средней державы", "--format", "jsonl", db=db)
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert {"id", "source", "title", "score"} == set(rows[0])
    names = {Path(row["source"]).name[:3] for row in rows}
    assert {"002", "004"} <= names
    shown = json.loads(invoke("show", rows[0]["id"], db=db).stdout)
    assert shown["id"] == rows[0]["id"] and shown["text"]


def stored_rows(db: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        query = (
            "SELECT id, title, author, published, outlet, text, annotations, duplicate_of,"
            " story_id, ingested_at FROM documents ORDER BY id"
        )
        return [tuple(row) for row in conn.execute(query)]


def test_ingest_failure_is_stored_and_listed(tmp_path: Path) -> None:
    db = tmp_path / "f.db"
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x00")
    result = invoke("ingest", str(bad), str(SEEDS / "001_8bf17d540df77e3a.txt"), db=db)
    assert result.exit_code == 1 and "bad.txt" in result.stderr
    assert "binary" in invoke("failures", db=db).stdout
    assert "documents / документов: 1" in invoke("stats", db=db).stdout


@pytest.mark.parametrize(
    "query", ['"', "NEAR(", "*", "a OR NOT", "'; DROP TABLE documents; --", "я" * 5000]
)
def test_search_never_crashes(tmp_path: Path, query: str) -> None:
    db = tmp_path / "s.db"
    invoke("ingest", str(SEEDS / "004_f44803bab70fb7fa.txt"), db=db)
    result = invoke("search", query, db=db)
    assert result.exit_code == 0, result.output


def test_show_unknown_id_exits_1(tmp_path: Path) -> None:
    assert invoke("show", "nope", db=tmp_path / "e.db").exit_code == 1
