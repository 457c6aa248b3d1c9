import gzip
import json
from pathlib import Path

import pytest

from narrascope import jsonlines
from narrascope.ingest import files as ingest
from narrascope.ingest.files import read_inputs
from narrascope.records import Document, Failure
from tests.conftest import EVAL, FIXTURES, SEEDS

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


TRAFILATURA_PAGES = EVAL / "extraction" / "trafilatura_snippets" / "eval_half.jsonl.gz"


def test_real_pages_holding_unicode_line_separators_are_read_whole() -> None:
    """475 real pages, 79 MB unpacked: the file was refused whole (over the 64 MB cap), and four
    pages carry U+2028 or U+0085 in their HTML, where `str.splitlines` cut a record in two."""
    reading = ingest.ReadProgress()
    results = list(read_inputs([str(TRAFILATURA_PAGES)], "jsonl", reading))
    docs = [r for r in results if isinstance(r, Document)]
    assert [r for r in results if isinstance(r, Failure)] == []
    assert len(docs) == 475 == reading.lines
    assert sum("\u2028" in (doc.raw or "") for doc in docs) == 3
    assert sum("\u0085" in (doc.raw or "") for doc in docs) == 1
    assert reading.bytes_read == reading.total_bytes == TRAFILATURA_PAGES.stat().st_size


@pytest.mark.parametrize("packed", [False, True], ids=["plain", "gzip"])
def test_jsonl_over_64_mb_streams_line_by_line(tmp_path: Path, packed: bool) -> None:
    record = json.dumps({"id": "z1", "text": "Токаев\u2028провёл переговоры в Астане."})
    body = ((" " * (1 << 20) + "\n") * 66 + record + "\n").encode("utf-8")  # 66 MB of blanks
    path = tmp_path / ("dump.jsonl.gz" if packed else "dump.jsonl")
    path.write_bytes(gzip.compress(body, compresslevel=1) if packed else body)
    results = list(read_inputs([str(path)]))
    assert len(results) == 1 and isinstance(results[0], Document)
    assert (
        results[0].source == f"{path}:67"
        and results[0].raw == "Токаев\u2028провёл переговоры в Астане."
    )


def test_a_line_over_the_limit_is_one_failure_and_the_rest_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(jsonlines, "LINE_LIMIT", 1000)
    path = tmp_path / "dump.jsonl"
    lines = [
        json.dumps({"id": "a", "text": "Астана " * 500}),
        json.dumps({"id": "b", "text": "Алматы"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    first, second = read_inputs([str(path)])
    assert isinstance(first, Failure) and first.source == f"{path}:1"
    assert "longer than" in first.reason
    assert isinstance(second, Document) and second.id == "b" and second.source == f"{path}:2"


def test_truncated_gzip_dump_keeps_the_lines_before_and_names_the_break(tmp_path: Path) -> None:
    lines = [json.dumps({"id": f"d{i}", "text": f"Новость номер {i} " * 40}) for i in range(400)]
    packed = gzip.compress("\n".join(lines).encode("utf-8"))
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(packed[: len(packed) // 2])
    results = list(read_inputs([str(path)]))
    docs = [r for r in results if isinstance(r, Document)]
    assert 0 < len(docs) < 400 and [d.id for d in docs] == [f"d{i}" for i in range(len(docs))]
    assert isinstance(results[-1], Failure) and results[-1].source == str(path)
    assert f"after line {len(docs)}" in results[-1].reason


def test_empty_and_binary_jsonl_files_are_one_failure_each(tmp_path: Path) -> None:
    (tmp_path / "empty.jsonl").write_text("\n \n", encoding="utf-8")
    (tmp_path / "binary.jsonl").write_bytes(b"\x00\x01\x02\n" * 10)
    reasons = {Path(r.source).name: r.reason for r in read_inputs([str(tmp_path)])}
    assert reasons == {"binary.jsonl": "binary content (NUL bytes)", "empty.jsonl": "empty input"}


def test_progress_counts_files_bytes_and_lines(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text(
        json.dumps({"text": "Астана"}) + "\n\n" + json.dumps({"text": "Алматы"}), encoding="utf-8"
    )
    (tmp_path / "b.txt").write_text(SENTENCE, encoding="utf-8")
    reading = ingest.ReadProgress()
    assert len(list(read_inputs([str(tmp_path)], progress=reading))) == 3
    size = sum(p.stat().st_size for p in tmp_path.iterdir())
    assert (reading.total_bytes, reading.bytes_read, reading.lines) == (size, size, 3)
