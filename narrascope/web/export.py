"""Any list the API or CLI shows, as CSV, XLSX or JSON Lines: one row per record, one column
per field; lists are joined with "; " in the tabular formats and kept as arrays in JSON Lines."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from dataclasses import asdict, fields, is_dataclass
from enum import StrEnum
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from narrascope import jsonlines

MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "jsonl": "application/x-ndjson; charset=utf-8",
}
# A spreadsheet program runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class ExportFormat(StrEnum):
    csv = "csv"
    xlsx = "xlsx"
    jsonl = "jsonl"


def records(items: Sequence[Any]) -> tuple[list[str], list[dict[str, Any]]]:
    """Column names and rows of a list of dataclasses (or of dicts)."""
    if not items:
        return [], []
    first = items[0]
    if is_dataclass(first) and not isinstance(first, type):
        columns = [f.name for f in fields(first)]
        return columns, [asdict(item) for item in items]
    columns = list(first)
    return columns, [dict(item) for item in items]


def flat(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return "; ".join(str(flat(item)) for item in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def csv_cell(value: Any) -> Any:
    value = flat(value)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def to_csv(items: Sequence[Any]) -> bytes:
    columns, rows = records(items)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    writer.writerows([csv_cell(row[column]) for column in columns] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # the BOM makes Excel read UTF-8


def to_xlsx(items: Sequence[Any], sheet: str = "narrascope") -> bytes:
    columns, rows = records(items)
    book = Workbook(write_only=True)
    worksheet = book.create_sheet(re.sub(r"[^\w -]+", "_", sheet)[:31] or "narrascope")
    worksheet.append(columns)
    for row in rows:
        values = []
        for column in columns:
            value = flat(row[column])
            written = WriteOnlyCell(worksheet, value=value)
            if isinstance(value, str):
                written.data_type = "s"  # never a formula, whatever the text
            values.append(written)
        worksheet.append(values)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def to_jsonl(items: Sequence[Any]) -> bytes:
    _, rows = records(items)
    return "".join(jsonlines.dumps(row) + "\n" for row in rows).encode("utf-8")


def export(items: Sequence[Any], export_format: ExportFormat, sheet: str = "narrascope") -> bytes:
    if export_format is ExportFormat.csv:
        return to_csv(items)
    if export_format is ExportFormat.xlsx:
        return to_xlsx(items, sheet)
    return to_jsonl(items)
