"""Opening hours: weekday spans, past midnight, 24/7, open now, next opening."""

from datetime import datetime

import pytest

from knowledge.hours import BERLIN, HoursError, closes_at, is_open, next_opening, parse

OFFICE = parse([{"days": ["mo", "tu", "we", "th", "fr"], "opens": "09:00", "closes": "17:00"}])
NIGHT = parse([{"days": ["sa"], "opens": "20:00", "closes": "02:00"}])
SUNDAY_NIGHT = parse([{"days": ["su"], "opens": "22:00", "closes": "03:00"}])
ALWAYS = parse(
    [{"days": ["mo", "tu", "we", "th", "fr", "sa", "su"], "opens": "00:00", "closes": "24:00"}]
)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """2026-11-23 is a Monday."""
    return datetime(2026, 11, 23 + day, hour, minute, tzinfo=BERLIN)


@pytest.mark.parametrize(
    ("spans", "moment", "expected"),
    [
        (OFFICE, at(0, 9), True),
        (OFFICE, at(0, 8, 59), False),
        (OFFICE, at(4, 16, 59), True),
        (OFFICE, at(4, 17), False),
        (OFFICE, at(5, 12), False),
        (NIGHT, at(5, 23), True),
        (NIGHT, at(6, 1, 30), True),  # Sunday 01:30, from Saturday's span
        (NIGHT, at(6, 2), False),
        (SUNDAY_NIGHT, at(0, 2), True),  # Monday 02:00 wraps from Sunday
        (ALWAYS, at(3, 3), True),
        (ALWAYS, at(6, 23, 59), True),
    ],
)
def test_is_open(spans, moment, expected) -> None:
    assert is_open(spans, moment) is expected


def test_next_opening_and_closing() -> None:
    assert next_opening(OFFICE, at(4, 18)) == at(7, 9)  # Friday evening -> Monday 09:00
    assert next_opening(OFFICE, at(0, 8)) == at(0, 9)
    assert closes_at(OFFICE, at(0, 10)) == at(0, 17)
    assert closes_at(OFFICE, at(0, 18)) is None
    assert closes_at(NIGHT, at(5, 21)) == at(6, 2)


def test_utc_input_is_read_in_berlin() -> None:
    from datetime import UTC

    assert is_open(OFFICE, datetime(2026, 11, 23, 8, 30, tzinfo=UTC))  # 09:30 in Berlin


@pytest.mark.parametrize(
    "bad",
    [
        {"days": ["xx"], "opens": "09:00", "closes": "10:00"},
        {"days": ["mo"], "opens": "9", "closes": "10:00"},
        {"days": [], "opens": "09:00", "closes": "10:00"},
        {"days": ["mo"], "opens": "24:30", "closes": "10:00"},
    ],
)
def test_bad_hours_raise(bad) -> None:
    with pytest.raises(HoursError):
        parse([bad])
