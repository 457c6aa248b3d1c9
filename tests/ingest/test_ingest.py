import gzip
import json
from pathlib import Path

import pytest

from narrascope.ingest import files as ingest
from narrascope.ingest.files import read_inputs
from narrascope.records import Document, Failure
from tests.conftest import FIXTURES, SEEDS

SENTENCE = "Касым-Жомарт Токаев провёл переговоры с председателем КНР в Астане.\n"


def read_one(path: Path, input_format: str = "auto") -> Document | Failure:
    results = list(read_inputs([str(path)], input_format))
    assert len(results) == 1
    return results[0]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1251", "koi8_r"])
def test_cyrillic_encodings_are_detected(tmp_path: Path, encoding: str) -> None:
    text = (SEEDS / "004_f44803bab70fb7fa.txt").read_text(encoding="utf-8")
    path = tmp_path / "doc.txt"
    path.write_bytes(text.encode(encoding, errors="ignore"))
    doc = read_one(path)
    assert isinstance(doc, Document)
    assert doc.raw is not None and doc.raw.startswith("Казахстан уверенно демонстрирует")


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r"])
def test_short_legacy_encoded_text(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "short.txt"
    path.write_bytes(SENTENCE.encode(encoding))
    doc = read_one(path)
    assert isinstance(doc, Document)
    assert doc.raw == SENTENCE


def test_gzip_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt.gz"
    path.write_bytes(gzip.compress(SENTENCE.encode()))
    doc = read_one(path)
    assert isinstance(doc, Document) and doc.raw == SENTENCE and doc.raw_format == "text"


def test_truncated_gzip_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt.gz"
    path.write_bytes(gzip.compress(SENTENCE.encode() * 50)[:40])
    failure = read_one(path)
    assert isinstance(failure, Failure)
    assert failure.source == str(path) and "gzip" in failure.reason


def test_gzip_bomb_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest, "MAX_INPUT_BYTES", 1000)
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(gzip.compress(b"a" * 100_000))
    failure = read_one(path)
    assert isinstance(failure, Failure) and "larger than" in failure.reason


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "empty"), (b"  \n ", "empty"), (b"\x00\x01binary\x00", "binary")],
)
def test_unreadable_files_are_named_failures(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    failure = read_one(path)
    assert isinstance(failure, Failure)
    assert failure.stage == "ingest" and reason in failure.reason


def test_missing_path_is_a_failure() -> None:
    failure = read_one(Path("/nonexistent/file.txt"))
    assert isinstance(failure, Failure) and "no such file" in failure.reason


def test_html_by_suffix_and_by_sniffing(tmp_path: Path) -> None:
    html = (FIXTURES / "html" / "wday.ru.model.html").read_text(encoding="utf-8")
    (tmp_path / "page.htm").write_text(html, encoding="utf-8")
    (tmp_path / "page.bin").write_text(html, encoding="utf-8")
    assert read_one(tmp_path / "page.htm").raw_format == "html"  # type: ignore[union-attr]
    sniffed = read_one(tmp_path / "page.bin")
    assert isinstance(sniffed, Document) and sniffed.raw_format == "html"


def test_directory_is_walked_recursively_in_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.md").write_text("Второй", encoding="utf-8")
    (tmp_path / "one.txt").write_text("Первый", encoding="utf-8")
    (tmp_path / "skip.png").write_bytes(b"\x89PNG\x00")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.txt").write_text("скрытый", encoding="utf-8")
    sources = [item.source for item in read_inputs([str(tmp_path)])]
    assert sources == [str(tmp_path / "b" / "two.md"), str(tmp_path / "one.txt")]


def test_jsonl_lines_become_documents_and_named_failures(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {"id": "a1", "text": SENTENCE, "title": "Переговоры", "published": "2024-05-17"}
        ),
        "",
        "{not json",
        json.dumps({"id": "a3", "title": "no body"}),
        json.dumps({"html": "<html><body><p>Текст</p></body></html>", "url": "https://zakon.kz/x"}),
        json.dumps(["a list"]),
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    results = list(read_inputs([str(path)]))
    docs = [r for r in results if isinstance(r, Document)]
    failures = {r.source: r.reason for r in results if isinstance(r, Failure)}
    assert docs[0].id == "a1"
    assert docs[0].title == "Переговоры" and docs[0].published == "2024-05-17"
    assert docs[1].raw_format == "html" and docs[1].url == "https://zakon.kz/x"
    assert set(failures) == {f"{path}:3", f"{path}:4", f"{path}:6"}
    assert "text" in failures[f"{path}:4"]


def test_jsonl_forced_on_any_suffix(tmp_path: Path) -> None:
    path = tmp_path / "batch.txt"
    path.write_text(json.dumps({"id": "z", "text": "Астана"}), encoding="utf-8")
    doc = read_one(path, "jsonl")
    assert isinstance(doc, Document) and doc.id == "z"


def test_ids_are_deterministic(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_text(SENTENCE, encoding="utf-8")
    first, second = read_one(path), read_one(path)
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.id == second.id
