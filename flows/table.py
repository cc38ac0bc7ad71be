"""The transition table: every edge the dialogue may take, and the README diagram from it."""

from __future__ import annotations

from typing import Final

Edge = tuple[str, str, str]
"""(from, event, to); `*` stands for any question state."""

QUESTIONS: Final = (
    "who",
    "place",
    "topic",
    "confirm_topic",
    "confirm_place",
    "language",
    "safety",
)
TABLE: Final[tuple[Edge, ...]] = (
    ("new", "start", "ask"),
    ("*", "start", "ask"),
    ("*", "crisis text", "emergency card, then ask"),
    ("*", "unsure danger", "safety"),
    ("safety", "yes, safe", "ask"),
    ("safety", "no, in danger", "emergency card, then ask"),
    ("emergency card, then ask", "more crisis lines", "emergency card, then ask"),
    ("emergency card, then ask", "show more help", "results"),
    ("*", "a person now / privacy / which language", "same (answer, then ask again)"),
    ("*", "text", "ask"),
    ("*", "choose", "ask"),
    ("ask", "all three known", "results"),
    ("ask", "unsure topic", "confirm_topic"),
    ("confirm_topic", "yes", "ask"),
    ("confirm_topic", "no", "topic"),
    ("ask", "unsure place", "confirm_place"),
    ("confirm_place", "yes", "ask"),
    ("confirm_place", "no", "place"),
    ("results", "more", "results"),
    ("results", "another place", "place"),
    ("results", "another topic", "topic"),
    ("results", "text", "results"),
    ("*", "/language", "language"),
    ("language", "choose", "ask"),
    ("*", "/restart", "ask"),
    ("*", "/exit", "new (wiped)"),
    ("*", "/help /privacy", "same"),
    ("*", "sticker, photo, empty", "same (kind answer)"),
    ("*", "stale button", "ask"),
)


def mermaid() -> str:
    """Return the table as a Mermaid state diagram for the README."""
    lines = ["stateDiagram-v2"]
    names: dict[str, str] = {}

    def node(label: str) -> str:
        if label not in names:
            names[label] = f"s{len(names)}"
            lines.append(f'    state "{label}" as {names[label]}')
        return names[label]

    for source, event, target in TABLE:
        source = "any question" if source == "*" else source
        lines.append(f"    {node(source)} --> {node(target)}: {event}")
    return "\n".join(lines)
