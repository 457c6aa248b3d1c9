import re
from itertools import pairwise

import pytest

from narrascope import jsonlines
from narrascope.evaluation.linking import evaluate_bsnlp, evaluate_seeds
from narrascope.nlp.kb import knowledge_base
from narrascope.nlp.linking import coverage, link_entities
from narrascope.nlp.ner import natasha_models, recognize
from narrascope.records import Entity
from tests.conftest import ROOT, SEEDS, SHARED


def linked(text: str, published: str | None = None) -> dict[str, tuple[str, str]]:
    return {e.text: (e.id, e.name) for e in recognize(text, natasha_models(), published=published)}


def test_knowledge_base_covers_the_domain() -> None:
    kb = knowledge_base()
    for alias in ("ЕАЭС", "ОДКБ", "ШОС", "СВМДА", "ОТГ", "МФСА", "ИМЭП", "ИФПР", "КИСИ", "Акорда"):
        assert kb.lookup(alias) is not None, alias
    assert kb.lookup("Казахстана").id == "country:kz"  # type: ignore[union-attr]
    assert len([e for e in kb.entities.values() if e.id.startswith("country:")]) >= 240
    tokayev = kb.entities["person:tokayev"]
    assert tokayev.names["en"] == "Kassym-Jomart Tokayev"
    assert any(p.role.startswith("Президент") and p.until is None for p in tokayev.positions)


def test_acronyms_latin_names_and_adjectives_are_found_and_linked() -> None:
    text = (
        "По данным The Astana Times, эксперты MIND Maqsut Narikbayev University обсудили "
        "роль ОТГ, СВМДА и ЕАЭС. Казахстанская сторона и китайские партнёры согласны."
    )
    found = linked(text)
    assert found["The Astana Times"][0] == "org:astana_times"
    assert found["MIND Maqsut Narikbayev University"][0] == "org:mind"
    assert found["ОТГ"][0] == "org:ots" and found["ЕАЭС"][0] == "org:eaeu"
    assert found["Казахстанская"] == ("country:kz", "Казахстан")
    assert found["китайские"] == ("country:cn", "Китай")


def test_short_forms_and_misspellings_join_the_full_name() -> None:
    text = (
        "Политолог Борис Поломорчук выступил. Позже Борис Поломарчук добавил, "
        "а Поломорчук подчеркнул главное. Касым-Жомарт Кемелевич ответил."
    )
    found = linked(text)
    assert found["Борис Поломорчук"][0] == found["Борис Поломарчук"][0] == found["Поломорчук"][0]
    assert found["Касым-Жомарт Кемелевич"][0] == "person:tokayev"


def mention(text: str, start: int, kind: str, normal: str) -> Entity:
    return Entity(
        text=text,
        start=start,
        end=start + len(text),
        type=kind,
        normal=normal,
        id=f"{kind.lower()}:{normal}",
        name=normal,
    )


KZ = mention("Казахстан", 0, "LOC", "Казахстан")


@pytest.mark.parametrize(
    ("title", "published", "expected"),
    [
        (mention("Президента", 20, "PER", "Президент"), None, "person:tokayev"),
        (mention("Президента", 20, "PER", "Президент"), "2016-05-01", "person:nazarbayev"),
        (
            mention("Главы государства", 20, "PER", "Глава государства"),
            "2020-01-01",
            "person:tokayev",
        ),
        (mention("Правительства", 20, "ORG", "Правительство"), None, "org:kz_government"),
    ],
)
def test_bare_titles_mean_the_holder_on_the_date(
    title: Entity, published: str | None, expected: str
) -> None:
    result = link_entities([KZ, title], knowledge_base(), published=published)
    assert result[1].id == expected


def test_a_title_beside_another_country_is_that_countrys() -> None:
    usa = mention("США", 31, "LOC", "США")
    result = link_entities(
        [KZ, mention("Президента", 20, "PER", "Президент"), usa], knowledge_base()
    )
    assert result[1].id == "per:Президент"


def test_another_countrys_president_is_not_ours() -> None:
    found = linked("Казахстан и США договорились. Президента США встретили в Астане.")
    assert all(value[0] != "person:tokayev" for value in found.values())


def test_seed_mentions_link_as_the_gold_says() -> None:
    scores = evaluate_seeds(SEEDS, ROOT / "tests" / "gold" / "linking_seeds.json")
    assert scores.mentions >= 130
    assert scores.accuracy >= 0.95, scores


@pytest.mark.slow
def test_bsnlp_mentions_keep_one_id_per_entity() -> None:
    within, across = evaluate_bsnlp(
        SHARED / "eval" / "ner" / "bsnlp_ru" / "annotated_eval_half.jsonl.gz"
    )
    assert within.mentions >= 400
    assert within.accuracy >= 0.95, within
    assert across.accuracy > 0.7, across


def factrueval_dev_doc(doc_id: str) -> dict:  # type: ignore[type-arg]
    path = SHARED / "eval" / "ner" / "factrueval2016" / "dev_full.jsonl"
    docs = jsonlines.records(path)
    return next(doc for doc in docs if doc["id"] == doc_id)


def test_a_name_found_once_is_marked_wherever_the_text_repeats_it() -> None:
    """natasha tags "MySQL" and "Видениус" once in this factRuEval dev text and misses a repeat."""
    text = factrueval_dev_doc("factru-devset-book_310")["text"]
    entities = recognize(text, natasha_models())
    for surface, kind in (("MySQL", "ORG"), ("Видениус", "PER")):
        starts = [m.start() for m in re.finditer(surface, text)]
        assert len(starts) > 1, surface
        for start in starts:
            assert any(e.start <= start < e.end and e.type == kind for e in entities), start


def test_a_quoted_name_is_not_the_unquoted_one() -> None:
    """The seed names the city Астана and the forum «Астана»; the forum's name stays the forum."""
    text = (SEEDS / "000_dd0295d4c16aa144.txt").read_text("utf-8")
    entities = recognize(text, natasha_models())
    cities = [e for e in entities if e.id == "city:astana"]
    assert cities and not any(text[e.start - 1] == "«" for e in cities)
    assert "org:astana_forum" in {e.id for e in entities}


def test_coverage_agrees_with_checking_every_mention() -> None:
    """On a factRuEval dev text's gold mentions, nested ones among them ("РФ" inside "Совета при
    Президенте РФ по развитию ..."): every word, two words, character touching a mention."""
    doc = factrueval_dev_doc("factru-devset-book_74")
    text = doc["text"]
    spans_and_nested = doc["spans"] + doc["nested_spans"]
    entities = [mention(s["text"], s["start"], s["type"], s["text"]) for s in spans_and_nested]
    covered = coverage(entities)
    words = [m.span() for m in re.finditer(r"\w+", text)]
    spans = words + [(a[0], b[1]) for a, b in pairwise(words)]
    spans += [span for e in entities for span in ((e.start - 1, e.start), (e.end, e.end + 1))]
    for start, end in spans:
        expected = any(e.start < end and start < e.end for e in entities)
        assert covered(start, end) == expected, text[start:end]
    assert coverage([])(0, 10) is False


def test_a_contracted_ministry_is_the_ministry() -> None:
    """zakon.kz writes "Минобороны Армении" where others write "Министерство обороны Армении"."""
    [short] = [
        e
        for e in recognize("Об этом сообщили в Минобороны Армении.", natasha_models())
        if e.type == "ORG"
    ]
    [full] = [
        e
        for e in recognize("Об этом сообщило Министерство обороны Армении.", natasha_models())
        if e.type == "ORG"
    ]
    assert short.name == "Министерство обороны Армении" and short.id == full.id


@pytest.mark.parametrize("short", ["В.Орбан", "В. Орбан", "Орбан", "Виктора Орбана"])
def test_an_initial_and_a_surname_name_the_person_written_in_full(short: str) -> None:
    from narrascope.nlp.linking import abbreviates
    from narrascope.records import Entity

    mention = Entity(
        text=short, type="PER", start=0, end=len(short), name=short, normal=short, id="per:x"
    )
    assert abbreviates(mention, "Виктор Орбан")
    assert not abbreviates(mention, "Виктор Янукович")


def test_kb_names_of_the_republic_are_also_written_rk_and_kazakhstana() -> None:
    from narrascope.nlp.kb import knowledge_base

    for written in ("Министерство иностранных дел РК", "Министерство иностранных дел Казахстана"):
        found = knowledge_base().lookup(written)
        assert found is not None and found.id == "org:kz_mfa", written


def test_a_name_and_patronymic_join_the_full_name_however_frequent() -> None:
    """zakon-2020-07-14-017 writes "Адильжан Акжигитович" more often than "Адильжан Хамзин"."""
    from narrascope.nlp.linking import join_people

    names = ["Адильжан Хамзин"] * 2 + ["Адильжан Акжигитович"] * 3 + ["Адильжана Акжигитовича"]
    people = [
        Entity(text=n, type="PER", start=i, end=i + 1, name=n, normal=n, id=f"per:{i}")
        for i, n in enumerate(names)
    ]
    assert {e.name for e in join_people(people)} == {"Адильжан Хамзин"}
