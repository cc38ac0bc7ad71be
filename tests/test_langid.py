"""The language identifier: our chunked loader answers as py3langid's own restricted model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from knowledge import langid
from knowledge.vocabulary import UNDERSTOOD_LANGUAGES

EXAMPLES = Path(__file__).resolve().parents[1] / "knowledge" / "examples"


def _bank_texts() -> list[str]:
    texts = []
    for path in sorted(EXAMPLES.glob("*.jsonl")):
        lines = path.read_text(encoding="utf-8").splitlines()
        texts += [json.loads(line)["text"] for line in lines[:15] if line.strip()]
    return texts


def _library_model() -> object:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    model = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    model.set_languages(list(UNDERSTOOD_LANGUAGES))
    return model


def test_chunked_loader_ranks_exactly_as_the_library_model() -> None:
    ours, theirs = langid.restricted_identifier(UNDERSTOOD_LANGUAGES), _library_model()
    texts = _bank_texts()
    assert len(texts) > 200
    for text in texts:
        assert ours.rank(text) == theirs.rank(text), text  # type: ignore[attr-defined]


def test_chunked_loader_keeps_only_the_asked_languages() -> None:
    model = langid.restricted_identifier(["tr", "pl"])
    assert sorted(model.nb_classes) == ["pl", "tr"]
    assert model.nb_ptc.shape[1] == 2
    assert model.rank("Merhaba, yardıma ihtiyacım var")[0][0] == "tr"


def test_chunked_loader_refuses_a_layout_it_does_not_know(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io
    import lzma

    import numpy as np
    import py3langid.langid

    buffer = io.BytesIO()
    np.savez(
        buffer,
        classes=np.array(["tr", "pl"]),
        ptc=np.zeros((3, 2), dtype=np.float16),
        pc=np.zeros(2, dtype=np.float32),
        nextmove=np.zeros(256, dtype=np.int32),  # signed: not a transition table py3langid walks
        nextmove_row=np.zeros(3, dtype=np.uint16),
        out_feat=np.zeros(3, dtype=np.int32),
    )
    (tmp_path / "model.npz.xz").write_bytes(lzma.compress(buffer.getvalue()))
    monkeypatch.setattr(py3langid.langid, "MODEL_DIR", tmp_path)
    monkeypatch.setattr(py3langid.langid, "MODEL_FILE", "model.npz.xz")
    with pytest.raises(ValueError, match="unsupported model layout"):
        langid.restricted_identifier(["tr"])


LATIN_LETTER_MESSAGES = {
    "chat transliteration words ('nqma', 'chto', 'shcho', '3am')": [
        ("zdraveite, nqmame oshte lekar tuk i ne znam kude da otidem s deteto", "bg"),
        ("zdravstvuyte, mne nuzhna pomoshch, ne znayu chto delat s synom", "ru"),
        ("dopomozhit bud laska, ne znayu shcho robyty, vin znovu pyanyj", "uk"),
        ("marhaba, ana 3am dawwer 3ala doctor ya3ni bidi 7ada yesa3edni", "ar"),
        ("ce sa fac, mama mea nu ma lasa sa ies din casa", "ro"),
        ("ich weiss nicht was ich tun soll, mein vater schreit wieder", "de"),
        ("my mum keeps shouting and i dont know who to tell", "en"),
    ],
    # A newcomer names German offices in a Turkish or Polish message: few words for its length;
    # py3langid calls the Bulgarian chat message Polish, and its transliteration words outvote that.
    "a few German office words in a Turkish or Polish message": [
        (
            "selam, esim ve ben is ariyoruz, jobcenter termin verdi ama anlamadik, "
            "bewerbung nasil yazilir, sprachkurs lazim mi",
            "tr",
        ),
        ("kardesim yine sinavda kopya cekmis, annem onu gercekten öldürecek bu sefer 😂", "tr"),
        ("moj syn ma 6 lat i nie ma miejsca w kita, schule tez nie odpisuje, co robic", "pl"),
        ("priyatel na dushterq mi i kupuva podaruci i sega iska da q zapozna s drugi mazhe", "bg"),
        ("wir brauchen einen termin beim jobcenter und beim burgeramt in dortmund", "de"),
    ],
    "chat alphabet letters: 2/3/5/7 inside words, q without u; not '3am', '2nd', 'ps5'": [
        ("mama bet2oul ino ana ma bfham shi w kel yom btesrakh 3leyye", "ar"),
        ("az sum na 13 i tatko mi pie vsqka vecher, mama mi kazva da si trqgvam", "bg"),
        ("up since 3am, 2nd night, 5am again", "en"),
        ("ich hab die U7 verpasst und meine ps5 ist kaputt, 3rd time this year", "de"),
    ],
}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        pytest.param(text, language, id=f"{why}: {language}: {text[:30]}")
        for why, cases in LATIN_LETTER_MESSAGES.items()
        for text, language in cases
    ],
)
def test_the_language_of_a_latin_letter_message(finder, text, language) -> None:
    """Bulgarian, Russian, Ukrainian, Arabic, Turkish and Polish written in Latin letters, among
    German, Romanian and English (see LATIN_LETTER_MESSAGES for why each case is hard)."""
    assert finder.read(text).language == language
