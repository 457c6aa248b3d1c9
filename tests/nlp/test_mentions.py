import pytest

from narrascope.nlp.mentions import (
    Mention,
    correct_mentions,
    drop_leading_title,
    drop_lone_positions,
    merge_genitive_tail,
    split_lines,
    split_parenthetical,
    split_place_from_name,
    trim,
)


def spans(text: str, mentions: list[Mention]) -> list[tuple[str, str]]:
    return [(text[m.start : m.end], m.type) for m in mentions]


def test_a_mention_never_crosses_a_line() -> None:
    text = "Общество\n\nКазахстан на мировой арене"
    assert spans(text, split_lines(text, [Mention(0, 19, "LOC")])) == [("Казахстан", "LOC")]


def test_parenthetical_second_name_is_its_own_mention() -> None:
    text = "Союз координационных советов (СКС) заявил"
    result = split_parenthetical(text, [Mention(0, 34, "ORG")])
    assert spans(text, result) == [("Союз координационных советов", "ORG"), ("СКС", "ORG")]


def test_edges_lose_quotes_dashes_and_spaces() -> None:
    text = "газета «Ана тілі» и Мишель\u00a0— жена"
    result = trim(text, [Mention(7, 17, "ORG"), Mention(20, 28, "PER")])
    assert spans(text, result) == [("Ана тілі", "ORG"), ("Мишель", "PER")]


@pytest.mark.parametrize(
    ("text", "mentions", "expected"),
    [
        (
            "Верховный суд Испании решил",
            [Mention(0, 13, "ORG"), Mention(14, 21, "LOC")],
            [("Верховный суд Испании", "ORG")],
        ),
        (
            "МИД Казахстан поддержал",
            [Mention(0, 3, "ORG"), Mention(4, 13, "LOC")],
            [("МИД", "ORG"), ("Казахстан", "LOC")],
        ),
        (
            "МИД РФ и Совбез ООН",
            [
                Mention(0, 3, "ORG"),
                Mention(4, 6, "LOC"),
                Mention(9, 15, "ORG"),
                Mention(16, 19, "ORG"),
            ],
            [("МИД РФ", "ORG"), ("Совбез", "ORG"), ("ООН", "ORG")],
        ),
        (
            "ШОС ЕС и ООН",
            [Mention(0, 3, "ORG"), Mention(4, 6, "ORG")],
            [("ШОС", "ORG"), ("ЕС", "ORG")],
        ),
    ],
)
def test_organisation_with_a_genitive_tail_is_one(
    text: str, mentions: list[Mention], expected: list[tuple[str, str]]
) -> None:
    assert spans(text, merge_genitive_tail(text, mentions)) == expected


def test_conventions_differ_only_where_the_corpora_do() -> None:
    text = "Верховный суд Испании решил"
    found = [Mention(0, 13, "ORG"), Mention(14, 21, "LOC")]
    assert len(correct_mentions(text, found, "nerel")) == 1
    assert len(correct_mentions(text, found, "factrueval")) == 2


def test_a_title_taken_into_a_name_is_left_out() -> None:
    text = "Елбасы Нурсултан Абишевич Назарбаев и Президент Токаев"
    result = drop_leading_title(text, [Mention(0, 35, "PER"), Mention(38, 54, "PER")])
    assert spans(text, result) == [
        ("Нурсултан Абишевич Назарбаев", "PER"),
        ("Токаев", "PER"),
    ]


def test_a_post_read_as_a_first_name_is_no_person_but_a_bare_title_stays() -> None:
    text = "Аким также подчеркнул. Президента поддержали."
    result = drop_lone_positions(text, [Mention(0, 4, "PER"), Mention(23, 33, "PER")])
    assert spans(text, result) == [("Президента", "PER")]


def test_a_place_glued_to_the_name_after_it_is_a_place_and_a_person() -> None:
    text = "Аким Нур-Султана Алтай Кульгинов подвел итоги конференции."
    result = split_place_from_name(text, [Mention(5, 32, "LOC")])
    assert spans(text, result) == [("Нур-Султана", "LOC"), ("Алтай Кульгинов", "PER")]


def test_a_place_in_an_organisations_name_stays_in_it() -> None:
    text = "Университет Джонса Хопкинса сообщил"
    assert spans(text, split_place_from_name(text, [Mention(0, 27, "ORG")])) == [
        ("Университет Джонса Хопкинса", "ORG")
    ]
