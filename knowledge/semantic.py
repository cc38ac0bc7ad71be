"""Nearest labelled examples to a message, and their vote on topic, who and crisis."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from knowledge.encoder import Vectors
from knowledge.examples import Example

NEIGHBOURS = 8
"""How many nearest examples vote."""
TEMPERATURE = 0.02
"""Softness of the vote: e5 similarities crowd into 0.75–0.95, so small gaps matter."""
WINDOW = 0.08
"""Only examples within this similarity of the nearest one vote."""
TOPIC_POSITION = (1.0, 0.5, 0.33)
"""How much an example's first, second and third topic count."""


@dataclass(frozen=True, slots=True)
class Neighbour:
    """One voting example and its similarity to the message."""

    example: Example
    similarity: float
    weight: float


@dataclass(frozen=True, slots=True)
class Vote:
    """What the nearest examples say; every share is a fraction of the voting weight."""

    nearest: float
    """Similarity of the closest example (how familiar the message is)."""
    topics: dict[str, float] = field(default_factory=dict)
    who: dict[str, float] = field(default_factory=dict)
    crisis: dict[str, float] = field(default_factory=dict)
    neighbours: tuple[Neighbour, ...] = ()

    @property
    def crisis_share(self) -> float:
        """Return the share of the vote that says: a crisis now."""
        return sum(self.crisis.values())


class Bank:
    """The example bank with its vectors, searched by one matrix product."""

    def __init__(self, examples: tuple[Example, ...], vectors: Vectors) -> None:
        self.examples = examples
        self.vectors = np.ascontiguousarray(vectors, dtype=np.float32)

    def neighbours(self, query: Vectors, k: int | None = None) -> list[Neighbour]:
        """Return the k nearest examples within WINDOW of the nearest, with vote weights."""
        # einsum, not BLAS: OpenBLAS's spinning threads would fight the encoder's OpenMP ones
        sims = np.einsum("ij,j->i", self.vectors, query.reshape(-1))
        k = min(k or NEIGHBOURS, len(sims))
        if not k:
            return []
        top = np.argpartition(-sims, k - 1)[:k]
        top = top[np.lexsort((top, -sims[top]))]
        best = float(sims[top[0]])
        return [
            Neighbour(
                self.examples[i], float(sims[i]), float(np.exp((sims[i] - best) / TEMPERATURE))
            )
            for i in top
            if sims[i] >= best - WINDOW
        ]

    def vote(self, query: Vectors) -> Vote:
        """Return the nearest examples' vote."""
        found = self.neighbours(query)
        if not found:
            return Vote(0.0)
        total = sum(n.weight for n in found)
        topics: dict[str, float] = defaultdict(float)
        who: dict[str, float] = defaultdict(float)
        crisis: dict[str, float] = defaultdict(float)
        for n in found:
            share = n.weight / total
            for position, topic in enumerate(n.example.topics[: len(TOPIC_POSITION)]):
                topics[topic] += share * TOPIC_POSITION[position]
            if n.example.who:
                who[n.example.who] += share
            if n.example.crisis:
                crisis[n.example.crisis] += share
        return Vote(found[0].similarity, dict(topics), dict(who), dict(crisis), tuple(found))
