"""Test services whose given facts are all verified by one dated source."""

from __future__ import annotations

from dataclasses import replace

from knowledge.model import Service
from knowledge.provenance import COVERED, Fact, PartialDate, field_value

SOURCE = "https://example.invalid"
SOURCE_DATE = PartialDate(2026, 3, 9)


def verified(service: Service, dated: PartialDate | None = SOURCE_DATE) -> Service:
    """Return the service with a verified fact, from SOURCE of date `dated`, per given field."""
    return replace(
        service,
        provenance=tuple(
            Fact(name, value, "verified", SOURCE, dated)
            for name in COVERED
            if (value := field_value(service, name)) is not None
        ),
    )
