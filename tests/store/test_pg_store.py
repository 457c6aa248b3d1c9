"""What only the PostgreSQL backend has: its URL, migrations, placeholders and pooled threads."""

from concurrent.futures import ThreadPoolExecutor

import pytest

from narrascope.records import Document
from narrascope.store.factory import open_store
from narrascope.store.postgres.local import LocalPostgres
from narrascope.store.postgres.schema import MIGRATIONS
from narrascope.store.postgres.store import PgStore, lexeme, to_psycopg
from narrascope.store.protocol import StoreUnavailable

pytestmark = pytest.mark.postgres


def test_placeholders_become_psycopgs_outside_string_literals() -> None:
    sql = "SELECT coalesce(x, '?'), ?, :name, y::date, '5%' FROM t WHERE z LIKE 'a%' AND w = ?"
    assert to_psycopg(sql) == (
        "SELECT coalesce(x, '?'), %s, %(name)s, y::date, '5%%' FROM t WHERE z LIKE 'a%%' AND w = %s"
    )
    assert lexeme("it's") == "'it''s'"


def test_a_postgresql_url_opens_a_migrated_store_once(postgres: LocalPostgres) -> None:
    url = postgres.create_database("migrated_once")
    PgStore(url).close()
    store = open_store(url)
    assert isinstance(store, PgStore)
    assert store.schema_version() == MIGRATIONS[-1][0]
    rows = store.conn.execute("SELECT count(*) FROM narrascope_schema").fetchone()[0]
    collations = {
        row[0]
        for row in store.conn.execute(
            "SELECT collation_name FROM information_schema.columns"
            " WHERE table_name = 'documents' AND column_name IN ('published', 'scope')"
        )
    }
    store.close()
    assert rows == len(MIGRATIONS)  # each migration applied once, the second open none
    assert collations == {"C"}


def test_threads_share_the_pool_and_transactions_stay_their_own(postgres: LocalPostgres) -> None:
    store = PgStore(postgres.create_database("threads"), max_connections=4)

    def write(worker: int) -> int:
        docs = [
            Document(id=f"{worker}-{n}", source=f"{worker}-{n}", text=f"Астана переговоры {n}")
            for n in range(20)
        ]
        store.upsert(docs)
        return len(store.search("переговоры", limit=500))

    with ThreadPoolExecutor(8) as pool:
        seen = list(pool.map(write, range(8)))
    assert store.count() == 160 and max(seen) == 160
    store.close()


def test_an_unreachable_server_is_a_clear_error() -> None:
    with pytest.raises(StoreUnavailable, match=r"cannot open PostgreSQL at 127\.0\.0\.1:1/none: "):
        PgStore("postgresql://nobody:secret@127.0.0.1:1/none", max_connections=1)
