"""Quality on the shared evaluation data (NER, linking, quotes, extraction, dedup, stories,
themes, search, topics), each beside its baseline where it has one.

May import: anything but a face.
"""
