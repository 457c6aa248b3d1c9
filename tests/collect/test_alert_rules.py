"""The alert rules on hand-made daily counts: the z-score, the floors and the new-name rule."""

from __future__ import annotations

from collections.abc import Iterator

from narrascope.collect.alerts import detect_alerts
from narrascope.collect.sources import AlertSettings
from narrascope.store.sql.collect import Alert


class Counts:
    """Daily counts as the store gives them: (key, label, day, documents, outlets)."""

    def __init__(
        self, rows: list[tuple[str, str, str, int, int]], first: list[tuple[str, str, int]]
    ):
        self.rows = rows
        self.first = first

    def daily_counts(
        self, kind: str, since: str, until: str
    ) -> Iterator[tuple[str, str, str, int, int]]:
        yield from (row for row in self.rows if kind == "entity" and since <= row[2] <= until)

    def first_mentions(self, day: str) -> Iterator[tuple[str, str, int]]:
        yield from self.first


SETTINGS = AlertSettings(z=3.0, min_count=5, baseline_days=7, new_entity_outlets=3)
WEEK = [f"2024-11-{day:02d}" for day in range(20, 27)]


def detect(
    rows: list[tuple[str, str, str, int, int]], first: tuple[tuple[str, str, int], ...] = ()
) -> list[Alert]:
    return detect_alerts(Counts(rows, list(first)), SETTINGS, day="2024-11-27")  # type: ignore[arg-type]


def test_a_spike_over_a_steady_baseline() -> None:
    rows = [("kz", "Казахстан", day, 2, 2) for day in WEEK] + [
        ("kz", "Казахстан", "2024-11-27", 9, 5)
    ]
    [alert] = detect(rows)
    assert (alert.count, alert.baseline, alert.outlets) == (9, 2.0, 5)
    assert alert.z == 7.0  # (9 - 2) / max(std 0, floor 1)


def test_a_busy_key_needs_more_than_its_usual_swing() -> None:
    swings = [2, 12, 3, 11, 2, 12, 3]  # mean 6.43, std 4.37: 12 on the day is z 1.27
    rows = [("ru", "Россия", day, n, 3) for day, n in zip(WEEK, swings, strict=True)]
    assert detect([*rows, ("ru", "Россия", "2024-11-27", 12, 4)]) == []


def test_below_the_minimum_count_nothing_alerts() -> None:
    rows = [("x", "X", "2024-11-27", 4, 4), ("y", "Y", WEEK[0], 1, 1)]
    assert detect(rows) == []


def test_new_names_need_history_and_enough_outlets() -> None:
    first = (("new", "Новый центр", 3), ("lone", "Одиночка", 2))
    history = [("kz", "Казахстан", WEEK[0], 1, 1)]
    [alert] = detect(history, first)
    assert (alert.kind, alert.label, alert.z) == ("new_entity", "Новый центр", None)
    assert detect([], first) == []  # an empty store's first day is all new names
