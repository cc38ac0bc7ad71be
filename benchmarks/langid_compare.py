"""Compare language identification: helpfinder's lexicon vote vs lingua and py3langid.

Needs `pip install lingua-language-detector py3langid` (not project dependencies).
Run from the repository root: python benchmarks/langid_compare.py
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

import py3langid
from lingua import Language, LanguageDetectorBuilder

from knowledge.finder import Finder

FILES = ("tests/data/utterances.jsonl", "tests/data/heldout.jsonl")


def score(name: str, detect: Callable[[str], str], rows: list[dict[str, str]]) -> None:
    started = time.perf_counter()
    ok = sum(detect(r["text"]) == r["language"] for r in rows)
    per = (time.perf_counter() - started) / len(rows) * 1000
    print(f"{name}: {ok}/{len(rows)} = {ok / len(rows):.3f} ({per:.2f} ms/message)")


def main() -> None:
    rows = [json.loads(line) for f in FILES for line in Path(f).read_text().splitlines()]
    languages = {Language.GERMAN: "de", Language.ROMANIAN: "ro", Language.ENGLISH: "en"}
    lingua = LanguageDetectorBuilder.from_languages(*languages).build()
    py3langid.set_languages(["de", "ro", "en"])
    finder = Finder.load()
    score("lingua", lambda t: languages.get(lingua.detect_language_of(t), "de"), rows)
    score("py3langid", lambda t: str(py3langid.classify(t)[0]), rows)
    score("helpfinder (whole understanding step)", lambda t: finder.understand(t).language, rows)


if __name__ == "__main__":
    main()
