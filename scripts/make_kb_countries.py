"""Write narrascope/data/kb/countries.yaml: every ISO 3166 country with its Russian, Kazakh and
English names (pycountry's translations), plus the short names, abbreviations and adjectives the
press uses for the countries Kazakhstan deals with most. Run by hand; the YAML is committed."""

from __future__ import annotations

import gettext
from pathlib import Path

import pycountry
import yaml

OUT = Path(__file__).resolve().parent.parent / "narrascope" / "data" / "kb" / "countries.yaml"

# alpha-2 -> (short Russian name, extra aliases, Russian adjective)
PRESS_NAMES: dict[str, tuple[str, list[str], str | None]] = {
    "KZ": (
        "Казахстан",
        ["РК", "Республика Казахстан", "Kazakhstan", "Qazaqstan", "ҚР", "Қазақстан Республикасы"],
        "казахстанский",
    ),
    "RU": ("Россия", ["РФ", "Российская Федерация", "Russia"], "российский"),
    "CN": (
        "Китай",
        ["КНР", "Китайская Народная Республика", "Поднебесная", "China", "PRC"],
        "китайский",
    ),
    "US": (
        "США",
        [
            "Соединённые Штаты",
            "Соединенные Штаты Америки",
            "Америка",
            "USA",
            "U.S.",
            "US",
            "United States",
        ],
        "американский",
    ),
    "TR": ("Турция", ["Турецкая Республика", "Türkiye", "Turkey"], "турецкий"),
    "UZ": ("Узбекистан", ["Республика Узбекистан", "Uzbekistan"], "узбекский"),
    "KG": ("Кыргызстан", ["Киргизия", "Кыргызская Республика", "Kyrgyzstan"], "кыргызский"),
    "TJ": ("Таджикистан", ["Республика Таджикистан", "Tajikistan"], "таджикский"),
    "TM": ("Туркменистан", ["Туркмения", "Turkmenistan"], "туркменский"),
    "AZ": ("Азербайджан", ["Азербайджанская Республика", "Azerbaijan"], "азербайджанский"),
    "AM": ("Армения", ["Республика Армения", "Armenia"], "армянский"),
    "GE": ("Грузия", ["Georgia"], "грузинский"),
    "BY": ("Беларусь", ["Белоруссия", "Республика Беларусь", "Belarus"], "белорусский"),
    "UA": ("Украина", ["Ukraine"], "украинский"),
    "MN": ("Монголия", ["Mongolia"], "монгольский"),
    "AF": ("Афганистан", ["Afghanistan"], "афганский"),
    "IR": ("Иран", ["Исламская Республика Иран", "Iran"], "иранский"),
    "IN": ("Индия", ["India"], "индийский"),
    "PK": ("Пакистан", ["Pakistan"], "пакистанский"),
    "JP": ("Япония", ["Japan"], "японский"),
    "KR": ("Южная Корея", ["Республика Корея", "South Korea"], "южнокорейский"),
    "KP": ("КНДР", ["Северная Корея", "North Korea"], "северокорейский"),
    "DE": ("Германия", ["ФРГ", "Germany"], "германский"),
    "FR": ("Франция", ["France"], "французский"),
    "GB": (
        "Великобритания",
        ["Британия", "Соединённое Королевство", "UK", "Britain"],
        "британский",
    ),
    "IT": ("Италия", ["Italy"], "итальянский"),
    "ES": ("Испания", ["Spain"], "испанский"),
    "PL": ("Польша", ["Poland"], "польский"),
    "HU": ("Венгрия", ["Hungary"], "венгерский"),
    "AE": ("ОАЭ", ["Объединённые Арабские Эмираты", "Эмираты", "UAE"], "эмиратский"),
    "SA": ("Саудовская Аравия", ["Королевство Саудовская Аравия", "Saudi Arabia"], "саудовский"),
    "QA": ("Катар", ["Qatar"], "катарский"),
    "KW": ("Кувейт", ["Kuwait"], "кувейтский"),
    "IL": ("Израиль", ["Israel"], "израильский"),
    "EG": ("Египет", ["Egypt"], "египетский"),
    "SY": ("Сирия", ["Syria"], "сирийский"),
    "CA": ("Канада", ["Canada"], "канадский"),
    "AR": ("Аргентина", ["Argentina"], "аргентинский"),
    "BR": ("Бразилия", ["Brazil"], "бразильский"),
    "MY": ("Малайзия", ["Malaysia"], "малайзийский"),
    "SG": ("Сингапур", ["Singapore"], "сингапурский"),
    "VN": ("Вьетнам", ["Vietnam"], "вьетнамский"),
    "MD": ("Молдавия", ["Молдова", "Moldova"], "молдавский"),
    "LT": ("Литва", ["Lithuania"], "литовский"),
    "LV": ("Латвия", ["Latvia"], "латвийский"),
    "EE": ("Эстония", ["Estonia"], "эстонский"),
    "CH": ("Швейцария", ["Switzerland"], "швейцарский"),
    "AT": ("Австрия", ["Austria"], "австрийский"),
    "NL": ("Нидерланды", ["Голландия", "Netherlands"], "нидерландский"),
    "BE": ("Бельгия", ["Belgium"], "бельгийский"),
}


def main() -> None:
    ru = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"])
    kk = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["kk"])
    entities = []
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        short, aliases, adjective = PRESS_NAMES.get(country.alpha_2, (None, [], None))
        names = {
            "ru": short or ru.gettext(country.name),
            "kk": kk.gettext(country.name),
            "en": getattr(country, "common_name", None) or country.name,
        }
        official = getattr(country, "official_name", None)
        alias_set = [*aliases, ru.gettext(country.name), country.name]
        if official:
            alias_set += [ru.gettext(official), official]
        entity = {
            "id": f"country:{country.alpha_2.lower()}",
            "type": "LOC",
            "name": names,
            "aliases": sorted({a for a in alias_set if a and a not in names.values()}),
        }
        if adjective:
            entity["adjective"] = adjective
        entities.append(entity)
    OUT.write_text(
        yaml.safe_dump(entities, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8"
    )
    print(f"{len(entities)} countries -> {OUT}")


if __name__ == "__main__":
    main()
