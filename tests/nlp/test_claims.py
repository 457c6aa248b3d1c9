"""Claims on sentences of real texts (the zakon.kz stream, Telegram news posts, seed 004)."""

import pytest

from narrascope import service
from narrascope.ingest.files import read_inputs
from narrascope.nlp.claims import claims_of
from narrascope.nlp.ner import RecognizeEntities
from narrascope.records import Claim, Document
from tests.conftest import seed_paths


@pytest.fixture(scope="module")
def recognise() -> RecognizeEntities:
    stage = RecognizeEntities()
    stage.setup()
    return stage


def claims_in(
    text: str, recognise: RecognizeEntities, published: str = "2020-07-14"
) -> list[Claim]:
    doc = Document(id="t", source="t", text=text, lang="ru", published=published)
    return claims_of(recognise.apply(doc))


def test_dates_times_codes_and_phones_make_no_claims(recognise: RecognizeEntities) -> None:
    text = (
        "Прием ведется с 9.00 до 17.00, позвонить можно по телефонам 8 (7172) 71-60-69.\n"
        "Дело возбуждено по статье 245 УК, до этого 2 июля проверку провели 3 инспектора.\n"
        "Вакцина от COVID-19 поступит в 2021 году."
    )
    assert [(c.value, c.counted) for c in claims_in(text, recognise)] == [(3, "инспектор")]


def test_a_rate_is_a_level_of_its_measure_with_its_unit(recognise: RecognizeEntities) -> None:
    text = (
        "Казахстанская фондовая биржа (KASE) сообщила, что средневзвешенный курс доллара "
        "составил 412,35 тенге."
    )
    (claim,) = claims_in(text, recognise)
    assert (claim.measure, claim.unit, claim.kind, claim.period) == (
        "средневзвешенный курс доллара", "тенге", "level", "2020-07-14",
    )  # fmt: skip
    assert (claim.low, claim.high) == pytest.approx((412.345, 412.355))


def test_changes_are_signed_and_bounds_open_an_interval(recognise: RecognizeEntities) -> None:
    text = (
        "Фьючерсы на нефть марки WTI упали в цене на 0,76%.\n"
        "Выявлены нарушения на сумму более 600 млн тенге."
    )
    fall, more = claims_in(text, recognise)
    assert (fall.kind, fall.value, fall.unit) == ("change", -0.76, "%")
    assert (more.bound, more.low, more.high) == ("at_least", 599.5e6, None)


def test_a_count_in_a_list_gets_the_time_of_its_own_clause(recognise: RecognizeEntities) -> None:
    text = "С 1 июня по 13 июля на водоемах страны утонуло 104 человека (-8%, в 2019 году 133)."
    drowned = {c.value: c for c in claims_in(text, recognise)}
    assert drowned[104].period == "2020-06-01/2020-07-13"
    assert drowned[133].period == "2019"
    assert (drowned[-8].kind, drowned[-8].unit) == ("change", "%")


def test_the_outlet_relaying_a_figure_is_not_its_subject(recognise: RecognizeEntities) -> None:
    text = (
        "В Иране за сутки выявлено 2449 новых случаев, сообщает агентство IRNA.\n"
        "Как пишет газета The Washington Post, в США зафиксировано 57 497 случаев заражения."
    )
    subjects = [c.subject_id for c in claims_in(text, recognise)]
    assert subjects[0] is not None and subjects[0].startswith("country:")
    assert subjects[1] is not None and subjects[1].startswith("country:")


@pytest.fixture(scope="module")
def interview() -> Document:
    (doc,) = list(service.analyze(read_inputs([str(seed_paths()[4])])))
    assert isinstance(doc, Document)
    return doc


@pytest.mark.slow
def test_seed_004_counts_tokayevs_visits_forums_and_meetings_of_2024(interview: Document) -> None:
    claims = {(c.value, c.counted): c for c in interview.claims}
    for value, counted in [(23, "визит"), (19, "форум"), (27, "встреча"), (84, "встреча")]:
        claim = claims[(value, counted)]
        assert (claim.subject_id, claim.period, claim.kind) == ("person:tokayev", "2024", "total")
