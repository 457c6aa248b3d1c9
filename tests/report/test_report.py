"""Digests: every line that cites a document names the exact span its words come from."""

import json
import os
import re

import pytest

from narrascope.nlp.themepack import load_pack
from narrascope.report.digest import Digest, build
from narrascope.report.render import render
from narrascope.store.protocol import SearchFilters
from narrascope.store.sqlite.store import SqliteStore
from tests.cli.test_cli import invoke
from tests.conftest import GOLDEN, ExamplesDb

pytestmark = pytest.mark.slow
BASE = "http://127.0.0.1:8000"
OCTOBER = SearchFilters(since="2025-10-01", until="2025-10-31")  # the seeds and the hostile pair
NOVEMBER = SearchFilters(since="2024-11-01", until="2024-11-30")  # the Telegram posts


def digest_of(examples_db: ExamplesDb, filters: SearchFilters, lang: str = "ru") -> Digest:
    store = SqliteStore(str(examples_db.path))
    try:
        return build(store, filters, load_pack(), lang)
    finally:
        store.close()


def test_every_cited_line_is_the_text_at_its_span(examples_db: ExamplesDb) -> None:
    store = SqliteStore(str(examples_db.path))
    digest = digest_of(examples_db, NOVEMBER)
    cited = [line for section in digest.sections for line in section.lines if line.doc_id]
    assert len(cited) >= 10
    for line in cited:
        doc = store.get(line.doc_id)  # type: ignore[arg-type]
        assert doc is not None and line.span is not None
        start, end = line.span
        assert (doc.text or "")[start:end].strip() == line.text, line
        assert "2024-11-01" <= (doc.published or "")[:10] <= "2024-11-30"
        assert line.url(BASE) == f"{BASE}/documents/{doc.id}?span={start}-{end}#target"
    store.close()
    counting = [line for section in digest.sections for line in section.lines if not line.doc_id]
    assert all(line.url(BASE).startswith(BASE + "/") for line in counting)
    assert {section.title for section in digest.sections} >= {"Обзор", "Главные сюжеты"}


def test_october_digest_golden(examples_db: ExamplesDb) -> None:
    """The digest of the seeds' month, as lines and links; UPDATE_GOLDEN=1 rewrites."""
    digest = digest_of(examples_db, OCTOBER, "en")
    rendered = [
        {
            "section": s.title,
            "lines": [f"{line.text} | {line.note} | {line.url('')}" for line in s.lines],
        }
        for s in digest.sections
    ]
    content = json.dumps(rendered, ensure_ascii=False, indent=1) + "\n"
    path = GOLDEN / "report" / "october_en.json"
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == content


def test_renderings_keep_links_and_escape_scraped_markup(examples_db: ExamplesDb) -> None:
    digest = digest_of(examples_db, OCTOBER)
    lines = sum(len(section.lines) for section in digest.sections)
    markdown = render(digest, "md", BASE).decode("utf-8")
    assert markdown.count(f"]({BASE}/") == lines
    assert not re.search(r"(?<!\\)<", markdown)  # every "<" of scraped text escaped
    assert "\\<script\\>" in markdown
    html = render(digest, "html", BASE).decode("utf-8")
    assert html.count(f'<a href="{BASE}/') == lines
    assert "<script" not in html and "&lt;script&gt;" in html
    assert html.count("<svg") >= 2  # the charts, drawn inside the file
    pdf = render(digest, "pdf", BASE)
    assert pdf.startswith(b"%PDF")
    assert len(re.findall(rb"/URI", pdf)) >= lines


def test_report_command_writes_each_format(examples_db: ExamplesDb, tmp_path) -> None:  # type: ignore[no-untyped-def]
    for fmt in ("html", "md", "pdf"):
        target = tmp_path / f"digest.{fmt}"
        result = invoke(
            "report",
            "--since",
            "2025-10-01",
            "--until",
            "2025-10-31",
            "--format",
            fmt,
            "-o",
            str(target),
            db=examples_db.path,
        )
        assert result.exit_code == 0, result.output
        assert target.stat().st_size > 1000
    missing = invoke(
        "report",
        "--since",
        "2025-10-01",
        "--until",
        "2025-10-31",
        "--format",
        "pdf",
        db=examples_db.path,
    )
    assert missing.exit_code == 2


def test_serve_refuses_an_open_address_without_a_token() -> None:
    result = invoke("serve", "--host", "0.0.0.0")
    assert result.exit_code == 2
    assert "token" in result.output
