from pathlib import Path

import pytest

from narrascope.nlp.themepack import ThemePackError, lemma_sequence, load_pack

DESIGN_IDS = {
    "multivector",
    "middle_power",
    "mediation",
    "track_two",
    "soft_power",
    "nuclear",
    "critical_minerals",
    "transport_corridors",
    "regional_cooperation",
    "multilateral_institutions",
    "economic_diplomacy",
    "security",
    "climate_energy",
    "interfaith_dialogue",
}


def test_the_bundled_pack_has_every_design_theme_in_three_languages() -> None:
    pack = load_pack()
    assert {theme.id for theme in pack.themes} == DESIGN_IDS
    for theme in pack.themes:
        assert set(theme.descriptions) == {"ru", "en", "kk"}, theme.id
        assert set(theme.names) == {"ru", "en", "kk"}, theme.id
        assert theme.keywords, theme.id
        assert len(theme.examples) >= 3, theme.id
    assert pack.version == "1"
    assert 0.5 < pack.threshold < 1.0


def test_keywords_are_lemmatised_so_any_form_matches() -> None:
    middle = load_pack().get("middle_power")
    assert middle is not None
    assert lemma_sequence("средних держав") in middle.keywords
    assert lemma_sequence("средней державой") == lemma_sequence("средняя держава")


def test_a_user_pack_adds_a_theme_and_keeps_the_default_threshold(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(
        "pack: mine\nversion: 3\nthemes:\n"
        "  - id: water\n    description: {ru: Водные ресурсы и реки}\n"
        "    keywords: [Сырдарья, водные ресурсы]\n",
        encoding="utf-8",
    )
    pack = load_pack(path)
    assert [theme.id for theme in pack.themes] == ["water"]
    assert pack.version == "3"
    assert pack.threshold_of(pack.themes[0]) == pack.threshold


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("themes: [", "cannot read"),
        ("just a string", "a mapping with a list"),
        ("themes:\n  - id: Bad-Id\n    description: {ru: x}\n", "lowercase"),
        ("themes:\n  - id: a\n    keywords: [x]\n", "needs a description"),
        (
            "themes:\n  - id: a\n    description: {ru: x}\n  - id: a\n    description: {ru: y}\n",
            "repeat",
        ),
    ],
)
def test_a_bad_pack_names_the_file_and_the_reason(tmp_path: Path, text: str, reason: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ThemePackError, match=reason) as caught:
        load_pack(path)
    assert str(path) in str(caught.value)
