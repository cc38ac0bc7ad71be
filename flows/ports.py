"""What the dialogue needs from the knowledge base: understanding and ranking."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

from knowledge.model import Place, Suggestion, Understanding
from knowledge.rank import SUGGESTION_LIMIT


class Finder(Protocol):
    """knowledge.finder.Finder, seen from the dialogue."""

    def understand(
        self, message: str, hint: str | None = None, vector: Any = None
    ) -> Understanding: ...

    def suggest(
        self, u: Understanding, now: datetime, limit: int = SUGGESTION_LIMIT
    ) -> list[Suggestion]: ...

    def emergency(self, u: Understanding, now: datetime) -> list[Suggestion]: ...

    def people_now(self, u: Understanding, now: datetime) -> list[Suggestion]: ...

    def speaking(self, language: str, u: Understanding, now: datetime) -> list[Suggestion]: ...

    def place(self, city: str | None, district: str | None = None) -> Place | None: ...

    def offered_places(self) -> tuple[Place, ...]: ...
