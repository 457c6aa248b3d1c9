"""The reprint index kept in SQLite: fingerprints with their cluster origin, and LSH band keys.

Nothing is held in memory between documents, so the index grows with the database, not with the
process; every lookup is a few indexed queries.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from narrascope.dedup import Fingerprint

if TYPE_CHECKING:
    from narrascope.sqlite_store import SqliteStore

MIGRATION = """
CREATE TABLE fingerprints (
    seq INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL UNIQUE,
    published TEXT,
    exact TEXT NOT NULL,
    minhash BLOB NOT NULL,
    origin TEXT
);
CREATE INDEX fingerprints_exact ON fingerprints(exact);
CREATE INDEX fingerprints_origin ON fingerprints(origin);
CREATE TABLE lsh_bands (
    key INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    PRIMARY KEY (key, seq)
) WITHOUT ROWID;
CREATE INDEX documents_duplicate_of ON documents(duplicate_of);
"""

COLUMNS = "seq, doc_id, published, exact, minhash, origin"


class SqliteDuplicates:
    def __init__(self, store: SqliteStore) -> None:
        self.store = store
        self.conn = store.conn

    def next_seq(self) -> int:
        row = self.conn.execute("SELECT coalesce(max(seq), 0) + 1 FROM fingerprints").fetchone()
        value: int = row[0]
        return value

    def get(self, doc_id: str) -> Fingerprint | None:
        row = self.conn.execute(f"SELECT {COLUMNS} FROM fingerprints WHERE doc_id = ?", (doc_id,))
        found = row.fetchone()
        return fingerprint_from_row(found) if found else None

    def candidates(self, exact: str, bands: Sequence[int]) -> list[Fingerprint]:
        rows = self.conn.execute(
            f"SELECT {COLUMNS} FROM fingerprints WHERE exact = ? OR seq IN"
            f" (SELECT seq FROM lsh_bands WHERE key IN ({','.join('?' * len(bands))}))"
            " ORDER BY seq",
            (exact, *bands),
        )
        return [fingerprint_from_row(row) for row in rows]

    def add(self, fingerprint: Fingerprint, bands: Sequence[int]) -> None:
        with self.store.transaction():
            self.conn.execute(
                f"INSERT OR REPLACE INTO fingerprints ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    fingerprint.seq,
                    fingerprint.doc_id,
                    fingerprint.published,
                    fingerprint.exact,
                    fingerprint.minhash.astype("<u4").tobytes(),
                    fingerprint.origin,
                ),
            )
            self.conn.execute("DELETE FROM lsh_bands WHERE seq = ?", (fingerprint.seq,))
            self.conn.executemany(
                "INSERT OR IGNORE INTO lsh_bands VALUES (?, ?)",
                [(key, fingerprint.seq) for key in bands],
            )

    def relink(self, old_origin: str, new_origin: str) -> None:
        with self.store.transaction():
            self.conn.execute(
                "UPDATE fingerprints SET origin = ? WHERE origin = ? OR doc_id = ?",
                (new_origin, old_origin, old_origin),
            )
            self.conn.execute(
                "UPDATE documents SET duplicate_of = ? WHERE duplicate_of = ? OR id = ?",
                (new_origin, old_origin, old_origin),
            )


def fingerprint_from_row(row: sqlite3.Row | tuple[object, ...]) -> Fingerprint:
    seq, doc_id, published, exact, minhash, origin = tuple(row)
    return Fingerprint(
        doc_id=str(doc_id),
        published=published if isinstance(published, str) else None,
        seq=int(seq),
        exact=str(exact),
        minhash=np.frombuffer(minhash, dtype="<u4").astype(np.uint32),
        origin=origin if isinstance(origin, str) else None,
    )
