"""Digests: what the press said in a window, built from the read-side queries and laid out as
Markdown, HTML or PDF with static charts.

May import: the core, `store`, `analytics`, `nlp.themepack`, `web.i18n` (the interface words).
Never a stage directly.
"""
