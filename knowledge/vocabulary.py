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
LANGUAGES: Final = ("de", "ro", "en")
SERVICE_LANGUAGES: Final = (
    *LANGUAGES,
    "bg",
    "tr",
    "ru",
    "uk",
    "ar",
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
STATUSES: Final = ("active", "inactive")
