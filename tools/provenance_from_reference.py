"""Write per-fact provenance into knowledge/services/*.yaml from the reference's `checks:`.

    .venv/bin/python tools/provenance_from_reference.py [--reference PATH] [--services DIR]

Re-runnable: for every covered field it derives status, source, date and note from the
reference's check (verified -> verified; `status: unverified` or `verified: false` ->
unverified; `not_found` or no check -> unknown), applies the judgements listed below (each with
its reason), moves every value that is not verified out of the field into the provenance entry,
and leaves an entry alone whose source is not the reference's (a phone confirmation recorded by
`helpfinder kb review --apply`). Comments and key order of the files are kept. After the
conversion the YAML files are the source; this script only documents how they were derived.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml.comments import CommentedMap

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from knowledge import yamledit  # noqa: E402
from knowledge.provenance import COVERED, ELIGIBILITY, PartialDate  # noqa: E402

CHECK_OF = {
    "phone": "phone",
    "phones_more": "phone",
    "email": "email",
    "url": "url",
    "chat_url": "chat_url",
    "address": "address",
    "hours": "opening_hours",
    "languages": "languages",
    "anonymous": "anonymous",
    "free_of_charge": "free_of_charge",
}
"""The reference check each covered field comes from."""

JUDGED: dict[tuple[str, str], tuple[str, str]] = {
    ("dortmunder-mitternachtsmission", "anonymous"): (
        "inferred",
        "the source says only that the first contact can be anonymous",
    ),
    ("kinderschutz-hotline-mv", "free_of_charge"): (
        "inferred",
        "inferred from the 0800 number; the source does not say it is free",
    ),
    ("jugendamt-bielefeld", "anonymous"): (
        "inferred",
        "verified only for the Familienbüro in the Rathaus, not for the Jugendamt as a whole",
    ),
    ("dortmunder-mitternachtsmission", "languages"): (
        "unknown",
        "the source says multilingual counselling is possible but lists no languages",
    ),
    ("gesundheitskiosk-nordstadt", "languages"): (
        "unknown",
        "interpreters for various languages can be called in; the languages are not listed",
    ),
}
"""Checks the reference marks verified whose source does not say what the field claims."""

BORROWED: dict[tuple[str, str], tuple[str, Any, str]] = {
    ("faire-mobilitaet-rumaenisch", "languages"): (
        "phone",
        ["ro"],
        "the source lists this number as the counselling line in Romanian; German not confirmed",
    ),
    ("faire-mobilitaet-bulgarisch", "languages"): (
        "phone",
        ["bg"],
        "the source lists this number as the counselling line in Bulgarian; German not confirmed",
    ),
    ("faire-mobilitaet-rumaenisch", "for_speakers"): ("phone", None, "a line in Romanian"),
    ("faire-mobilitaet-bulgarisch", "for_speakers"): ("phone", None, "a line in Bulgarian"),
    ("krisenchat", "chat_url"): ("url", None, "krisenchat.de leads to the chat ('zum Chat')"),
    ("jugendnotmail", "chat_url"): ("url", None, "chat counselling on the site"),
    ("hilfetelefon-schwangere-in-not", "chat_url"): (
        "url",
        None,
        "e-mail and chat counselling on geburt-vertraulich.de",
    ),
    ("elterntelefon", "url"): (
        "nummer-gegen-kummer-kinder-jugendtelefon/url",
        None,
        "the Nummer gegen Kummer site, verified for the organisation's other line",
    ),
    ("krisenchat", "age_max"): ("audience", None, "children, young people, young adults up to 25"),
    ("aerztliche-beratungsstelle-bielefeld", "age_max"): (
        "audience",
        None,
        "children of pre-school and primary-school age",
    ),
    ("fruehe-hilfen-dortmund", "age_max"): (
        "topics",
        None,
        "welcome visits to newborns, Starthilfe with the birth clinics, Familienpaten: help for"
        " families with babies and young children (pre-school age)",
    ),
    ("gesundheitsamt-dortmund-sprechstunden-ohne-krankenversicherung", "for_uninsured"): (
        "audience",
        None,
        "consultation hours for women and children without health insurance",
    ),
    ("elterntelefon", "for_caregivers"): ("audience", None, "parents and other carers"),
    ("elterntelefon-mv", "for_caregivers"): (
        "audience",
        None,
        "parents, grandparents and others raising children",
    ),
    ("fruehe-hilfen-dortmund", "for_caregivers"): (
        "audience",
        None,
        "families with newborns and young children",
    ),
    ("hilfetelefon-gewalt-gegen-frauen", "gender"): (
        "audience",
        None,
        "women affected or threatened by violence, people around them, professionals",
    ),
    ("medizinische-kinderschutzhotline", "professions"): (
        "audience",
        None,
        "medical professionals; since 2021 also child and youth services and family courts",
    ),
}
"""Fields without a check of their own, with the check that backs them and why."""

NOT_SHOWN_NUMBERS = {
    "telefonseelsorge": {"116 123": "rests only on a 2021 forum post (unverified)"},
}
"""Further numbers a check names as unverified: taken out of `phones_more`."""


def reference_value(ref: dict[str, Any], name: str) -> Any:
    """Return the reference's value for a field (for an entry that is not verified)."""
    if name == "address":
        if not ref.get("address"):
            return None
        return ", ".join(
            filter(
                None,
                [ref["address"], f"{ref.get('postcode') or ''} {ref.get('city') or ''}".strip()],
            )
        )
    if name == "hours":
        hours = ref.get("opening_hours") or {}
        return hours.get("text") or hours.get("structured")
    if name == "phones_more":
        return ref.get("phone_alt")
    return ref.get(name)


def status_of(check: dict[str, Any] | None) -> str:
    """Return a check's status: verified, unverified or unknown."""
    if not check:
        return "unknown"
    if check.get("verified"):
        return "verified"
    return "unknown" if check.get("status") == "not_found" else "unverified"


def plain(value: Any) -> Any:
    """Return ruamel's maps and lists as plain ones (for comparing and printing)."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value if value is None or isinstance(value, (bool, int, float)) else str(value)


def empty(value: Any) -> bool:
    return value is None or value is False or value == []


def derive(
    sid: str,
    name: str,
    data: dict[str, Any],
    ref: dict[str, Any],
    every: dict[str, Any],
    earlier: Any = None,
) -> dict[str, Any] | None:
    """Return the provenance entry of one field (None: nothing known and nothing to record).

    `earlier` is the value an earlier run moved out of the field (so a re-run gives the same).
    """
    checks = ref.get("checks") or {}
    value = data.get(name) if not empty(data.get(name)) else plain(earlier)
    if (sid, name) in BORROWED:
        key, setting, why = BORROWED[(sid, name)]
        other, _, own_key = key.rpartition("/")
        check = ((every[other].get("checks") if other else checks) or {}).get(own_key) or {}
        key = key.replace("/", "'s ")
        if setting is not None:
            yamledit.replace_list(data, name, setting)
        return {
            "status": "verified",
            "source": check.get("source"),
            "date": check.get("source_date"),
            "note": f"from the {key} check: {why}",
        }
    check = checks.get(CHECK_OF.get(name, ""))
    status = status_of(check)
    note = (check or {}).get("note")
    seen = value if not empty(value) else reference_value(ref, name)
    if name == "languages" and status == "unverified" and seen == ["de"]:
        status = "unknown"  # German was the compiler's default, not a value someone saw
    if (sid, name) in JUDGED:
        status, note = JUDGED[(sid, name)]
    if name in ELIGIBILITY and check is None:
        status, note = ("inferred" if not empty(value) else "unknown"), "no source says so"
    if empty(value) and (check is None or name == "phones_more") and name != "languages":
        return None
    entry: dict[str, Any] = {
        "status": status,
        "source": (check or {}).get("source"),
        "date": (check or {}).get("source_date"),
        "note": note,
    }
    if name == "phones_more" and sid in NOT_SHOWN_NUMBERS:
        dropped = NOT_SHOWN_NUMBERS[sid]
        yamledit.replace_list(data, name, [n for n in value or [] if n not in dropped])
        entry["note"] = "; ".join(f"{n} not shown: {why}" for n, why in dropped.items())
    if status != "verified":
        kept = value if not empty(value) else reference_value(ref, name)
        if name == "languages" and status == "unknown" and kept == ["de"]:
            kept = None  # German was the compiler's default, not a value someone saw
        entry["value"] = plain(kept)
        if name in data:
            many = ("languages", "phones_more", "professions", "for_speakers")
            if name in many:
                yamledit.replace_list(data, name, [])
            else:
                data[name] = None
            if name in ("for_uninsured", "for_caregivers"):
                data[name] = False
    return entry


def convert(path: Path, ref: dict[str, Any], every: dict[str, Any]) -> list[str]:
    """Rewrite one service file; return what changed, one line each."""
    data = yamledit.load(path)
    sid = str(data["id"])
    before = {k: plain(data.get(k)) for k in COVERED}
    old = dict(data.get("provenance") or {})
    entries = {}
    for name in COVERED:
        if name not in data and (sid, name) not in BORROWED and name not in CHECK_OF:
            continue
        kept = old.get(name)
        check = (ref.get("checks") or {}).get(CHECK_OF.get(name, ""), {}) or {}
        confirmed = kept and kept.get("source") and kept.get("source") != check.get("source")
        if confirmed and (sid, name) not in BORROWED:
            entries[name] = kept  # a confirmation recorded later: not the reference's
            continue
        entry = derive(sid, name, data, ref, every, (kept or {}).get("value"))
        if entry is not None:
            if entry.get("date") is not None:
                entry["date"] = str(PartialDate.parse(entry["date"]))
            entries[name] = yamledit.flow(entry)
    if ref.get("source") and ref["source"] != data.get("source"):
        data["source"] = yamledit.quoted(ref["source"])
    for stale in ("source_date", "last_verified"):
        if stale in data:
            del data[stale]
    block = CommentedMap(entries)
    yamledit.put(data, "provenance", block, after="source")
    yamledit.put(data, "assured_date", data.get("assured_date"), after="provenance")
    yamledit.put(data, "assurer", data.get("assurer"), after="assured_date")
    yamledit.dump(data, path)
    return [
        f"{sid}: {k}: {before[k]} -> {plain(data.get(k))}"
        for k in COVERED
        if plain(data.get(k)) != before[k]
    ]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--reference", default=str(ROOT.parent / "shared/reference/services-facts.yaml"))
    p.add_argument("--services", default=str(ROOT / "knowledge/services"))
    args = p.parse_args(argv)
    reference = yaml.safe_load(Path(args.reference).read_text(encoding="utf-8"))
    by_id = {s["id"]: s for s in reference["services"]}
    for path in sorted(Path(args.services).glob("*.yaml")):
        ref = by_id.get(path.stem)
        if ref is None:
            print(f"{path.stem}: not in the reference, left as it is")
            continue
        for line in convert(path, ref, by_id):
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
