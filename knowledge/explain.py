"""`helpfinder kb explain "TEXT"`: which terms and which nearest examples led to an answer."""

from __future__ import annotations

from knowledge.finder import Finder
from knowledge.fusion import fuse, tells_nothing, trust, untold
from knowledge.understand import Reading


def _marks(reading: Reading) -> list[str]:
    """Return what the lexicon read about time and tone, which turns an alarm into a question."""
    marks = (
        ("danger feared for later", reading.anticipated),
        ("a time near now", reading.soon),
        ("marked a joke", reading.joking),
    )
    return [name for name, on in marks if on]


def explain(finder: Finder, message: str) -> str:
    """Return a counsellor-readable account of how one message was understood."""
    reading = finder.read(message)
    vote = finder.vote(reading, message)
    u = fuse(reading, vote)
    scored = zip(u.topics, u.topic_scores, strict=True)
    lines = [
        f"language: {u.language}",
        "topics: " + (", ".join(f"{t} {s:.2f}" for t, s in scored) or "-"),
        f"who: {u.who or '-'}",
        f"crisis: {u.crisis_kind if u.crisis else 'no'}; safety check: {u.safety_check}",
        f"intents: {', '.join(u.intents) or '-'}",
        f"read as: {', '.join(_marks(reading)) or '-'}",
        "",
        "lexicon terms:",
    ]
    for hit in reading.hits:
        kind, key, lang = hit.label.kind, hit.label.key, hit.label.lang
        fuzzy = " (misspelt)" if hit.fuzzy else ""
        lines.append(f"  {kind}:{key} [{lang}] words {hit.start}-{hit.end}{fuzzy}")
    if not reading.hits:
        lines.append("  (none)")
    if finder.bank is None:
        lines += ["", "nearest examples: encoder not loaded (lexicon only)"]
    elif vote is None:
        lines += ["", "nearest examples: not needed (place, who or intent words only)"]
    else:
        lines += ["", f"nearest examples (nearest {vote.nearest:.3f}, trust {trust(vote):.2f}):"]
        total = sum(n.weight for n in vote.neighbours)
        for n in vote.neighbours:
            e = n.example
            label = f"{'/'.join(e.topics) or '-'} who={e.who or '-'} crisis={e.crisis or '-'}"
            lines.append(
                f"  {n.similarity:.3f} w={n.weight / total:.2f} [{e.language}] "
                f"{e.text[:70]!r} -> {label}"
            )
        shares = ", ".join(
            f"{t} {s:.2f}" for t, s in sorted(vote.topics.items(), key=lambda x: -x[1]) if s >= 0.01
        )
        for name, said in vote.learned.items():
            best = sorted(said.items(), key=lambda x: -x[1])[:3]
            lines.append(f"  head {name}: " + ", ".join(f"{k} {p:.2f}" for k, p in best))
        told = " (tells no matter)" if tells_nothing(vote, trust(vote)) else ""
        lines.append(
            f"  vote: topics {shares or '-'}; no matter {untold(vote):.2f}{told}; "
            f"crisis share {vote.crisis_share:.2f}"
        )
    return "\n".join(lines)
