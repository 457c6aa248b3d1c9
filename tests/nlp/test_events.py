"""Diplomatic events on sentences of real reports: Telegram news posts of November 2024
(../shared/eval/news/telegram_ru_posts, CC BY 4.0) and seeds 000 and 004."""

import pytest

from narrascope.nlp.events import find_events
from narrascope.nlp.ner import RecognizeEntities
from narrascope.records import Document, Event
from tests.conftest import SEEDS


@pytest.fixture(scope="module")
def recognise() -> RecognizeEntities:
    stage = RecognizeEntities()
    stage.setup()
    return stage


def events_in(text: str, recognise: RecognizeEntities, published: str | None) -> list[Event]:
    doc = recognise.apply(Document(id="t", source="t", text=text, lang="ru", published=published))
    return find_events(text, doc.entities, published)


def test_an_announced_state_visit_is_planned_for_its_day(recognise: RecognizeEntities) -> None:
    text = (
        "Путин прибудет в Казахстан с государственным визитом 27 ноября, сообщила пресс-служба "
        "Токаева."
    )
    (visit,) = events_in(text, recognise, "2024-11-25T12:24:00+00:00")
    assert (visit.type, visit.kind, visit.status, visit.date) == (
        "announcement", "visit", "planned", "2024-11-27",
    )  # fmt: skip
    assert visit.participants[0] == "person:putin" and visit.place == "country:kz"
    assert text[visit.start : visit.end] == visit.text


def test_each_document_signed_is_an_agreement_with_its_name(recognise: RecognizeEntities) -> None:
    text = (
        "Путин и Токаев в Астане подписали совместное заявление об углублении стратегического "
        "партнерства в условиях нового глобального порядка"
    )
    (signed,) = events_in(text, recognise, "2024-11-27T16:06:36+00:00")
    assert (signed.type, signed.status, signed.date, signed.place) == (
        "agreement", "happened", "2024-11-27", "city:astana",
    )  # fmt: skip
    assert signed.title == (
        "совместное заявление об углублении стратегического партнерства в условиях нового "
        "глобального порядка"
    )
    assert set(signed.participants) == {"person:putin", "person:tokayev"}


def test_agreements_only_counted_are_one_item_planned_at_the_meeting(
    recognise: RecognizeEntities,
) -> None:
    text = (
        "Токаев заявил на встрече с Путиным, что будут приняты 20 соглашений, которые придадут "
        "дополнительный импульс дальнейшему развитию отношений."
    )
    talks, signed = events_in(text, recognise, "2024-11-27T14:29:31+00:00")
    assert (talks.type, talks.date) == ("talks", "2024-11-27")
    assert (signed.type, signed.kind, signed.count, signed.date) == (
        "announcement", "agreement", 20, "2024-11-27",
    )  # fmt: skip


def test_a_call_takes_the_day_a_later_sentence_gives_it(recognise: RecognizeEntities) -> None:
    text = (
        "Шольц рассказал о своем телефонном разговоре с Путиным.\n"
        "Канцлер Германии позвонил Путину в пятницу впервые с декабря 2022 года."
    )
    (call,) = events_in(text, recognise, "2024-11-17T12:35:39+00:00")  # a Sunday
    assert (call.type, call.date) == ("talks", "2024-11-15")
    assert "person:putin" in call.participants


def test_counts_domestic_meetings_and_invitations_are_no_events(
    recognise: RecognizeEntities,
) -> None:
    text = (
        "К примеру, только в 2024 году Касым-Жомарт Кемелевич совершил 23 зарубежных визита.\n"
        "Путин во вторник проведет встречу с губернатором Архангельской области Цыбульским.\n"
        "Казахстану направлено приглашение для получения статуса государства-партнера БРИКС, "
        "заявил Путин."
    )
    assert events_in(text, recognise, "2024-11-26T09:31:11+00:00") == []


def test_a_forum_called_off_is_a_cancellation(recognise: RecognizeEntities) -> None:
    text = (SEEDS / "000_dd0295d4c16aa144.txt").read_text()
    cancelled = [e for e in events_in(text, recognise, None) if e.type == "cancellation"]
    assert [(e.kind, e.status) for e in cancelled] == [("summit", "cancelled")]
    assert "отменено" in cancelled[0].text
