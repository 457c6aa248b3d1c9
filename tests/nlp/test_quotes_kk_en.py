"""Who said what in Kazakh and English, on passages of real documents (eval/langs, tuning half)."""

from narrascope.nlp.names import recognize_names
from narrascope.nlp.quotes_kk_en import find_quotes_kk_en
from narrascope.records import Quote


def quotes(text: str, lang: str) -> list[Quote]:
    return find_quotes_kk_en(text, recognize_names(text, lang), lang)


def test_english_direct_speech_with_the_speaker_after_it() -> None:
    text = (
        '"It is a fact that Russia cannot be defeated in the military sense," Kazakhstan’s '
        "President Kassym-Jomart Tokayev told visiting German Chancellor Olaf Scholz on "
        "September 17."
    )
    [quote] = quotes(text, "en")
    assert quote.text == "It is a fact that Russia cannot be defeated in the military sense"
    assert quote.speaker_id == "person:tokayev"


def test_english_title_alone_is_the_person_the_text_introduced_with_it() -> None:
    text = (
        "ASTANA – Foreign Minister Mukhtar Tleuberdi summarized the outcomes of the talks with "
        "his Russian counterpart Sergey Lavrov, Kazinform correspondent reports.\n\nNoting that "
        "the talks have been fruitful, the Kazakh Foreign Minister stated that a wider range of "
        "issues were discussed."
    )
    found = quotes(text, "en")
    assert [q.text for q in found] == ["a wider range of issues were discussed"]
    assert found[0].speaker_id == "person:tileuberdi"


def test_kazakh_direct_speech_and_a_clause_made_a_noun() -> None:
    text = (
        "Айбек Смадияров мұндай сөздер тату көршілік қарым-қатынастың атмосферасын улайтынын "
        "айрықша атап өтті.\n\n«Ол Қазақстанға кірмеуі мүмкін жағымсыз адамдардың тізіміне "
        "енгізіледі деп ойлаймын», - деді А.Смадияров."
    )
    indirect, direct = quotes(text, "kk")
    assert indirect.text == "мұндай сөздер тату көршілік қарым-қатынастың атмосферасын улайтынын"
    assert direct.text.startswith("Ол Қазақстанға кірмеуі")
    assert indirect.speaker == direct.speaker == "Айбек Смадияров"


def test_kazakh_statement_reported_by_the_sentence_after_it() -> None:
    text = (
        "АСТАНА, 11 қазан – Sputnik. Қазақстанның Украинадағы елшілігінің қызметкерлері "
        "эвакуацияланады. Бұл туралы сыртқы істер министрлігінің ресми өкілі Айбек Смадияров "
        "мәлімдеді, деп хабарлайды Sputnik Қазақстан тілшісі."
    )
    found = quotes(text, "kk")
    statement = next(q for q in found if q.text.startswith("Қазақстанның Украинадағы"))
    assert statement.speaker == "Айбек Смадияров"
    assert all(q.speaker_id != "org:sputnik" for q in found)
