"""Catalogs: complete in every interface locale, no fuzzy entries, equal placeholders, real
catalogs loaded; the directory site's own domain (`site`) complete in de, ro and en."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from bot.i18n import gettext, po_path, translations
from flows import messages as m
from kbsite import messages as site_messages
from kbsite.build import DOMAIN as SITE_DOMAIN
from kbsite.build import SITE_LOCALES
from knowledge.vocabulary import LANGUAGES

ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDER = re.compile(r"{(\w*)}")


def catalog(locale: str, domain: str = "helpfinder"):
    with po_path(locale, domain).open("rb") as handle:
        return read_po(handle, locale=locale)


CATALOGS = [(locale, "helpfinder") for locale in LANGUAGES]
CATALOGS += [(locale, SITE_DOMAIN) for locale in SITE_LOCALES]


@pytest.mark.parametrize(("locale", "domain"), CATALOGS)
def test_every_message_translated_without_fuzzy(locale: str, domain: str) -> None:
    for message in catalog(locale, domain):
        if message.id:
            assert message.string, f"{locale}: {message.id!r} is not translated"
            assert "fuzzy" not in message.flags, f"{locale}: {message.id!r} is fuzzy"
            assert sorted(PLACEHOLDER.findall(message.id)) == sorted(
                PLACEHOLDER.findall(message.string)
            ), f"{locale}: placeholders of {message.id!r}"


@pytest.mark.parametrize(("module", "domain"), [(m, "helpfinder"), (site_messages, SITE_DOMAIN)])
def test_every_marked_message_is_in_the_catalogs(module: object, domain: str) -> None:
    ids = {msg.id for msg in catalog("de", domain) if msg.id}
    names = vars(module)
    marked = [v for k, v in names.items() if k.isupper() and isinstance(v, str)]
    marked += [
        v for k, v in names.items() if k.isupper() and isinstance(v, dict) for v in v.values()
    ]
    missing = [text for text in marked if text not in ids]
    assert not missing, missing


def test_real_catalogs_are_loaded() -> None:
    assert gettext("de", m.ASK_WHO) == "Wer braucht Hilfe?"
    assert gettext("ro", m.ASK_WHO) == "Cine are nevoie de ajutor?"
    assert gettext("en", m.ASK_WHO) == "Who needs help?"
    assert len(translations("ro")._catalog) > 80  # not the empty NullTranslations fallback


@pytest.mark.parametrize(
    ("domain", "mapping"), [("helpfinder", "babel.cfg"), (SITE_DOMAIN, "babel-site.cfg")]
)
def test_catalogs_are_not_stale(tmp_path: Path, domain: str, mapping: str) -> None:
    pybabel = shutil.which("pybabel", path=str(Path(__import__("sys").executable).parent))
    assert pybabel
    pot = tmp_path / f"{domain}.pot"
    subprocess.run(
        [
            pybabel,
            "extract",
            "--mapping",
            mapping,
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
            domain,
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
