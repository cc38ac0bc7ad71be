"""knowledge.provenance: partial dates, facts, what is shown, as-of date, what is due."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pytest

from knowledge import provenance as p
from knowledge.provenance import Fact, PartialDate


@dataclass
class Stub:
    """The fields provenance reads from a Service (all covered fields unset by default)."""

    provenance: tuple[Fact, ...] = ()
    values: dict[str, Any] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:
        if name in p.COVERED or name in p.NOTES.values():
            return self.values.get(name)
        raise AttributeError(name)


def stub(*found: Fact) -> Any:
    return Stub(found, {f.field: f.value for f in found if f.status == "verified"})


def test_partial_dates_keep_their_precision_and_order() -> None:
    assert [str(PartialDate.parse(v)) for v in ("2018", "2018-04", "2018-04-14")] == [
        "2018",
        "2018-04",
        "2018-04-14",
    ]
    assert PartialDate.parse(date(2020, 1, 15)) == PartialDate(2020, 1, 15)
    assert PartialDate.parse(2005) == PartialDate(2005)
    assert PartialDate(2018) < PartialDate(2018, 4) < PartialDate(2018, 4, 14) < PartialDate(2019)
    assert PartialDate(2022, 9).earliest() == date(2022, 9, 1)
    with pytest.raises(ValueError):
        PartialDate.parse("April 2018")
    with pytest.raises(ValueError):
        PartialDate.parse("2018-02-30")


def test_facts_cover_every_field_and_unknown_ones_say_so() -> None:
    phone = Fact("phone", "0231 1", "verified", "https://a", PartialDate(2018, 4, 14))
    found = p.facts(stub(phone))
    assert [f.field for f in found] == list(p.COVERED)
    assert p.fact(stub(phone), "phone") == phone
    assert p.fact(stub(phone), "languages").status == "unknown"


def test_only_verified_facts_with_a_value_are_shown() -> None:
    phone = Fact("phone", "0231 1", "verified", "https://a", PartialDate(2018))
    address = Fact("address", "Dudenstraße 2-4", "unverified", None, None, "background knowledge")
    free = Fact("free_of_charge", True, "inferred", "https://b", None, "from an 0800 number")
    assert p.shown(stub(phone, address, free)) == (phone,)


def test_as_of_is_the_oldest_shown_date_whatever_its_precision() -> None:
    phone = Fact("phone", "0231 1", "verified", "https://a", PartialDate(2018, 4, 14))
    url = Fact("url", "https://x", "verified", "https://b", PartialDate(2016))
    old_unverified = Fact("email", "a@b.de", "unverified", "https://c", PartialDate(2005))
    assert p.as_of(stub(phone, url, old_unverified)) == PartialDate(2016)
    assert p.as_of(stub()) is None


def test_due_contacts_after_12_months_hours_after_6_judged_by_the_earliest_day() -> None:
    phone = Fact("phone", "0231 1", "verified", "https://a", PartialDate(2025, 12))
    hours = Fact("hours", ("spans",), "verified", "https://a", PartialDate(2026, 5, 20))
    service = stub(phone, hours)
    assert p.due(service, date(2026, 11, 19)) == ()
    assert p.due(service, date(2026, 11, 20)) == (hours,)
    assert p.due(service, date(2026, 12, 1)) == (phone, hours)  # "2025-12" counts as the 1st


def test_undated_and_unverified_values_are_always_due_unknown_ones_never() -> None:
    url = Fact("url", "https://x", "verified", "https://b", None)
    guess = Fact("address", "Hövelstraße 8", "unverified")
    nothing = Fact("phone", None, "unknown", None, None, "not found")
    assert p.due(stub(url, guess, nothing), date(2000, 1, 1)) == (url, guess)


def test_hours_older_than_two_years_are_not_current() -> None:
    hours = Fact("hours", ("spans",), "verified", "https://a", PartialDate(2024, 12))
    service = stub(hours)
    assert p.current_hours(service, date(2026, 11, 30))
    assert not p.current_hours(service, date(2026, 12, 1))
    undated = stub(Fact("hours", ("spans",), "verified", "https://a", None))
    assert not p.current_hours(undated, date(2000, 1, 1))


def test_a_remark_shown_without_a_value_dates_the_card_and_falls_due() -> None:
    old = Fact("hours", None, "verified", "https://x", PartialDate(2007))
    phone = Fact("phone", "0231 1", "verified", "https://y", PartialDate(2026, 6))
    service = Stub((old, phone), {"phone": "0231 1", "hours_note": {"de": "auch nachts"}})
    assert p.as_of(service) == PartialDate(2007)  # the note of 2007 is on the card
    assert [f.field for f in p.due(service, date(2026, 12, 5))] == ["hours"]
    assert p.due(service, date(2026, 12, 5))[0].value == "auch nachts"
    quiet = Stub((old, phone), {"phone": "0231 1"})  # no note shown: 2007 is not on the card
    assert p.as_of(quiet) == PartialDate(2026, 6) and not p.due(quiet, date(2026, 12, 5))
