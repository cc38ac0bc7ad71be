"""Normalisation and tokenising: NFKC, casefold, diacritics, ß/ss, ș/ş, punctuation."""

import pytest

from knowledge.text import MAX_CHARS, normalise, postcodes, sentences, tokens


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Meine Tochter wird GESCHLAGEN!!", "meine tochter wird geschlagen"),
        ("mă bate tata în Nordstadt", "ma bate tata in nordstadt"),
        ("ma bate tata in nordstadt", "ma bate tata in nordstadt"),
        ("Şi ţara (cedilla) Și țara (comma)", "si tara cedilla si tara comma"),
        ("Straße", "strasse"),
        ("STRASSE", "strasse"),
        ("Hörde Lütgendortmund", "horde lutgendortmund"),
        ("m-a bătut", "ma batut"),
        ("i'm scared", "im scared"),
        ("ﬁne", "fine"),  # NFKC ligature
        ("Ｄｏｒｔｍｕｎｄ", "dortmund"),  # full-width
        ("zero\u200bwidth\u202eRTL\u0000nul", "zero width rtl nul"),
        ("heeeeelp", "heelp"),
        ("😀😀😀", ""),
        ("", ""),
        ("   ", ""),
        ("<b>hi</b>'; DROP TABLE x;--", "b hi b drop table x"),
    ],
)
def test_normalise(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


def test_long_text_is_cut() -> None:
    assert len(normalise("a " * 100_000)) <= MAX_CHARS


def test_tokens_and_sentences() -> None:
    assert tokens("Hallo, ich bin's.") == ["hallo", "ich", "bins"]
    assert sentences("Ich lache. Er schlägt mich!") == [["ich", "lache"], ["er", "schlagt", "mich"]]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("wohne in 44145", ["44145"]), ("tel 0231144491", []), ("44145-44147", ["44145", "44147"])],
)
def test_postcodes(raw: str, expected: list[str]) -> None:
    assert postcodes(raw) == expected
