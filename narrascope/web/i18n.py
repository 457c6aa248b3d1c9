"""Interface words of the web UI and the digest in Russian (the default) and English."""

from __future__ import annotations

from collections.abc import Callable

LANGUAGES = ("ru", "en")

WORDS: dict[str, tuple[str, str]] = {
    "app": ("narrascope", "narrascope"),
    "tagline": ("что СМИ говорят о внешней политике", "what the media say about foreign policy"),
    "search": ("Поиск", "Search"),
    "search_placeholder": ("слова в любой форме, на любом языке", "words in any form or language"),
    "find": ("Найти", "Find"),
    "mode": ("Режим", "Mode"),
    "mode_hybrid": ("гибридный", "hybrid"),
    "mode_fts": ("по словам", "words"),
    "mode_semantic": ("по смыслу", "meaning"),
    "documents": ("Документы", "Documents"),
    "document": ("Документ", "Document"),
    "entities": ("Сущности", "Entities"),
    "entity": ("Сущность", "Entity"),
    "quotes": ("Цитаты", "Quotes"),
    "quotes_title": ("Кто что сказал", "Who said what"),
    "themes": ("Темы", "Themes"),
    "themes_title": ("Темы во времени", "Themes over time"),
    "partners": ("Партнёры", "Partners"),
    "partners_title": (
        "Баланс внимания к партнёрам: многовекторность",
        "Balance of attention to partners: the multi-vector picture",
    ),
    "network": ("Связи", "Network"),
    "network_title": ("Сеть совместных упоминаний", "Co-mention network"),
    "alerts": ("Сигналы", "Alerts"),
    "events": ("События", "Events"),
    "events_title": ("Дипломатический календарь", "Diplomatic calendar"),
    "events_help": (
        "Визиты, переговоры, саммиты и подписанные документы, как о них сообщают тексты:"
        " одно событие — все сообщения о нём. Запланированное становится состоявшимся, когда"
        " об этом сообщает более поздний текст.",
        "Visits, talks, summits and documents signed, as the texts report them: one event, every"
        " report of it. A planned event becomes one that happened when a later report says so.",
    ),
    "no_events": ("Событий нет", "No events"),
    "events_of_period": ("События периода", "Events of the period"),
    "event_kind_visit": ("визит", "visit"),
    "event_kind_talks": ("переговоры", "talks"),
    "event_kind_summit": ("саммит", "summit"),
    "event_kind_agreement": ("документ подписан", "agreement"),
    "event_status_happened": ("состоялось", "happened"),
    "event_status_planned": ("запланировано", "planned"),
    "event_status_cancelled": ("отменено", "cancelled"),
    "participants": ("Участники", "Participants"),
    "place": ("Место", "Place"),
    "reports": ("Сообщения", "Reports"),
    "signed": ("Подписано", "Signed"),
    "date": ("Дата", "Date"),
    "month_previous": ("← месяц назад", "← previous month"),
    "month_next": ("месяц вперёд →", "next month →"),
    "weekdays": ("Пн Вт Ср Чт Пт Сб Вс", "Mon Tue Wed Thu Fri Sat Sun"),
    "claimed_vs_calendar": ("Сказано и в календаре", "Claimed and in the calendar"),
    "claimed": ("сказано", "claimed"),
    "in_calendar": ("в календаре", "in the calendar"),
    "conflicts": ("Расхождения", "Conflicts"),
    "conflicts_title": ("Расхождения в цифрах", "Conflicting figures"),
    "conflicts_help": (
        "Два источника называют разные значения одной величины: тот же субъект, та же мера, тот"
        " же вид (уровень, изменение, итог, доля, место) и то же время, а значения не сходятся"
        " даже с учётом округления и слов «около», «более». Дни одного ряда не сравниваются.",
        "Two sources give different values for one quantity: the same subject, measure, kind"
        " (level, change, total, share, rank) and time, with values that disagree beyond"
        " rounding and words such as 'about' or 'more than'. Days of one series are not compared.",
    ),
    "no_conflicts": ("Расхождений нет", "No conflicting figures"),
    "subject": ("Субъект", "Subject"),
    "measure": ("Мера", "Measure"),
    "first_source": ("Первый источник", "First source"),
    "second_source": ("Второй источник", "Second source"),
    "figures_over_time": ("Цифры во времени", "Figures over time"),
    "claim_kind_level": ("уровень", "level"),
    "claim_kind_change": ("изменение", "change"),
    "claim_kind_total": ("итог", "total"),
    "claim_kind_share": ("доля", "share"),
    "claim_kind_rank": ("место", "rank"),
    "alerts_title": ("Сигналы: всплески и новые имена", "Alerts: spikes and new names"),
    "alerts_help": (
        "Всплеск — день, когда тема, имя или цитаты спикера намного выше обычного (z-оценка"
        " против предыдущих недель); новое имя — впервые названо сразу в нескольких изданиях.",
        "A spike is a day when a theme, a name or a speaker's quotes run far above their usual"
        " volume (z-score against the weeks before); a new name is one first named by several"
        " outlets at once.",
    ),
    "kind": ("Вид", "Kind"),
    "kind_theme": ("тема", "theme"),
    "kind_entity": ("имя", "entity"),
    "kind_speaker": ("цитаты спикера", "speaker's quotes"),
    "kind_new_entity": ("новое имя", "new name"),
    "count": ("Число", "Count"),
    "baseline": ("Обычно в день", "Usual per day"),
    "delivered": ("Отправлено", "Delivered"),
    "views": ("Просмотры", "Views"),
    "forwards": ("Пересылки", "Forwards"),
    "health": ("Загрузка", "Ingest"),
    "health_title": ("Состояние загрузки", "Ingest health"),
    "since": ("С", "From"),
    "until": ("По", "To"),
    "outlet": ("Издание", "Outlet"),
    "outlets": ("Издания", "Outlets"),
    "lang": ("Язык", "Language"),
    "theme": ("Тема", "Theme"),
    "any": ("все", "any"),
    "scope": ("Внешняя политика", "Foreign policy"),
    "scope_in": ("внешняя политика", "foreign policy"),
    "scope_out": ("внутренние новости", "domestic"),
    "in_scope_only": (
        "Считаются только документы о внешней политике (фильтр «Внешняя политика»).",
        "Only documents about foreign policy are counted (the “Foreign policy” filter).",
    ),
    "speaker": ("Спикер", "Speaker"),
    "role": ("Должность", "Position"),
    "published": ("Дата", "Date"),
    "title": ("Заголовок", "Title"),
    "score": ("Оценка", "Score"),
    "stories": ("Уникальные сюжеты", "Unique stories"),
    "reprints": ("Перепечатки", "Reprints"),
    "reprint_of": ("Перепечатка материала", "Reprint of"),
    "story": ("Тот же сюжет в других изданиях", "The same story elsewhere"),
    "figures": ("Цифры", "Figures"),
    "evidence": ("Доказательства тем", "Theme evidence"),
    "positions": ("Должности", "Positions"),
    "positions_quoted": ("Должности в цитатах", "Positions as quoted"),
    "co_mentioned": ("Упоминаются вместе", "Mentioned together"),
    "mentions_over_time": ("Упоминания во времени", "Mentions over time"),
    "by_outlet": ("По изданиям", "By outlet"),
    "share": ("Доля", "Share"),
    "failures": ("Ошибки загрузки", "Failures"),
    "stage": ("Этап", "Stage"),
    "reason": ("Причина", "Reason"),
    "source": ("Источник", "Source"),
    "day": ("День", "Day"),
    "dates_inferred": ("Даты угаданы", "Dates inferred"),
    "undated": ("Без даты", "Undated"),
    "share_inferred": ("Доля угаданных дат", "Share of dates inferred"),
    "export": ("Выгрузить", "Export"),
    "nothing": ("Ничего не найдено", "Nothing found"),
    "not_found": ("Не найдено", "Not found"),
    "period": ("Период", "Period"),
    "week": ("неделя", "week"),
    "day_period": ("день", "day"),
    "month": ("месяц", "month"),
    "apply": ("Применить", "Apply"),
    "type": ("Тип", "Type"),
    "open_source": ("Оригинал", "Original page"),
    "aliases": ("Другие имена", "Other names"),
    "more": ("Дальше", "More"),
    "total": ("Всего", "Total"),
    "per": ("PER — люди", "PER — people"),
    "org": ("ORG — организации", "ORG — organisations"),
    "loc": ("LOC — места", "LOC — places"),
    "group": ("Партнёр", "Partner"),
    "digest": ("Дайджест", "Digest"),
    "overview": ("Обзор", "Overview"),
    "overview_line": (
        "{documents} материалов, из них {originals} оригинальных, в {outlets} изданиях;"
        " {stories} отдельных сюжетов.",
        "{documents} reports, {originals} of them original, in {outlets} outlets;"
        " {stories} distinct stories.",
    ),
    "top_stories": ("Главные сюжеты", "Top stories"),
    "story_note": (
        "{documents} сообщ. в {outlets} изд.",
        "{documents} reports in {outlets} outlets",
    ),
    "theme_line": (
        "{documents} оригинальных сообщений, {stories} отдельных сюжетов.",
        "{documents} original reports, {stories} distinct stories.",
    ),
    "partner_line": (
        "{group}: {share:.0f}% внимания к партнёрам ({documents} сообщ.).",
        "{group}: {share:.0f}% of the attention to partners ({documents} reports).",
    ),
    "source_link": ("источник", "source"),
}


Words = Callable[[str], str]


def translator(lang: str) -> Words:
    index = 1 if lang == "en" else 0
    return lambda key: WORDS[key][index] if key in WORDS else key
