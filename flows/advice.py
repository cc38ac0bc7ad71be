"""One line of advice before the contacts, written for the person's case: who and topic."""

from __future__ import annotations

from collections.abc import Sequence

from flows import messages as m

PROTECTION = frozenset(
    {
        "sexual_violence",
        "violence",
        "neglect",
        "exploitation",
        "bullying",
        "mental_health",
        "rights",
    }
)
"""Topics where a child may be harmed: advice on listening and believing fits."""
ADVICE = {
    ("own_child", "protection"): m.ADVICE_OWN_CHILD,
    ("own_child", "everyday"): m.ADVICE_OWN_CHILD_EVERYDAY,
    ("someone_else", "protection"): m.ADVICE_SOMEONE_ELSE,
    ("professional", "protection"): m.ADVICE_PROFESSIONAL,
    ("professional", "everyday"): m.ADVICE_PROFESSIONAL_EVERYDAY,
    ("self", "sexual"): m.ADVICE_SELF_SEXUAL,
}


def advice(who: str | None, topics: Sequence[str]) -> str | None:
    """Return the advice line for who asks about which topics, or None where none fits."""
    if not who or not topics:
        return None
    if who == "self":
        kind = "sexual" if topics[0] in ("sexual_violence", "exploitation") else "other"
    else:
        kind = "protection" if topics[0] in PROTECTION else "everyday"
    return ADVICE.get((who, kind))
