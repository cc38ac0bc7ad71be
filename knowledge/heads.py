"""Linear heads over the encoder's vectors: topic, who and crisis learned from the whole bank.

The nearest examples explain themselves but know only their neighbourhood; a softmax
regression per label, trained on every example at `kb build`, draws the borders between
topics, between writers and between calm and danger across the whole bank. Measured on the
held-out sets 4–8 (none of them in the bank), blending the two (semantic.HEAD_SHARE) raised
topic@1 and crises caught on all five (README, "Understanding free text").

Training is deterministic (zeros to start, full-batch Adam, a fixed number of steps) and
takes about a second for the bank's 2 763 examples; only the weights are stored in the database.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from knowledge.encoder import Vectors
from knowledge.examples import Example
from knowledge.vocabulary import AUDIENCES, CRISIS_KINDS, TOPICS

SCALE = 10.0
"""Cosine features are multiplied by this: e5 similarities differ by hundredths."""
L2 = 1e-3
"""Weight decay: keeps a head from learning single examples by heart."""
STEPS = 300
RATE = 0.05
NONE = ""
"""The class of an example without a topic, who or crisis (stored as an empty string)."""
NAMES = ("topic", "who", "crisis")

Matrix = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Head:
    """One softmax regression: its classes and a (dim + 1) x classes weight matrix."""

    name: str
    classes: tuple[str, ...]
    weights: npt.NDArray[np.float32]

    def probabilities(self, query: Vectors) -> dict[str, float]:
        """Return each named class's probability for one vector (the NONE class left out)."""
        z = SCALE * query.reshape(-1) @ self.weights[:-1] + self.weights[-1]
        e = np.exp(z - z.max())
        p = e / e.sum()
        return {c: float(p[i]) for i, c in enumerate(self.classes) if c != NONE}


def classes(name: str) -> tuple[str, ...]:
    """Return a head's classes in a fixed order (NONE last)."""
    named = {"topic": TOPICS, "who": AUDIENCES, "crisis": CRISIS_KINDS}[name]
    return (*named, NONE)


def targets(name: str, examples: Sequence[Example]) -> Matrix:
    """Return each example's target distribution over a head's classes."""
    order = classes(name)
    y = np.zeros((len(examples), len(order)))
    for row, e in enumerate(examples):
        if name == "topic":
            for topic, weight in e.weighted_topics():
                y[row, order.index(topic)] += weight
        else:
            y[row, order.index((e.who if name == "who" else e.crisis) or NONE)] = 1.0
        if not y[row].any():
            y[row, -1] = 1.0
    out: Matrix = y / y.sum(axis=1, keepdims=True)
    return out


def _softmax(z: Matrix) -> Matrix:
    e = np.exp(z - z.max(axis=1, keepdims=True))
    out: Matrix = e / e.sum(axis=1, keepdims=True)
    return out


def fit(vectors: Vectors, y: Matrix) -> npt.NDArray[np.float32]:
    """Return the weights (last row: bias) of a softmax regression of y on the vectors."""
    x = np.hstack([SCALE * vectors.astype(np.float64), np.ones((len(vectors), 1))])
    w = np.zeros((x.shape[1], y.shape[1]))
    decay = np.ones_like(w)
    decay[-1] = 0.0  # the bias is not decayed
    m, v = np.zeros_like(w), np.zeros_like(w)
    for step in range(1, STEPS + 1):
        grad = x.T @ (_softmax(x @ w) - y) / len(x) + L2 * decay * w
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad * grad
        w -= RATE * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)
    return w.astype(np.float32)


def train(examples: Sequence[Example], vectors: Vectors) -> tuple[Head, ...]:
    """Return the topic, who and crisis heads learned from the bank (none for an empty one)."""
    if not len(examples):
        return ()
    return tuple(Head(n, classes(n), fit(vectors, targets(n, examples))) for n in NAMES)
