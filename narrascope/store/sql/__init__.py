"""What the SQL backends share: documents and their annotation rows, collection state, the reprint,
story and template indexes, filters and vector search, and the analyst's read views.

May import: the core, `store.protocol`, `store.vectors` and the stage indexes the store keeps.
"""
