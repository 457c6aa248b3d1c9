"""Use-cases shared by the CLI (and later the API and web UI): ingest, analyze, search, show."""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from narrascope.dedup.events import EventIndex, GroupEvents, LayeredEvents
from narrascope.dedup.reprints import Deduplicate, DuplicateIndex, LayeredDuplicates
from narrascope.dedup.stories import GroupStories, LayeredStories, StoryIndex
from narrascope.nlp.authorship import LinkAuthor
from narrascope.nlp.claims import ExtractClaims
from narrascope.nlp.embed import Embed
from narrascope.nlp.events import ExtractEvents
from narrascope.nlp.figures import ExtractFigures
from narrascope.nlp.ner import RecognizeEntities
from narrascope.nlp.people import KnownPeople, ResolvePeople
from narrascope.nlp.quotes import ExtractQuotes
from narrascope.nlp.scope import JudgeScope
from narrascope.nlp.themepack import ThemePack
from narrascope.nlp.themes import AssignThemes
from narrascope.pipeline import Pipeline, Stage, StageTiming
from narrascope.records import Document, Failure, in_scope
from narrascope.store.protocol import Store
from narrascope.text.clean import Clean, clean_text, explanation
from narrascope.text.extract import Extract
from narrascope.text.lang import DetectLanguage
from narrascope.text.templates import MemoryTemplates, TemplateIndex

BATCH_SIZE = 64

Progress = Callable[[int, int], None]  # (documents done, failures) after each batch


def ordered_head(
    clean: bool = True,
    templates: TemplateIndex | None = None,
    duplicates: DuplicateIndex | None = None,
) -> list[Stage]:
    """Stages that learn from the documents before them (templates, reprints): run in order."""
    stages: list[Stage] = [Extract()]
    if clean:
        stages.append(Clean(templates if templates is not None else MemoryTemplates()))
    return [*stages, DetectLanguage(), Deduplicate(duplicates)]


def enrichment(themes: ThemePack | None = None) -> list[Stage]:
    """Stages that read one document at a time (the models): any batch, on any worker."""
    return [
        RecognizeEntities(),
        ExtractQuotes(),
        LinkAuthor(),
        ExtractFigures(),
        ExtractClaims(),
        ExtractEvents(),
        JudgeScope(),
        AssignThemes(themes),
        Embed(),
    ]


def ordered_tail(
    stories: StoryIndex | None = None,
    people: KnownPeople | None = None,
    events: EventIndex | None = None,
) -> list[Stage]:
    """Stages that join a document to earlier ones (its people, its story, the events it
    reports): run in order."""
    return [ResolvePeople(people), GroupStories(stories), GroupEvents(events)]


KNOWN_PEOPLE_LIMIT = 1_000_000


def stored_people(store: Store) -> KnownPeople:
    """The people already in the store, read when the first document needs them."""
    return lambda: (
        (row.id, row.name) for row in store.views().entities(None, KNOWN_PEOPLE_LIMIT, "PER")
    )


def build_pipeline(
    clean: bool = True,
    templates: TemplateIndex | None = None,
    duplicates: DuplicateIndex | None = None,
    stories: StoryIndex | None = None,
    themes: ThemePack | None = None,
    people: KnownPeople | None = None,
    events: EventIndex | None = None,
) -> Pipeline:
    return Pipeline(
        [
            *ordered_head(clean, templates, duplicates),
            *enrichment(themes),
            *ordered_tail(stories, people, events),
        ]
    )


@dataclass(slots=True)
class RunReport:
    documents: int = 0
    failures: list[Failure] = field(default_factory=list)
    chars: int = 0
    seconds: float = 0.0
    stages: dict[str, StageTiming] = field(default_factory=dict)


def batched(items: Iterable[Document | Failure], size: int) -> Iterator[list[Document | Failure]]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def process(
    inputs: Iterable[Document | Failure],
    pipeline: Pipeline,
    report: RunReport,
    progress: Progress | None = None,
) -> Iterator[tuple[list[Document], list[Failure]]]:
    """Run the pipeline over inputs batch by batch; never holds more than one batch."""
    started = time.perf_counter()
    for batch in batched(inputs, BATCH_SIZE):
        docs, read_failures = split_batch(batch)
        result = pipeline.run(docs)
        failures = read_failures + result.failures
        count_batch(report, result.documents, failures, started, progress)
        report.stages = pipeline.timings
        yield result.documents, failures


def split_batch(batch: list[Document | Failure]) -> tuple[list[Document], list[Failure]]:
    """The documents read, and the inputs that could not be read."""
    docs = [item for item in batch if isinstance(item, Document)]
    return docs, [item for item in batch if isinstance(item, Failure)]


def count_batch(
    report: RunReport,
    docs: list[Document],
    failures: list[Failure],
    started: float,
    progress: Progress | None,
) -> None:
    report.documents += len(docs)
    report.chars += sum(len(doc.text or "") for doc in docs)
    report.failures += failures
    report.seconds = time.perf_counter() - started
    if progress:
        progress(report.documents, len(report.failures))


def store_batch(
    store: Store, docs: list[Document], failures: list[Failure], timing: StageTiming
) -> None:
    started = time.perf_counter()
    store.upsert(docs, failures)
    timing.seconds += time.perf_counter() - started
    timing.docs += len(docs)
    timing.chars += sum(len(doc.text or "") for doc in docs)


def ingest(
    inputs: Iterable[Document | Failure],
    store: Store,
    clean: bool = True,
    progress: Progress | None = None,
    pack: ThemePack | None = None,
) -> RunReport:
    report = RunReport()
    storing = StageTiming()
    pipeline = build_pipeline(
        clean,
        store.templates(),
        store.duplicates(),
        store.stories(),
        pack,
        stored_people(store),
        store.events(),
    )
    for docs, failures in process(inputs, pipeline, report, progress):
        store_batch(store, docs, failures, storing)
    report.stages = {**report.stages, "store": storing}
    return report


def explain_clean(doc: Document) -> str:
    """What the cleaner removes from one document, and why (HTML goes through extraction first)."""
    Extract().apply(doc)
    return explanation(doc.source, clean_text(doc.text or ""))


def analyze(
    inputs: Iterable[Document | Failure],
    clean: bool = True,
    store: Store | None = None,
    pack: ThemePack | None = None,
) -> Iterator[Document | Failure]:
    """Analysed documents and failures, batch by batch, without storing anything.

    With a store, copies are also looked for among stored documents (read only)."""
    duplicates = LayeredDuplicates(store.duplicates()) if store is not None else None
    stories = LayeredStories(store.stories()) if store is not None else None
    people = stored_people(store) if store is not None else None
    events = LayeredEvents(store.events()) if store is not None else None
    pipeline = build_pipeline(clean, None, duplicates, stories, pack, people, events)
    for docs, failures in process(inputs, pipeline, RunReport()):
        yield from failures
        yield from docs


@dataclass(slots=True)
class RetagReport:
    documents: int = 0
    in_scope: int = 0
    tagged: int = 0
    themes: dict[str, int] = field(default_factory=dict)


def retag(
    store: Store, pack: ThemePack | None = None, progress: Progress | None = None
) -> RetagReport:
    """Re-judge the scope of every stored document, re-assign its themes and read its claims and
    events again, from its stored clean text, entities, quotes and lead vector (no re-ingest)."""
    stages: list[Stage] = [
        JudgeScope(),
        AssignThemes(pack),
        ExtractClaims(),
        ExtractEvents(),
        GroupEvents(store.events()),
    ]
    report = RetagReport()
    for batch in batched(store.tag_inputs(), BATCH_SIZE):
        docs = [doc for doc in batch if isinstance(doc, Document)]
        tagged: list[Document] = docs
        for stage in stages:
            tagged = [doc for doc in stage.apply_batch(tagged) if isinstance(doc, Document)]
        store.set_tags([(doc.id, doc.scope, doc.themes) for doc in tagged])
        store.set_claims([(doc.id, doc.claims) for doc in tagged])
        store.set_events(tagged)
        report.documents += len(docs)
        report.in_scope += sum(in_scope(doc) for doc in tagged)
        report.tagged += sum(bool(doc.themes) for doc in tagged)
        for doc in tagged:
            for theme in doc.themes:
                report.themes[theme.id] = report.themes.get(theme.id, 0) + 1
        if progress:
            progress(report.documents, len(docs) - len(tagged))
    return report
