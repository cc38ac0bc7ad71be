"""Load the gettext catalogs with Babel and render marked messages in a locale."""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path
from typing import Any

from babel import Locale, negotiate_locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from knowledge.vocabulary import DEFAULT_LOCALE, LANGUAGES, OTHER_LANGUAGES

LANGUAGES_DIR = Path(__file__).resolve().parent.parent / "locales"
DOMAIN = "helpfinder"
NOTE_LANGUAGES = OTHER_LANGUAGES
"""Languages understood but not (yet) spoken by the interface: their catalogs hold the note
that says so (FOREIGN_NOTE); untranslated messages there fall back to the English source."""


def po_path(locale: str, domain: str = DOMAIN) -> Path:
    """Return the .po file of a locale (in the bot's domain, or another such as `site`)."""
    return LANGUAGES_DIR / locale / "LC_MESSAGES" / f"{domain}.po"


@cache
def translations(locale: str, domain: str = DOMAIN) -> Translations:
    """Return a locale's catalog: the compiled .mo if fresh, else the .po compiled in memory."""
    po = po_path(locale, domain)
    mo = po.with_suffix(".mo")
    if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
        with mo.open("rb") as handle:
            return Translations(handle, domain=domain)
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=locale, domain=domain)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer, domain=domain)


def gettext(locale: str, msgid: str, params: dict[str, object] | None = None) -> str:
    """Translate a message id into a locale, then fill in its {placeholders}."""
    known = locale in LANGUAGES or locale in NOTE_LANGUAGES
    text = translations(locale if known else DEFAULT_LOCALE).gettext(msgid)
    return text.format(**params) if params else text


def negotiate(hint: str | None) -> str | None:
    """Map a client's language code (Telegram's `language_code`) to one of our locales."""
    if not hint:
        return None
    return negotiate_locale([hint.replace("-", "_")], list(LANGUAGES), sep="_") or (
        hint.split("-")[0].lower() if hint.split("-")[0].lower() in LANGUAGES else None
    )


def locale_name(locale: str) -> str:
    """Return a locale's own name, e.g. 'Română'."""
    return str(Locale.parse(locale).get_display_name(locale) or locale).capitalize()


def option_params(params: dict[str, Any]) -> dict[str, Any]:
    """Fill a button's params: an `endonym` language code becomes its own name (`ro` -> Română)."""
    if "endonym" not in params:
        return params
    return {**params, "endonym": locale_name(str(params["endonym"]))}
