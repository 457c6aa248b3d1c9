"""Read-side use-cases that need no database."""

from narrascope.analytics.queries import recent_days


def test_recent_days_fill_the_gaps_up_to_the_latest_day() -> None:
    assert recent_days(["2024-11-03", "2024-11-01"]) == ["2024-11-01", "2024-11-02", "2024-11-03"]
    window = recent_days(["2001-09-11", "2024-12-03"], window=3)
    assert window == ["2024-12-01", "2024-12-02", "2024-12-03"]
    assert recent_days(["", "garbage"]) == []
