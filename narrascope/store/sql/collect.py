"""What collection remembers between runs, in the SQL stores: the queue of discovered items, the raw
responses (compressed) with their validators, each source's cursor, engagement counts and alerts.

An item moves new → fetched → done (or failed); each step is its own transaction, so a run killed
at any point resumes where it stopped and a document is stored once (its id is its URL's).
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from narrascope.records import IN_SCOPE, Engagement
from narrascope.store.sql.base import SCOPE_OF_D, marks

if TYPE_CHECKING:
    from narrascope.store.sql.base import Backend, Connection


ALERT_FIELDS = (
    "id",
    "kind",
    "key",
    "label",
    "day",
    "count",
    "baseline",
    "z",
    "outlets",
    "created_at",
    "delivered_at",
)
ALERT_COLUMNS = ", ".join(ALERT_FIELDS)
MAX_ATTEMPTS = 3  # a transient failure (timeout, 5xx) is tried again on this many runs


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(slots=True, kw_only=True)
class QueuedItem:
    url: str
    source: str
    meta: dict[str, Any]


@dataclass(slots=True, kw_only=True)
class StoredResponse:
    url: str  # where the body came from, after redirects
    content_type: str | None
    etag: str | None
    last_modified: str | None
    body: bytes


@dataclass(slots=True, kw_only=True)
class Alert:
    id: str
    kind: str  # theme | entity | speaker | new_entity
    key: str
    label: str
    day: str
    count: int
    baseline: float  # mean per day over the baseline window
    z: float | None
    outlets: int
    created_at: str | None = None
    delivered_at: str | None = None


class SqlCollection:
    def __init__(self, store: Backend) -> None:
        self.store = store
        self.conn = store.conn

    def enqueue(
        self, source: str, items: Sequence[tuple[str, dict[str, Any]]], state: str = "new"
    ) -> int:
        """Queue URLs not seen before (a post comes `fetched`: its text is in `meta`);
        returns how many were new."""
        stamp = now()
        added = 0
        with self.store.transaction() as conn:
            for url, meta in items:
                cursor = conn.execute(
                    "INSERT INTO collect_items (url, source, state, meta, discovered_at,"
                    " updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    (url, source, state, json.dumps(meta, ensure_ascii=False), stamp, stamp),
                )
                added += cursor.rowcount
        return added

    def known(self, urls: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for start in range(0, len(urls), 500):
            chunk = list(urls[start : start + 500])
            rows = self.conn.execute(
                f"SELECT url FROM collect_items WHERE url IN ({marks(len(chunk))})", chunk
            )
            found.update(row[0] for row in rows)
        return found

    def queued(self, state: str, limit: int) -> list[QueuedItem]:
        rows = self.conn.execute(
            "SELECT url, source, meta FROM collect_items WHERE state = ?"
            " ORDER BY discovered_at, url LIMIT ?",
            (state, limit),
        )
        return [
            QueuedItem(url=url, source=source, meta=json.loads(meta)) for url, source, meta in rows
        ]

    def count(self, state: str) -> int:
        row = self.conn.execute("SELECT count(*) FROM collect_items WHERE state = ?", (state,))
        return int(row.fetchone()[0])

    def save_response(self, url: str, response: StoredResponse, item_state: str | None) -> None:
        """Keep the body (compressed) and validators; move the item on in the same transaction."""
        with self.store.transaction() as conn:
            conn.execute(
                "INSERT INTO responses VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE"
                " SET final_url = excluded.final_url, content_type = excluded.content_type,"
                " etag = excluded.etag, last_modified = excluded.last_modified,"
                " fetched_at = excluded.fetched_at, body = excluded.body",
                (
                    url,
                    response.url,
                    response.content_type,
                    response.etag,
                    response.last_modified,
                    now(),
                    zlib.compress(response.body),
                ),
            )
            if item_state is not None:
                self._move(conn, url, item_state, None)

    def response(self, url: str) -> StoredResponse | None:
        row = self.conn.execute(
            "SELECT final_url, content_type, etag, last_modified, body FROM responses"
            " WHERE url = ?",
            (url,),
        ).fetchone()
        if row is None:
            return None
        return StoredResponse(
            url=row[0],
            content_type=row[1],
            etag=row[2],
            last_modified=row[3],
            body=zlib.decompress(row[4]),
        )

    def mark(self, urls: Sequence[str], state: str, reason: str | None = None) -> None:
        with self.store.transaction() as conn:
            for url in urls:
                self._move(conn, url, state, reason)

    def fail(self, url: str, reason: str, transient: bool) -> bool:
        """Failed for good, or back in the queue for the next run; True when given up."""
        with self.store.transaction() as conn:
            row = conn.execute(
                "SELECT attempts FROM collect_items WHERE url = ?", (url,)
            ).fetchone()
            attempts = (row[0] if row else 0) + 1
            final = not transient or attempts >= MAX_ATTEMPTS
            conn.execute(
                "UPDATE collect_items SET state = ?, attempts = ?, reason = ?, updated_at = ?"
                " WHERE url = ?",
                ("failed" if final else "retry", attempts, reason, now(), url),
            )
        return final

    def requeue_retries(self) -> None:
        with self.store.transaction() as conn:
            conn.execute("UPDATE collect_items SET state = 'new' WHERE state = 'retry'")

    def _move(self, conn: Connection, url: str, state: str, reason: str | None) -> None:
        conn.execute(
            "UPDATE collect_items SET state = ?, reason = ?, updated_at = ? WHERE url = ?",
            (state, reason, now(), url),
        )

    def source_state(self, source: str) -> dict[str, Any]:
        row = self.conn.execute("SELECT state FROM source_state WHERE source = ?", (source,))
        found = row.fetchone()
        return dict(json.loads(found[0])) if found else {}

    def set_source_state(self, source: str, state: dict[str, Any]) -> None:
        with self.store.transaction() as conn:
            conn.execute(
                "INSERT INTO source_state VALUES (?, ?)"
                " ON CONFLICT (source) DO UPDATE SET state = excluded.state",
                (source, json.dumps(state)),
            )

    def record_engagement(self, counts: Sequence[tuple[str, Engagement]]) -> int:
        with self.store.transaction() as conn:
            return write_engagement(conn, counts, now())

    def engagement(self, doc_id: str) -> list[tuple[str, Engagement]]:
        rows = self.conn.execute(
            "SELECT observed_at, views, forwards, replies FROM engagement WHERE doc_id = ?"
            " ORDER BY observed_at",
            (doc_id,),
        )
        return [(row[0], Engagement(views=row[1], forwards=row[2], replies=row[3])) for row in rows]

    def add_alerts(self, alerts: Sequence[Alert]) -> list[Alert]:
        """Store alerts not stored before (same kind, key and day); returns the new ones."""
        added = []
        stamp = now()
        with self.store.transaction() as conn:
            for alert in alerts:
                cursor = conn.execute(
                    "INSERT INTO alerts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)"
                    " ON CONFLICT DO NOTHING",
                    (
                        alert.id,
                        alert.kind,
                        alert.key,
                        alert.label,
                        alert.day,
                        alert.count,
                        alert.baseline,
                        alert.z,
                        alert.outlets,
                        stamp,
                    ),
                )
                if cursor.rowcount:
                    alert.created_at = stamp
                    added.append(alert)
        return added

    def mark_delivered(self, alert_ids: Sequence[str]) -> None:
        with self.store.transaction() as conn:
            conn.executemany(
                "UPDATE alerts SET delivered_at = ? WHERE id = ?", [(now(), i) for i in alert_ids]
            )

    def alerts(self, limit: int = 100, since: str | None = None) -> list[Alert]:
        rows = self.conn.execute(
            f"SELECT {ALERT_COLUMNS} FROM alerts WHERE day >= ?"
            " ORDER BY day DESC, z DESC NULLS LAST, id LIMIT ?",
            (since or "", limit),
        )
        return [Alert(**dict(zip(ALERT_FIELDS, row, strict=True))) for row in rows]

    def daily_counts(
        self, kind: str, since: str, until: str
    ) -> Iterator[tuple[str, str, str, int, int]]:
        """(key, label, day, documents, outlets) per day for themes, entities or speakers."""
        query = DAILY[kind]
        for row in self.conn.execute(query, (since, until + "T99")):
            yield tuple(row)

    def first_mentions(self, day: str) -> Iterator[tuple[str, str, int]]:
        """Entities first named on `day`: (id, name, outlets naming them that day)."""
        for row in self.conn.execute(FIRST_MENTIONS, (day, day + "T99", day)):
            yield tuple(row)


def write_engagement(conn: Connection, counts: Sequence[tuple[str, Engagement]], stamp: str) -> int:
    """A new observation per document whose counts changed; returns how many changed."""
    changed = 0
    for doc_id, seen in counts:
        last = conn.execute(
            "SELECT views, forwards, replies FROM engagement WHERE doc_id = ?"
            " ORDER BY observed_at DESC LIMIT 1",
            (doc_id,),
        ).fetchone()
        values = (seen.views, seen.forwards, seen.replies)
        if last is not None and tuple(last) == values:
            continue
        conn.execute(
            "INSERT INTO engagement VALUES (?, ?, ?, ?, ?) ON CONFLICT (doc_id, observed_at)"
            " DO UPDATE SET views = excluded.views, forwards = excluded.forwards,"
            " replies = excluded.replies",
            (doc_id, stamp, *values),
        )
        changed += 1
    return changed


# Alerts read original reports about foreign policy: a crime report naming a foreigner, or a flood
# story that counts Astana, raises none (documents never judged for scope count as in it).
IN_SCOPE_SQL = f"{SCOPE_OF_D} = '{IN_SCOPE}'"
_ORIGINALS = f"d.duplicate_of IS NULL AND d.published >= ? AND d.published < ? AND {IN_SCOPE_SQL}"
DAILY = {
    "theme": f"""
        SELECT t.theme_id, t.theme_id, substr(d.published, 1, 10), count(*),
               count(DISTINCT d.outlet)
        FROM doc_themes t JOIN documents d ON d.rowid = t.doc_rowid
        WHERE {_ORIGINALS} GROUP BY 1, 3""",
    "entity": f"""
        SELECT m.entity_id, max(m.name), substr(d.published, 1, 10), count(DISTINCT d.rowid),
               count(DISTINCT d.outlet)
        FROM mentions m JOIN documents d ON d.rowid = m.doc_rowid
        WHERE {_ORIGINALS} GROUP BY 1, 3""",
    "speaker": f"""
        SELECT q.speaker_id, max(q.speaker), substr(d.published, 1, 10), count(*),
               count(DISTINCT d.outlet)
        FROM quotes q JOIN documents d ON d.rowid = q.doc_rowid
        WHERE q.speaker_id IS NOT NULL AND {_ORIGINALS} GROUP BY 1, 3""",
}

FIRST_MENTIONS = f"""
SELECT m.entity_id, max(m.name), count(DISTINCT d.outlet)
FROM mentions m JOIN documents d ON d.rowid = m.doc_rowid
WHERE d.published >= ? AND d.published < ? AND {IN_SCOPE_SQL}
GROUP BY m.entity_id
HAVING NOT EXISTS (
    SELECT 1 FROM mentions m2 JOIN documents d2 ON d2.rowid = m2.doc_rowid
    WHERE m2.entity_id = m.entity_id AND substr(d2.published, 1, 10) < ?
)
"""
