"""Catalogs: complete in de and ro, no fuzzy entries, equal placeholders, real catalogs loaded."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from bot.i18n import gettext, po_path, translations
from flows import messages as m
from knowledge.vocabulary import LANGUAGES

ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDER = re.compile(r"{(\w*)}")


def catalog(locale: str):
    with po_path(locale).open("rb") as handle:
        return read_po(handle, locale=locale)


@pytest.mark.parametrize("locale", LANGUAGES)
def test_every_message_translated_without_fuzzy(locale: str) -> None:
    for message in catalog(locale):
        if message.id:
            assert message.string, f"{locale}: {message.id!r} is not translated"
            assert "fuzzy" not in message.flags, f"{locale}: {message.id!r} is fuzzy"
            assert sorted(PLACEHOLDER.findall(message.id)) == sorted(
                PLACEHOLDER.findall(message.string)
            ), f"{locale}: placeholders of {message.id!r}"


def test_every_marked_message_is_in_the_catalogs() -> None:
    ids = {msg.id for msg in catalog("de") if msg.id}
    marked = [v for k, v in vars(m).items() if k.isupper() and isinstance(v, str)]
    marked += [
        v for k, v in vars(m).items() if k.isupper() and isinstance(v, dict) for v in v.values()
    ]
    missing = [text for text in marked if text not in ids]
    assert not missing, missing


def test_real_catalogs_are_loaded() -> None:
    assert gettext("de", m.ASK_WHO) == "Wer braucht Hilfe?"
    assert gettext("ro", m.ASK_WHO) == "Cine are nevoie de ajutor?"
    assert gettext("en", m.ASK_WHO) == "Who needs help?"
    assert len(translations("ro")._catalog) > 80  # not the empty NullTranslations fallback


def test_catalogs_are_not_stale(tmp_path: Path) -> None:
    pybabel = shutil.which("pybabel", path=str(Path(__import__("sys").executable).parent))
    assert pybabel
    pot = tmp_path / "helpfinder.pot"
    subprocess.run(
        [
            pybabel,
            "extract",
            "--mapping",
            "babel.cfg",
            "--keywords",
            "N_",
            "--no-location",
            "--sort-output",
            "--project",
            "helpfinder",
            "--output-file",
            str(pot),
            ".",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    out = subprocess.run(
        [
            pybabel,
            "update",
            "--check",
            "--domain",
            "helpfinder",
            "--input-file",
            str(pot),
            "--output-dir",
            "locales",
            "--ignore-pot-creation-date",
            "--no-fuzzy-matching",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stdout + out.stderr
