"""The contract's JSON answer for one message (`helpfinder ask --json`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.render import Renderer
from knowledge import provenance
from knowledge.finder import Finder
from knowledge.model import Suggestion

CONTRACT_FIELDS = (
    "id",
    "name",
    "phone",
    "email",
    "url",
    "address",
    "anonymous",
    "free_of_charge",
    "languages",
    "why",
)
"""The fields every suggestion has (contract §5); a service that lacks one gives null."""
ASK_LIMIT = 5
"""Suggestions per answer beyond the emergency lines."""


def suggestion_json(s: Suggestion, renderer: Renderer) -> dict[str, Any]:
    """Return one suggestion in the contract's form (plus a few extra fields)."""
    service, lang = s.service, renderer.locale
    return {
        "id": service.id,
        "name": service.name.get(lang) or service.name["de"],
        "phone": service.phone,
        "email": service.email,
        "url": service.url,
        "chat_url": service.chat_url,
        "address": service.address.one_line() if service.address else None,
        "anonymous": service.anonymous,
        "free_of_charge": service.free_of_charge,
        "languages": list(service.languages),
        "open_now": s.open_now,
        "why": renderer.why(s.reasons),
        "as_of": str(as_of) if (as_of := provenance.as_of(service)) else None,
        "alert": service.alert.get(lang) or service.alert["de"] if service.alert else None,
        "source": service.source,
    }


def answer(finder: Finder, message: str, now: datetime, lang: str | None = None) -> dict[str, Any]:
    """Understand one message and answer with the contract's JSON object."""
    u = finder.understand(message, lang)
    language = lang or u.language
    renderer = Renderer(language)
    suggestions = finder.suggest(u, now, ASK_LIMIT)
    place = u.place.as_contract() if u.place and u.place.city else None
    return {
        "language": language,
        "crisis": u.crisis,
        "crisis_kind": u.crisis_kind,
        "safety_check": u.safety_check,
        "who": u.who,
        "place": place,
        "topics": list(u.topics),
        "suggestions": [suggestion_json(s, renderer) for s in suggestions],
    }
