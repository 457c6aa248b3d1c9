"""The reprint index in the SQL store: fingerprints with their cluster origin, and LSH band keys.

Nothing is held in memory between documents, so the index grows with the database, not with the
process; every lookup is a few indexed queries.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from narrascope.dedup.reprints import Fingerprint
from narrascope.store.sql.base import marks

if TYPE_CHECKING:
    from narrascope.store.sql.base import Backend


COLUMNS = "seq, doc_id, published, exact, minhash, origin"


class SqlDuplicates:
    def __init__(self, store: Backend) -> None:
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
            f" (SELECT seq FROM lsh_bands WHERE key IN ({marks(len(bands))}))"
            " ORDER BY seq",
            (exact, *bands),
        )
        return [fingerprint_from_row(row) for row in rows]

    def add(self, fingerprint: Fingerprint, bands: Sequence[int]) -> None:
        with self.store.transaction():
            self.conn.execute(
                f"INSERT INTO fingerprints ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (doc_id) DO UPDATE SET seq = excluded.seq,"
                " published = excluded.published, exact = excluded.exact,"
                " minhash = excluded.minhash, origin = excluded.origin",
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
                "INSERT INTO lsh_bands VALUES (?, ?) ON CONFLICT DO NOTHING",
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


def fingerprint_from_row(row: Any) -> Fingerprint:
    seq, doc_id, published, exact, minhash, origin = tuple(row)
    return Fingerprint(
        doc_id=str(doc_id),
        published=published if isinstance(published, str) else None,
        seq=int(seq),
        exact=str(exact),
        minhash=np.frombuffer(minhash, dtype="<u4").astype(np.uint32),
        origin=origin if isinstance(origin, str) else None,
    )
