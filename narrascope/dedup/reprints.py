"""Reprints: exact and near-duplicate documents, each pointed at the earliest copy.

Exact copies share the hash of their normalised text. Near copies (a header or footer added, a
few words changed, a sentence dropped) share MinHash bands (datasketch) over word shingles and are
confirmed by the estimated Jaccard similarity. The earliest copy, by published date and then by
ingest order, is the origin of the cluster; when an earlier copy turns up late, the cluster is
re-pointed at it. The index is injected (memory for `analyze`, the database for `ingest`) so that
copies are found both inside a batch and against what is stored.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
from datasketch import MinHash, MinHashLSH

from narrascope.ids import normalize_for_hash, short_hash
from narrascope.pipeline import Stage
from narrascope.records import Document, Failure

NUM_PERM = 256
SHINGLE_WORDS = 3
NEAR_DUPLICATE_JACCARD = 0.25  # calibrated with `narrascope eval dedup` on altered Telegram posts
LSH = MinHashLSH(threshold=NEAR_DUPLICATE_JACCARD, num_perm=NUM_PERM)
BANDS, ROWS = LSH.b, LSH.r
WORD = re.compile(r"\w+")
UNDATED = "9999"  # sorts after every real date


@dataclass(slots=True, kw_only=True)
class Fingerprint:
    doc_id: str
    published: str | None
    seq: int  # ingest order
    exact: str
    minhash: np.ndarray
    origin: str | None = None  # the cluster's earliest copy, None when this is it

    @property
    def order(self) -> tuple[str, int]:
        return (self.published or UNDATED, self.seq)


class DuplicateIndex(Protocol):
    def next_seq(self) -> int: ...

    def get(self, doc_id: str) -> Fingerprint | None: ...

    def candidates(self, exact: str, bands: Sequence[int]) -> list[Fingerprint]:
        """Documents with the same exact hash or sharing at least one band."""

    def add(self, fingerprint: Fingerprint, bands: Sequence[int]) -> None: ...

    def relink(self, old_origin: str, new_origin: str) -> None:
        """Point every member of old_origin's cluster, and old_origin itself, at new_origin."""


def shingles(text: str) -> set[bytes]:
    words = WORD.findall(normalize_for_hash(text))
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words).encode("utf-8")}
    return {
        " ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8")
        for i in range(len(words) - SHINGLE_WORDS + 1)
    }


def minhash_of(text: str) -> np.ndarray:
    minhash = MinHash(num_perm=NUM_PERM)
    minhash.update_batch(list(shingles(text)))
    values: np.ndarray = minhash.hashvalues
    return values


def band_keys(values: np.ndarray) -> list[int]:
    """One signed 64-bit key per LSH band (band number mixed in), storable as an SQLite INTEGER."""
    return [
        int.from_bytes(
            hashlib.blake2b(
                band.to_bytes(2, "little") + values[band * ROWS : (band + 1) * ROWS].tobytes(),
                digest_size=8,
            ).digest(),
            "little",
            signed=True,
        )
        for band in range(BANDS)
    ]


def jaccard(first: np.ndarray, second: np.ndarray) -> float:
    return float(np.count_nonzero(first == second)) / NUM_PERM


class MemoryDuplicates:
    def __init__(self) -> None:
        self.by_id: dict[str, Fingerprint] = {}
        self.by_key: dict[str | int, set[str]] = {}

    def next_seq(self) -> int:
        return len(self.by_id)

    def get(self, doc_id: str) -> Fingerprint | None:
        return self.by_id.get(doc_id)

    def candidates(self, exact: str, bands: Sequence[int]) -> list[Fingerprint]:
        keys: list[str | int] = [exact, *bands]
        ids = set().union(*(self.by_key.get(key, set()) for key in keys))
        return [self.by_id[doc_id] for doc_id in sorted(ids)]

    def add(self, fingerprint: Fingerprint, bands: Sequence[int]) -> None:
        self.by_id[fingerprint.doc_id] = fingerprint
        keys: list[str | int] = [fingerprint.exact, *bands]
        for key in keys:
            self.by_key.setdefault(key, set()).add(fingerprint.doc_id)

    def relink(self, old_origin: str, new_origin: str) -> None:
        for fingerprint in self.by_id.values():
            if fingerprint.doc_id == old_origin or fingerprint.origin == old_origin:
                fingerprint.origin = new_origin


class LayeredDuplicates:
    """Reads a stored index and keeps new fingerprints in memory: `analyze` finds copies among
    stored documents without writing to the database."""

    def __init__(self, stored: DuplicateIndex) -> None:
        self.stored = stored
        self.fresh = MemoryDuplicates()

    def next_seq(self) -> int:
        return self.stored.next_seq() + self.fresh.next_seq()

    def get(self, doc_id: str) -> Fingerprint | None:
        return self.fresh.get(doc_id) or self.stored.get(doc_id)

    def candidates(self, exact: str, bands: Sequence[int]) -> list[Fingerprint]:
        fresh = self.fresh.candidates(exact, bands)
        seen = {fingerprint.doc_id for fingerprint in fresh}
        stored = [fp for fp in self.stored.candidates(exact, bands) if fp.doc_id not in seen]
        return stored + fresh

    def add(self, fingerprint: Fingerprint, bands: Sequence[int]) -> None:
        self.fresh.add(fingerprint, bands)

    def relink(self, old_origin: str, new_origin: str) -> None:
        self.fresh.relink(old_origin, new_origin)


class Deduplicate(Stage):
    name = "dedup"
    requires = ("text", "published")
    assigns = ("duplicate_of",)

    def __init__(self, index: DuplicateIndex | None = None) -> None:
        self.index: DuplicateIndex = index if index is not None else MemoryDuplicates()

    def apply_batch(self, docs: Sequence[Document]) -> list[Document | Failure]:
        results = super().apply_batch(docs)
        for doc in docs:  # a later copy in the batch may have re-pointed the cluster
            fingerprint = self.index.get(doc.id)
            if fingerprint is not None:
                doc.duplicate_of = fingerprint.origin
        return results

    def apply(self, doc: Document) -> Document:
        values = minhash_of(doc.text or "")
        bands = band_keys(values)
        exact = short_hash(normalize_for_hash(doc.text or ""))
        known = self.index.get(doc.id)
        me = Fingerprint(
            doc_id=doc.id,
            published=doc.published,
            seq=known.seq if known else self.index.next_seq(),
            exact=exact,
            minhash=values,
        )
        matches = [
            other
            for other in self.index.candidates(exact, bands)
            if other.doc_id != doc.id
            and (other.exact == exact or jaccard(other.minhash, values) >= NEAR_DUPLICATE_JACCARD)
        ]
        heads = self.cluster_heads(matches)
        first = min([*heads, me], key=lambda fingerprint: fingerprint.order)
        for head in heads:
            if head.doc_id != first.doc_id:
                self.index.relink(head.doc_id, first.doc_id)
        me.origin = None if first.doc_id == doc.id else first.doc_id
        doc.duplicate_of = me.origin
        self.index.add(me, bands)
        return doc

    def cluster_heads(self, matches: list[Fingerprint]) -> list[Fingerprint]:
        """The origins of the clusters the matches belong to, each once."""
        heads: dict[str, Fingerprint] = {}
        for match in matches:
            head = match if match.origin is None else self.index.get(match.origin)
            if head is not None:
                heads.setdefault(head.doc_id, head)
        return list(heads.values())
