"""One id per person across real zakon.kz articles that write a name differently."""

from narrascope import jsonlines
from narrascope.nlp.ner import natasha_models, recognize
from narrascope.nlp.people import PeopleIndex, ResolvePeople
from narrascope.records import Document
from tests.conftest import EVAL

STREAM = EVAL / "streams" / "zakon_2020-07" / "articles.jsonl"


def documents(*ids: str) -> list[Document]:
    rows = {row["id"]: row for row in jsonlines.records(STREAM) if row["id"] in ids}
    return [
        Document(
            id=i,
            source=i,
            text=rows[i]["text"],
            entities=recognize(rows[i]["text"], natasha_models()),
        )
        for i in ids
    ]


def ids_of(doc: Document, surname_start: str) -> set[str]:
    return {
        e.id
        for e in doc.entities
        if e.type == "PER" and e.name.split()[-1].startswith(surname_start)
    }


def test_a_misspelt_name_in_a_later_article_joins_the_person() -> None:
    """14-005 writes "Алексей Цой", 14-032 "Алесей Цой"; 14-003 "Асхат Аймагамбетов", 14-009
    "Асхат Аймагабетов"."""
    first, second, third, fourth = documents(
        "zakon-2020-07-14-005",
        "zakon-2020-07-14-032",
        "zakon-2020-07-14-003",
        "zakon-2020-07-14-009",
    )
    assert ids_of(first, "Цой") != ids_of(second, "Цой")  # each document alone
    stage = ResolvePeople()
    done = [stage.apply(doc) for doc in (first, second, third, fourth)]
    assert ids_of(done[0], "Цой") == ids_of(done[1], "Цой") and len(ids_of(done[1], "Цой")) == 1
    assert ids_of(done[2], "Аймаг") == ids_of(done[3], "Аймаг")
    assert {e.name for e in done[3].entities if e.id in ids_of(done[3], "Аймаг")} == {
        "Асхат Аймагамбетов"
    }


def test_two_known_people_or_another_first_name_are_never_joined() -> None:
    index = PeopleIndex()
    index.add("per:a", "Алексей Цой")
    assert index.match("Виктор Цой") is None
    assert index.match("А. Цой") is not None and index.match("Цой") is not None
    index.add("per:b", "Виктор Цой")
    assert index.match("Цой") is None  # two people fit: no guess


def test_a_lone_first_name_joins_no_one() -> None:
    stage = ResolvePeople(lambda: [("per:sergeev", "Иван Сергеев")])
    doc = Document(
        id="x", source="x", text="Сергей", entities=recognize("Сказал Сергей.", natasha_models())
    )
    assert all(e.id != "per:sergeev" for e in stage.apply(doc).entities)


def test_the_same_input_twice_gives_the_same_ids() -> None:
    ids = []
    for _ in range(2):
        stage = ResolvePeople()
        done = [
            stage.apply(doc) for doc in documents("zakon-2020-07-14-005", "zakon-2020-07-14-032")
        ]
        ids.append([[e.id for e in doc.entities] for doc in done])
    assert ids[0] == ids[1]
