"""Alerts: a theme, an entity or a speaker's quotes far above their usual daily volume, or an
entity never seen before named by many outlets on one day.

A spike is measured against the same key's days in the baseline window (zero-filled), as a
z-score; the spread is floored at one document so a quiet key does not alert on its second
mention. An alert's id is its kind, key and day: detecting again stores nothing twice.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

import httpx

from narrascope.collect.sources import AlertSettings
from narrascope.ids import short_hash
from narrascope.store.protocol import CollectState
from narrascope.store.sql.collect import Alert

KINDS = ("theme", "entity", "speaker")


def detect_alerts(
    state: CollectState, settings: AlertSettings, day: str | None = None
) -> list[Alert]:
    """Alerts for one day (today, UTC, unless given), strongest first."""
    target = date.fromisoformat(day) if day else datetime.now(UTC).date()
    start = target - timedelta(days=settings.baseline_days)
    alerts: list[Alert] = []
    history = False
    for kind in KINDS:
        daily: defaultdict[str, dict[date, tuple[int, int]]] = defaultdict(dict)
        labels: dict[str, str] = {}
        for key, label, seen, count, outlets in state.daily_counts(
            kind, start.isoformat(), target.isoformat()
        ):
            daily[key][date.fromisoformat(seen)] = (count, outlets)
            labels[key] = label
        for key, days in daily.items():
            history = history or any(seen < target for seen in days)
            alert = _spike(kind, key, labels[key], days, target, settings)
            if alert is not None:
                alerts.append(alert)
    if history:
        alerts += _new_entities(state, target, settings)
    return sorted(alerts, key=lambda alert: (-(alert.z or 0.0), -alert.count, alert.key))


def _spike(
    kind: str,
    key: str,
    label: str,
    days: dict[date, tuple[int, int]],
    target: date,
    settings: AlertSettings,
) -> Alert | None:
    count, outlets = days.get(target, (0, 0))
    if count < settings.min_count:
        return None
    baseline = [
        days.get(target - timedelta(days=back), (0, 0))[0]
        for back in range(1, settings.baseline_days + 1)
    ]
    mean = statistics.fmean(baseline)
    spread = max(statistics.pstdev(baseline), 1.0)
    z = (count - mean) / spread
    if z < settings.z:
        return None
    return _alert(kind, key, label, target, count, mean, round(z, 2), outlets)


def _new_entities(state: CollectState, target: date, settings: AlertSettings) -> list[Alert]:
    return [
        _alert("new_entity", key, label, target, outlets, 0.0, None, outlets)
        for key, label, outlets in state.first_mentions(target.isoformat())
        if outlets >= settings.new_entity_outlets
    ]


def _alert(
    kind: str,
    key: str,
    label: str,
    day: date,
    count: int,
    baseline: float,
    z: float | None,
    outlets: int,
) -> Alert:
    return Alert(
        id=short_hash(f"{kind}|{key}|{day.isoformat()}"),
        kind=kind,
        key=key,
        label=label,
        day=day.isoformat(),
        count=count,
        baseline=round(baseline, 2),
        z=z,
        outlets=outlets,
    )


def raise_alerts(
    state: CollectState,
    settings: AlertSettings,
    webhook: str | None,
    user_agent: str,
    day: str | None = None,
) -> tuple[list[Alert], str | None]:
    """Detect the day's alerts, store the new ones and post them to the webhook (marked
    delivered when it accepts them); the new alerts and why delivery failed, if it did."""
    added = state.add_alerts(detect_alerts(state, settings, day))
    if not webhook or not added:
        return added, None
    problem = post_alerts(webhook, added, user_agent)
    if problem is None:
        state.mark_delivered([alert.id for alert in added])
    return added, problem


def alert_payload(alert: Alert) -> dict[str, object]:
    return {
        "id": alert.id,
        "kind": alert.kind,
        "key": alert.key,
        "label": alert.label,
        "day": alert.day,
        "count": alert.count,
        "baseline": alert.baseline,
        "z": alert.z,
        "outlets": alert.outlets,
    }


def post_alerts(webhook: str, alerts: Sequence[Alert], user_agent: str) -> str | None:
    """POST the alerts as JSON to the webhook; why it failed, or None when delivered."""
    body = {"source": "narrascope", "alerts": [alert_payload(alert) for alert in alerts]}
    try:
        response = httpx.post(
            webhook, json=body, headers={"User-Agent": user_agent}, timeout=10, trust_env=False
        )
    except httpx.HTTPError as error:
        return f"{type(error).__name__}: {error}"
    return None if response.is_success else f"HTTP {response.status_code}"
