from narrascope.nlp.clause import position_span, speech_source


def test_the_subject_of_the_speech_verb_not_the_nearest_name() -> None:
    text = (
        'Как сказал в одном из интервью "НГ" проректор Высшей школы экономики Сергей Рощин, '
        "для этого нужно быть умнее"
    )
    source = speech_source(text, text.index("сказал"))
    assert source is not None and not source.where
    assert text[source.start : source.end] == "проректор Высшей школы экономики Сергей Рощин"


def test_where_it_was_said_names_the_body() -> None:
    text = "Об этом говорится в сообщении пресс-службы Акорды."
    source = speech_source(text, text.index("говорится"))
    assert source is not None and source.where
    assert text[source.start : source.end] == "пресс-службы Акорды"


def test_the_position_in_apposition_to_a_name() -> None:
    text = "Аким Нур-Султана Алтай Кульгинов подвел итоги конференции."
    span = position_span(text, text.index("Алтай"), text.index(" подвел"))
    assert span is not None and text[span[0] : span[1]].strip() == "Аким Нур-Султана"
