"""Authors of bylined pieces (the seeds' expert column and channel post) speak their pieces."""

from pathlib import Path

import pytest

from narrascope import service
from narrascope.ingest.files import read_inputs
from narrascope.nlp.authorship import LinkAuthor, name_order
from narrascope.nlp.people import ResolvePeople
from narrascope.records import Document, Quote
from tests.conftest import SEEDS


def seed(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


@pytest.fixture(scope="module")
def seeds() -> dict[str, Document]:
    paths = [seed("000"), seed("002"), seed("003")]
    done = service.analyze(read_inputs([str(path) for path in paths]))
    return {Path(doc.source).name[:3]: doc for doc in done if isinstance(doc, Document)}


def test_an_expert_column_is_its_authors_statement(seeds: dict[str, Document]) -> None:
    column = seeds["000"]
    authored = column.quotes[0]
    assert (authored.start, authored.end, authored.speaker_span) == (
        0,
        len(column.text or ""),
        None,
    )
    assert (authored.speaker, authored.speaker_id) == ("Мирас Жиенбаев", "person:zhienbayev")
    assert authored.role is not None and authored.role.startswith("руководитель программы")
    assert column.author_id == "person:zhienbayev"


def test_a_channel_post_is_its_authors_and_so_is_what_we_say_in_it(
    seeds: dict[str, Document],
) -> None:
    """002: "Forward from: Многовекторность 2.0 (Гусейнов Эльданиз)"; "Нужно признать, что …"
    and "мы писали …, отметив, что …" are the author's words."""
    post = seeds["002"]
    assert post.author == "Эльданиз Гусейнов"
    speakers = {(q.speaker, q.role) for q in post.quotes}
    assert speakers == {("Эльданиз Гусейнов", "Многовекторность 2.0")}
    assert len(post.quotes) == 3


def test_a_bare_credit_links_the_reporter_without_a_statement(seeds: dict[str, Document]) -> None:
    """003's byline names a reporter with no position: linked, not quoted."""
    report = seeds["003"]
    assert report.author == "Акмарал Есимханова" and report.author_id is not None
    assert all(q.speaker_id != report.author_id for q in report.quotes)


def test_surname_first_bylines_are_reordered() -> None:
    assert name_order("Гусейнов Эльданиз") == "Эльданиз Гусейнов"
    assert name_order("Мирас Жиенбаев") == "Мирас Жиенбаев"


def test_one_author_of_two_pieces_has_one_id_and_relinking_adds_nothing() -> None:
    def column(doc_id: str, author: str) -> Document:
        return Document(
            id=doc_id,
            source=doc_id,
            text="Казахстан остаётся средней державой.",
            author=author,
            author_role="политолог",
        )

    stage, people = LinkAuthor(), ResolvePeople()
    first = people.apply(stage.apply(column("a", "Айдар Амребаев")))
    second = people.apply(stage.apply(column("b", "Амребаев Айдар")))
    assert first.author_id == second.author_id
    again = stage.apply(second)
    assert [q.speaker_id for q in again.quotes] == [second.author_id]
    assert again.quotes == [
        Quote(
            text=second.text or "",
            start=0,
            end=len(second.text or ""),
            speaker="Айдар Амребаев",
            speaker_id=second.author_id,
            role="политолог",
        )
    ]
