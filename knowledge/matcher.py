"""Find lexicon terms in normalised tokens: phrases, stems, gaps, compounds and typos."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz import fuzz, process, utils

from knowledge.text import normalise

FUZZY_MIN_LENGTH = 5
"""Only words at least this long are matched despite misspellings."""
FUZZY_CUTOFF = 85.0
"""rapidfuzz ratio (0-100) a misspelt token needs to count as a lexicon word."""
COMPOUND_MIN_LENGTH = 6
"""A lexicon word this long also matches at the end of a longer compound word."""
MAX_GAP = 3
"""Words `~` may skip."""
FUZZY_MAX_LENGTH_GAP = 1
"""A misspelling is at most one letter longer or shorter ("nordstat"), not "schwer" for Schwerin."""
FUZZY_WEIGHT = 0.8
"""A hit through a misspelling counts this much of an exact one."""


class Label(NamedTuple):
    """What a lexicon term stands for, e.g. Label("topic", "violence", "de")."""

    kind: str
    key: str
    """The id within the kind: a topic, an audience, a place's index, a ComboGroup's key."""
    lang: str


COMBO_SEPARATOR = "#"


@dataclass(frozen=True)
class ComboGroup:
    """One group of a combo (pills x swallowed): the combo fires when all its groups are hit."""

    name: str
    group: int

    def key(self) -> str:
        """Return the label key `name#group` the lexicon rows carry."""
        return f"{self.name}{COMBO_SEPARATOR}{self.group}"

    @classmethod
    def of(cls, key: str) -> ComboGroup:
        """Read a label key made by key()."""
        name, _, group = key.rpartition(COMBO_SEPARATOR)
        return cls(name, int(group))


@dataclass(frozen=True)
class Word:
    """One word of a term: its text, whether it is a stem (`*`), whether a gap (`~`) precedes it."""

    text: str
    stem: bool = False
    gap: bool = False


@dataclass(frozen=True)
class Term:
    """A compiled lexicon term with its label."""

    words: tuple[Word, ...]
    label: Label


@dataclass(frozen=True)
class Hit:
    """A term found at tokens[start:end]."""

    label: Label
    start: int
    end: int
    weight: float
    fuzzy: bool


def compile_term(raw: str, label: Label) -> Term | None:
    """Parse `auf den strich`, `geschlag*`, `bringt mich ~ um` into a Term (None if empty)."""
    words: list[Word] = []
    gap = False
    for part in raw.split():
        if part == "~":
            gap = True
            continue
        stem = part.endswith("*")
        pieces = normalise(part.rstrip("*")).split()
        for i, piece in enumerate(pieces):
            is_last = i == len(pieces) - 1
            words.append(Word(piece, stem and is_last, gap and i == 0))
        gap = False
    return Term(tuple(words), label) if words else None


class Matcher:
    """An index over many terms that finds all of them in a token list in one pass."""

    def __init__(self, terms: Iterable[Term], protected: Iterable[str] = ()) -> None:
        self.terms = [t for t in terms if t.words]
        self._exact: dict[str, list[int]] = defaultdict(list)
        self._stem: dict[str, list[int]] = defaultdict(list)
        self._suffix: dict[str, list[int]] = defaultdict(list)
        self._pair: dict[tuple[str, str], list[int]] = defaultdict(list)
        for i, term in enumerate(self.terms):
            first = term.words[0]
            second = term.words[1] if len(term.words) > 1 else None
            if not first.stem and second and not second.stem and not second.gap:
                self._pair[(first.text, second.text)].append(i)  # "ma bate": look up both words
            else:
                (self._stem if first.stem else self._exact)[first.text].append(i)
            if not first.stem and len(first.text) >= COMPOUND_MIN_LENGTH and len(term.words) == 1:
                self._suffix[first.text].append(i)
        self._stem_lengths = sorted({len(s) for s in self._stem})
        self._suffix_lengths = sorted({len(s) for s in self._suffix})
        vocabulary = {w.text for t in self.terms for w in t.words if not w.stem}
        self._protected = frozenset(protected) | vocabulary
        by_initial: dict[str, list[str]] = defaultdict(list)
        for word in sorted(vocabulary):
            if len(word) >= FUZZY_MIN_LENGTH:
                by_initial[word[0]].append(word)
        self._by_initial = dict(by_initial)
        self.correct = lru_cache(maxsize=65536)(self._correct)

    def _correct(self, token: str) -> str | None:
        """Return the lexicon word a misspelt token most likely means, or None."""
        if len(token) < FUZZY_MIN_LENGTH or token in self._protected or token.isdigit():
            return None
        if any(token[:n] in self._stem for n in self._stem_lengths if n <= len(token)):
            return None
        choices = [
            w
            for w in self._by_initial.get(token[0], ())
            if abs(len(w) - len(token)) <= FUZZY_MAX_LENGTH_GAP
        ]
        if not choices:
            return None
        best = process.extractOne(
            token,
            choices,
            scorer=fuzz.ratio,
            processor=utils.default_process,
            score_cutoff=FUZZY_CUTOFF,
        )
        return str(best[0]) if best else None

    def _word_matches(self, word: Word, token: str, fixed: str | None) -> bool:
        for form in (token, fixed):
            if form is None:
                continue
            if form == word.text or (word.stem and form.startswith(word.text)):
                return True
        return False

    def _rest(
        self, term: Term, tokens: Sequence[str], fixed: Sequence[str | None], pos: int
    ) -> int:
        """Match term.words[1:] from pos; return the end index or -1."""
        for word in term.words[1:]:
            limit = min(len(tokens), pos + 1 + (MAX_GAP if word.gap else 0))
            for j in range(pos, limit):
                if self._word_matches(word, tokens[j], fixed[j]):
                    pos = j + 1
                    break
            else:
                return -1
        return pos

    def _candidates(
        self, token: str, fixed: str | None, following: tuple[str | None, ...] = ()
    ) -> set[int]:
        found: set[int] = set()
        for form in {token, fixed} - {None}:
            assert form is not None
            found.update(self._exact.get(form, ()))
            for nxt in following:
                if nxt is not None:
                    found.update(self._pair.get((form, nxt), ()))
            for n in self._stem_lengths:
                if n > len(form):
                    break
                found.update(self._stem.get(form[:n], ()))
        for n in self._suffix_lengths:
            if n + 2 > len(token):
                break
            found.update(self._suffix.get(token[-n:], ()))
        return found

    def find(self, tokens: Sequence[str]) -> list[Hit]:
        """Return every term occurrence, ordered by position then term order."""
        fixed = [self.correct(t) for t in tokens]
        hits: list[Hit] = []
        for start, token in enumerate(tokens):
            following = (tokens[start + 1], fixed[start + 1]) if start + 1 < len(tokens) else ()
            for index in sorted(self._candidates(token, fixed[start], following)):
                term = self.terms[index]
                first = term.words[0]
                exact_first = self._word_matches(first, token, None) or (
                    not first.stem and token.endswith(first.text)
                )
                end = self._rest(term, tokens, fixed, start + 1)
                if end < 0:
                    continue
                fuzzy = not exact_first or any(
                    fixed[j] is not None
                    and tokens[j] not in {w.text for w in term.words}
                    and not any(w.stem and tokens[j].startswith(w.text) for w in term.words)
                    for j in range(start + 1, end)
                )
                weight = 1.0 + 0.5 * (len(term.words) - 1)
                hits.append(
                    Hit(term.label, start, end, weight * (FUZZY_WEIGHT if fuzzy else 1.0), fuzzy)
                )
        return hits
