import io
import json
from pathlib import Path

import pytest

from narrascope import jsonlines

SEPARATED = "Токаев\u2028провёл переговоры\u2029в Астане\u0085и\x1cуехал\rдомой"


def test_lines_end_at_newline_only() -> None:
    data = (json.dumps({"text": SEPARATED}, ensure_ascii=False) + "\r\n\n  \n" + "[1]").encode()
    found = list(jsonlines.lines(io.BytesIO(data)))
    assert [line.number for line in found] == [1, 4]
    assert json.loads(jsonlines.decode_line(found[0].data or b""))["text"] == SEPARATED


def test_dumps_escapes_the_separators_that_naive_readers_split_on() -> None:
    line = jsonlines.dumps({"text": SEPARATED, "name": "Акорда"})
    assert line.splitlines() == [line] and "Акорда" in line
    assert json.loads(line) == {"text": SEPARATED, "name": "Акорда"}


def test_records_names_the_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_text('{"a": 1}\n{broken\n', encoding="utf-8")
    rows = jsonlines.records(path)
    assert next(rows) == {"a": 1}
    with pytest.raises(ValueError, match=rf"{path}:2: "):
        next(rows)
