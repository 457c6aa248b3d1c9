"""The claims ledger over SQL: conflicts and series, the same on SQLite and PostgreSQL.

A conflict is two claims of different documents and different sources (the quoted speaker, else
the outlet, else the document) with the same subject, measure, unit, kind and period, whose value
intervals do not meet. A series is one subject's measure over several periods.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict

from narrascope.records import Claim
from narrascope.store.protocol import Conflict, Series, SeriesPoint
from narrascope.store.sql.base import Connection

INSERT_CLAIM = (
    "INSERT INTO claims (doc_rowid, subject, counted, value, period, approximate, sentence,"
    ' start, "end", subject_id, measure, unit, kind, bound, low, high, time_stated, speaker_id)'
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)

# A subject's counted noun one document states with several values ("с 500–5000 рублей до
# 750–7500", "30 кг, в США — 62 кг", "190 из 300 голосов") names several things: its claims are
# compared with nobody.
AMBIGUOUS = (
    "SELECT 1 FROM claims o WHERE o.doc_rowid = {side}.doc_rowid"
    " AND o.subject_id = {side}.subject_id AND o.counted = {side}.counted"
    " AND o.unit = {side}.unit AND o.kind = {side}.kind AND o.period = {side}.period"
    " AND o.value != {side}.value"
)
SOURCE_A = "coalesce(a.speaker_id, da.outlet, da.id)"
SOURCE_B = "coalesce(b.speaker_id, db.outlet, db.id)"
CONFLICTS = f"""
SELECT a.subject, a.subject_id, a.measure, a.unit, a.kind, a.period,
       da.id, {SOURCE_A}, da.published, a.value, a.sentence,
       db.id, {SOURCE_B}, db.published, b.value, b.sentence
FROM claims a JOIN claims b ON a.subject_id = b.subject_id AND a.measure = b.measure
    AND a.unit = b.unit AND a.kind = b.kind AND a.period = b.period
    AND a.doc_rowid < b.doc_rowid
JOIN documents da ON da.rowid = a.doc_rowid JOIN documents db ON db.rowid = b.doc_rowid
WHERE a.measure != '' AND (a.high < b.low OR b.high < a.low) AND {SOURCE_A} != {SOURCE_B}
    AND NOT EXISTS ({AMBIGUOUS.format(side="a")}) AND NOT EXISTS ({AMBIGUOUS.format(side="b")})
    AND (CAST(? AS TEXT) IS NULL OR a.subject_id = ?)
ORDER BY a.subject_id, a.measure, a.period, da.id, db.id, a.start, b.start
LIMIT ?
"""

SERIES = """
SELECT c.measure, c.unit, c.kind, c.period, c.value, d.id, coalesce(c.speaker_id, d.outlet, d.id)
FROM claims c JOIN documents d ON d.rowid = c.doc_rowid
WHERE c.subject_id = ? AND c.measure != '' AND c.period IS NOT NULL
ORDER BY c.measure, c.unit, c.kind, c.period, d.id, c.start
"""


def claim_row(rowid: int, claim: Claim) -> tuple[object, ...]:
    return (
        rowid,
        claim.subject,
        claim.counted,
        claim.value,
        claim.period,
        int(claim.approximate),
        claim.sentence,
        claim.start,
        claim.end,
        claim.subject_id,
        claim.measure,
        claim.unit,
        claim.kind,
        claim.bound,
        claim.low,
        claim.high,
        int(claim.time_stated),
        claim.speaker_id,
    )


def replace_claims(conn: Connection, updates: Sequence[tuple[str, list[Claim]]]) -> None:
    """A stored document's claims read again (`retag`): its rows and its annotations."""
    for doc_id, claims in updates:
        row = conn.execute(
            "SELECT rowid, annotations FROM documents WHERE id = ?", (doc_id,)
        ).fetchone()
        if row is None:
            continue
        annotations = json.loads(row[1])
        annotations["claims"] = [asdict(claim) for claim in claims]
        conn.execute(
            "UPDATE documents SET annotations = ? WHERE rowid = ?",
            (json.dumps(annotations, ensure_ascii=False), row[0]),
        )
        conn.execute("DELETE FROM claims WHERE doc_rowid = ?", (row[0],))
        conn.executemany(INSERT_CLAIM, [claim_row(row[0], claim) for claim in claims])


def conflicts(conn: Connection, subject_id: str | None, limit: int) -> list[Conflict]:
    rows = conn.execute(CONFLICTS, (subject_id, subject_id, limit))
    return [Conflict(*row) for row in rows]


def series(conn: Connection, subject_id: str) -> list[Series]:
    """The subject's measures stated for two periods or more, each period's values in order."""
    points: dict[tuple[str, str, str], list[SeriesPoint]] = defaultdict(list)
    for measure, unit, kind, period, value, doc_id, source in conn.execute(SERIES, (subject_id,)):
        points[(measure, unit, kind)].append(SeriesPoint(period, value, doc_id, source))
    return [
        Series(measure=measure, unit=unit, kind=kind, points=found)
        for (measure, unit, kind), found in points.items()
        if len({point.period for point in found}) >= 2
    ]
