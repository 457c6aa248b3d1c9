"""Collection: the sources file, discovery of new items (feeds, sitemaps, listings, Telegram
channel pages), the polite fetcher and its network guard, the collect/watch loop and the alerts
raised after it.

May import: the core (records, ids, pipeline, service), `ingest`, `store`, `nlp.themepack`.
Imported by: `cli` only.
"""
