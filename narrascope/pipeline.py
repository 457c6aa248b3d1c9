"""Stages and the pipeline that runs them over batches of documents.

A stage declares the `Document` fields it reads and writes, loads its models once per process
in `setup`, and turns a batch into a batch. A document that raises inside a stage leaves the
batch as a `Failure` naming the stage and the reason; the others go on. The same `run` is the
function a Dask partition will call later.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import ClassVar

from narrascope.records import Document, Failure


class Stage:
    name: ClassVar[str]
    requires: ClassVar[tuple[str, ...]] = ()
    assigns: ClassVar[tuple[str, ...]] = ()

    def setup(self) -> None:
        """Load models; called once per process before the first batch."""

    def apply(self, doc: Document) -> Document:
        raise NotImplementedError

    def apply_batch(self, docs: Sequence[Document]) -> list[Document | Failure]:
        results: list[Document | Failure] = []
        for doc in docs:
            try:
                results.append(self.apply(doc))
            except Exception as error:
                results.append(failure_of(doc, self.name, error))
        return results


def failure_of(doc: Document, stage: str, error: BaseException) -> Failure:
    reason = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    return Failure(source=doc.source, stage=stage, reason=reason, doc_id=doc.id)


@dataclass(slots=True)
class StageTiming:
    docs: int = 0
    chars: int = 0
    seconds: float = 0.0


@dataclass(slots=True)
class BatchResult:
    documents: list[Document]
    failures: list[Failure]


@dataclass
class Pipeline:
    stages: list[Stage]
    timings: dict[str, StageTiming] = field(default_factory=dict)
    upstream: Sequence[Stage] = ()  # stages run on the documents before (elsewhere)
    _ready: bool = False

    def __post_init__(self) -> None:
        check_order([*self.upstream, *self.stages])

    def setup(self) -> None:
        if not self._ready:
            for stage in self.stages:
                stage.setup()
            self._ready = True

    def run(self, docs: Iterable[Document]) -> BatchResult:
        self.setup()
        current = list(docs)
        failures: list[Failure] = []
        for stage in self.stages:
            started = time.perf_counter()
            passed: list[Document] = []
            for result in stage.apply_batch(current):
                (failures if isinstance(result, Failure) else passed).append(result)  # type: ignore[arg-type]
            timing = self.timings.setdefault(stage.name, StageTiming())
            timing.seconds += time.perf_counter() - started
            timing.docs += len(passed)
            timing.chars += sum(len(doc.text or doc.raw or "") for doc in passed)
            current = passed
        return BatchResult(documents=current, failures=failures)


def check_order(stages: Sequence[Stage]) -> None:
    """Every field a stage reads is an input field or written by an earlier stage."""
    available = {
        "id",
        "source",
        "url",
        "raw",
        "raw_format",
        "title",
        "published",
        "outlet",
        "author",
    }
    for stage in stages:
        missing = [name for name in stage.requires if name not in available]
        if missing:
            raise ValueError(
                f"stage {stage.name!r} requires {missing}, which no earlier stage assigns"
            )
        available.update(stage.assigns)
