"""Input: files, directories, stdin, gzip, JSON Lines and Telegram exports read into raw
`Document` records (or named `Failure`s), before any stage runs.

May import: the core records and ids only.
"""
