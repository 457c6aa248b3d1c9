"""Segments for the document view: they tile the text and carry the right annotations."""

from narrascope.records import Document, Entity, Figure, Quote, Theme
from narrascope.web.highlight import segments

TEXT = "Токаев заявил: «Казахстан вырос на 5%». Астана ждёт гостей."


def document() -> Document:
    return Document(
        id="d",
        source="s",
        text=TEXT,
        entities=[
            Entity(
                text="Токаев",
                start=0,
                end=6,
                type="PER",
                normal="Токаев",
                id="person:tokayev",
                name="Касым-Жомарт Токаев",
            ),
            Entity(
                text="Казахстан",
                start=16,
                end=25,
                type="LOC",
                normal="Казахстан",
                id="country:kz",
                name="Казахстан",
            ),
        ],
        quotes=[
            Quote(
                text="Казахстан вырос на 5%",
                start=16,
                end=37,
                speaker="Касым-Жомарт Токаев",
                speaker_id="person:tokayev",
                speaker_span=(0, 6),
            )
        ],
        figures=[Figure(value=5.0, text="5%", start=35, end=37)],
        themes=[Theme(id="economic_diplomacy", score=0.9, evidence=[(0, 39)])],
    )


def test_segments_tile_the_text_exactly() -> None:
    found = segments(document())
    assert "".join(s.text for s in found) == TEXT
    assert all(TEXT[s.start : s.start + len(s.text)] == s.text for s in found)


def test_segments_know_what_covers_them() -> None:
    found = {s.text: s for s in segments(document(), target=(40, 59))}
    assert found["Токаев"].entity is not None and found["Токаев"].speaker
    assert found["Казахстан"].entity.id == "country:kz"  # type: ignore[union-attr]
    assert found["Казахстан"].quote == 0 and found["Казахстан"].anchor == "q-16"
    assert found["5%"].figure and "figure" in found["5%"].classes
    assert found["Токаев"].themes == ["economic_diplomacy"]
    assert found["Астана ждёт гостей."].target and found["Астана ждёт гостей."].anchor == "target"
    assert found["»."].themes and found["»."].quote is None
    assert not found[" "].themes and not found[" "].target
