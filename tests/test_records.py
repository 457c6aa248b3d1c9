import json

from hypothesis import given
from hypothesis import strategies as st

from narrascope.records import Document, Entity, Figure, Quote, Theme
from tests.conftest import CONTRACT

text = st.text(max_size=40)
optional_text = st.none() | text
offset = st.integers(min_value=0, max_value=10_000)

entities = st.builds(
    Entity,
    text=text,
    start=offset,
    end=offset,
    type=st.sampled_from(["PER", "ORG", "LOC"]),
    normal=text,
    id=text,
    name=text,
)
quotes = st.builds(
    Quote,
    text=text,
    start=offset,
    end=offset,
    speaker=optional_text,
    speaker_id=optional_text,
    speaker_span=st.none() | st.tuples(offset, offset),
    role=optional_text,
)
figures = st.builds(
    Figure,
    value=st.floats(allow_nan=False, allow_infinity=False),
    text=text,
    start=offset,
    end=offset,
)
themes = st.builds(
    Theme, id=text, score=st.floats(0, 1), evidence=st.lists(st.tuples(offset, offset))
)
documents = st.builds(
    Document,
    id=text,
    source=text,
    url=optional_text,
    outlet=optional_text,
    title=optional_text,
    author=optional_text,
    published=optional_text,
    lang=optional_text,
    forwarded_from=optional_text,
    duplicate_of=optional_text,
    story_id=optional_text,
    raw=optional_text,
    raw_format=st.sampled_from(["text", "html"]),
    text=optional_text,
    entities=st.lists(entities, max_size=3),
    quotes=st.lists(quotes, max_size=3),
    figures=st.lists(figures, max_size=3),
    themes=st.lists(themes, max_size=3),
)


@given(documents)
def test_as_dict_from_dict_round_trip(doc: Document) -> None:
    assert Document.from_dict(doc.as_dict()) == doc


@given(documents)
def test_round_trip_survives_json(doc: Document) -> None:
    assert Document.from_dict(json.loads(json.dumps(doc.as_dict()))) == doc


def test_contract_dict_has_exactly_the_contract_fields() -> None:
    doc = Document(
        id="x",
        source="s",
        text="Токаев",
        quotes=[Quote(text="a", start=0, end=1, speaker_span=(2, 3))],
    )
    data = doc.contract_dict()
    assert list(data) == CONTRACT
    assert data["quotes"][0]["speaker_span"] == [2, 3]


def test_from_dict_ignores_unknown_keys() -> None:
    assert Document.from_dict({"id": "a", "source": "b", "score": 3}) == Document(
        id="a", source="b"
    )
