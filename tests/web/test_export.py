"""Lists as CSV, XLSX and JSON Lines: readable back, Cyrillic intact, formulas never run."""

import csv
import io
import json

from openpyxl import load_workbook

from narrascope.views import QuoteRow
from narrascope.web.export import ExportFormat, export

ROWS = [
    QuoteRow(
        doc_id="d1",
        title="Казахстан и ЕАЭС",
        outlet="Zakon.kz",
        published="2025-10-21",
        speaker_id="person:tokayev",
        speaker="Касым-Жомарт Токаев",
        role="Президент",
        text='=HYPERLINK("http://evil.example", "нажми")',
        start=10,
        end=60,
    ),
    QuoteRow(
        doc_id="d2",
        title=None,
        outlet=None,
        published=None,
        speaker_id=None,
        speaker="эксперты",
        role=None,
        text="Многовекторность остаётся основой",
        start=0,
        end=33,
    ),
]


def test_csv_reads_back_with_a_bom_and_neutralised_formulas() -> None:
    data = export(ROWS, ExportFormat.csv)
    assert data.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [r["speaker"] for r in rows] == ["Касым-Жомарт Токаев", "эксперты"]
    assert rows[0]["text"].startswith("'=HYPERLINK")
    assert rows[1]["title"] == "" and rows[1]["start"] == "0"


def test_xlsx_keeps_text_as_text() -> None:
    book = load_workbook(io.BytesIO(export(ROWS, ExportFormat.xlsx, "quotes")))
    sheet = book["quotes"]
    header = [cell.value for cell in sheet[1]]
    assert header[:3] == ["doc_id", "title", "outlet"]
    text = sheet.cell(row=2, column=header.index("text") + 1)
    assert text.data_type == "s" and text.value == ROWS[0].text
    assert sheet.cell(row=3, column=header.index("end") + 1).value == 33


def test_jsonl_round_trips_and_keeps_lists() -> None:
    rows = [{"id": "a", "themes": ["nuclear", "security"]}, {"id": "b", "themes": []}]
    lines = export(rows, ExportFormat.jsonl).decode("utf-8").splitlines()
    assert [json.loads(line) for line in lines] == rows
    assert (
        export(rows, ExportFormat.csv).decode("utf-8-sig").splitlines()[1] == "a,nuclear; security"
    )


def test_an_empty_list_exports_to_empty_files() -> None:
    assert export([], ExportFormat.jsonl) == b""
    assert load_workbook(io.BytesIO(export([], ExportFormat.xlsx))).active is not None
