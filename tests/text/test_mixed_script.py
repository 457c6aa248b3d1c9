from narrascope.text.mixed_script import cyrillic_twins


def test_latin_letters_inside_a_cyrillic_word_become_their_cyrillic_twins() -> None:
    # zakon.kz, 2020-07: "аким Мейiржан" typed with a Latin i
    assert cyrillic_twins("Аким Мейiржан Aстана") == "Аким Мейіржан Астана"


def test_latin_words_and_mixed_compounds_keep_their_letters() -> None:
    text = "Go-разработчик, iPhone, Windows-версия, COVID-19, ПЦР-тест"
    assert cyrillic_twins(text) == text
