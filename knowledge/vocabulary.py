"""Closed vocabularies fixed by the contract: topics, audiences, languages, kinds."""

from __future__ import annotations

from typing import Final

TOPICS: Final = (
    "sexual_violence",
    "violence",
    "neglect",
    "exploitation",
    "family_support",
    "migration",
    "work",
    "health",
    "mental_health",
    "bullying",
    "rights",
)
AUDIENCES: Final = ("self", "own_child", "someone_else", "professional")
LANGUAGES: Final = ("de", "ro", "en", "bg", "tr", "ar", "uk")
"""The interface languages: a complete catalog each (locales/)."""
LEXICON_LANGUAGES: Final = ("de", "ro", "en")
"""Languages the lexicon covers in full (its alarms count) and service texts are written in."""
OTHER_LANGUAGES: Final = ("pl", "ru")
"""Languages understood (topic, who, crisis) and detected, answered in an interface language."""
UNDERSTOOD_LANGUAGES: Final = (*LANGUAGES, *OTHER_LANGUAGES)
INTENTS: Final = (
    "greeting",
    "person",
    "privacy",
    "anywhere",
    "asks_language",
    "uninsured",
    "friend",
    "by_phone",
    "safe_now",
    "yes",
    "no",
    *(f"speaks_{code}" for code in (*LANGUAGES, *OTHER_LANGUAGES)),
)
"""What people type besides who / where / what: hello, a person now, privacy, a language."""
GENDERS: Final = ("female", "male")
PROFESSIONS: Final = ("medical", "youth_services", "education", "court")
CRISIS_KINDS: Final = ("danger_now", "suicidal", "sexual_now")
"""An attack or threat under way; suicidal thoughts or self-harm; sexual violence now."""
SERVICE_LANGUAGES: Final = (
    *LANGUAGES,
    "ru",
    "fa",
    "pl",
    "rom",
    "fr",
    "es",
    "it",
    "sq",
    "sr",
    "hr",
    "bs",
    "hu",
    "ku",
    "vi",
    "zh",
    "ps",
    "so",
    "ti",
    "el",
    "pt",
    "sk",
    "cs",
)
KINDS: Final = (
    "emergency",
    "crisis_line",
    "counselling",
    "online",
    "authority",
    "medical",
    "outreach",
    "network",
)
WEEKDAYS: Final = ("mo", "tu", "we", "th", "fr", "sa", "su")
STATUSES: Final = ("active", "inactive", "defunct", "temporarily_closed")
"""HSDS service status; only `active` services are suggested."""
APPLICATION_PROCESSES: Final = ("walk_in", "appointment", "referral")
"""How one gets in, where a source says so."""
