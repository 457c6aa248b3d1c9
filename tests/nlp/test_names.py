"""Names in Kazakh and English, on sentences of real documents (eval/langs, tuning half)."""

from narrascope.nlp.names import recognize_names
from narrascope.nlp.spelling import spelling_key


def names(text: str, lang: str) -> dict[str, tuple[str, str]]:
    return {e.text: (e.type, e.id) for e in recognize_names(text, lang)}


def test_kazakh_names_keep_their_endings_and_link_to_the_knowledge_base() -> None:
    text = (
        "АСТАНА, 11 қазан – Sputnik. Қазақстанның Украинадағы елшілігінің қызметкерлері "
        "эвакуацияланады. Бұл туралы сыртқы істер министрлігінің ресми өкілі Айбек Смадияров "
        "мәлімдеді, деп хабарлайды Sputnik Қазақстан тілшісі."
    )
    found = names(text, "kk")
    assert found["АСТАНА"] == ("LOC", "city:astana")
    assert found["Қазақстанның"] == ("LOC", "country:kz")
    assert found["Украинадағы"] == ("LOC", "country:ua")
    assert found["сыртқы істер министрлігінің"] == ("ORG", "org:kz_mfa")
    assert found["Айбек Смадияров"][0] == "PER"
    assert found["Sputnik Қазақстан"] == ("ORG", "org:sputnik")
    assert "Бұл" not in found and "АСТАНА, 11" not in found


def test_kazakh_initials_join_the_full_name() -> None:
    text = (
        "Айбек Смадияров мұндай сөздер тату көршілік қарым-қатынастың атмосферасын улайтынын "
        "айрықша атап өтті.\n\n«Ол Қазақстанға кірмеуі мүмкін жағымсыз адамдардың тізіміне "
        "енгізіледі деп ойлаймын», - деді А.Смадияров."
    )
    found = recognize_names(text, "kk")
    people = {e.text: e.id for e in found if e.type == "PER"}
    assert people["А.Смадияров"] == people["Айбек Смадияров"]
    assert "Ол" not in people


def test_english_titles_stay_out_of_names_and_spellings_meet() -> None:
    text = (
        '"It is a fact that Russia cannot be defeated in the military sense," Kazakhstan’s '
        "President Kassym-Jomart Tokayev told visiting German Chancellor Olaf Scholz on "
        "September 17."
    )
    found = names(text, "en")
    assert found["Kazakhstan"] == ("LOC", "country:kz")  # without its possessive
    assert found["Kassym-Jomart Tokayev"] == ("PER", "person:tokayev")
    assert found["Olaf Scholz"][0] == "PER"
    assert "President Kassym-Jomart Tokayev" not in found and "September" not in found
    assert spelling_key("Kassym-Zhomart Tokayev") == spelling_key("Kassym-Jomart Tokaev")
    assert spelling_key("Тоқаев") == spelling_key("Токаев")


def test_headings_in_capitals_and_sentence_openers_are_no_names() -> None:
    text = "MODERN EFFECTIVE STATE. The Kazakh Foreign Minister stated that talks went well."
    found = names(text, "en")
    assert not any(surface.isupper() for surface in found)
    assert "The Kazakh Foreign Minister" not in found and "Kazakh Foreign Minister" not in found


def test_a_bare_body_is_the_home_country_s_unless_the_name_holds_another() -> None:
    text = (
        "Ауғанстанның сыртқы істер министрлігінің басшысы алғысын айтты. Бұл туралы "
        "Қазақстанның сыртқы істер министрлігінің баспасөз қызметі хабарлады."
    )
    found = names(text, "kk")
    assert found["Ауғанстанның сыртқы істер министрлігінің"][1] != "org:kz_mfa"
    assert found["Қазақстанның сыртқы істер министрлігінің"] == ("ORG", "org:kz_mfa")


def test_english_titles_after_a_body_and_names_joined_by_and() -> None:
    # eval/langs, tuning half: en-040, en-003, en-039
    text = (
        "US State Department Spokesman Ned Price said in a statement. The delegation met with "
        "Afghan President Ashraf Ghani and Afghan Foreign Minister Haneef Atmar. He made this "
        "statement after talks with the Chancellor of Germany, Olaf Scholz, in Berlin."
    )
    people = {surface for surface, (kind, _) in names(text, "en").items() if kind == "PER"}
    assert {"Ned Price", "Ashraf Ghani", "Haneef Atmar", "Olaf Scholz"} <= people


def test_a_kazakh_name_in_the_ablative_and_the_genitive_is_one_person() -> None:
    # eval/lang_id lid-066, Tengrinews.kz: "Сергей Смирновтан … сұрап білді. … Смирновтың айтуынша"
    text = (
        "Tengrinews.kz тілшісі мұнай-газ нарығының сарапшысы Сергей Смирновтан алдағы уақытта ол "
        "баға сақтала ма, жоқ па сұрап білді. Сарапшы Смирновтың айтуынша, Қазақстанда бензиннің "
        "қымбаттауына басты себеп - акциздердің өсуі."
    )
    people = {e.text: e.id for e in recognize_names(text, "kk") if e.type == "PER"}
    assert people["Сергей Смирновтан"] == people["Смирновтың"]
