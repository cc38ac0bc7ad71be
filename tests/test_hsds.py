"""The HSDS 3.0 mapping, table by table, on fabricated services (pure functions)."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date

from knowledge.hours import parse
from knowledge.hsds import NAMESPACE, Change, phone_rows, schedule_rows, service_row
from knowledge.hsds_export import export_tables
from knowledge.hsds_places import area_from_row, area_rows, location_tables
from knowledge.hsds_terms import attribute_tables, language_rows, metadata_row
from knowledge.model import Address, Area, Service

# The namespace as documented in the README, written out: the oracle for every id.
DOCUMENTED_NAMESPACE = uuid.UUID("04a549ee-cd0d-5d18-ba1b-be03b521efb6")
STATES = {"Dortmund": "Nordrhein-Westfalen"}


def texts(de: str) -> dict[str, str]:
    return {"de": de, "ro": f"{de} (ro)", "en": f"{de} (en)"}


SAMPLE = Service(
    id="beispiel-beratung",
    kind="counselling",
    name=texts("Beispiel-Beratung"),
    description=texts("Beratung bei Gewalt."),
    topics=("violence", "neglect"),
    audiences=("self", "professional"),
    areas=(Area(city="Dortmund", district="Nordstadt"), Area(state="Mecklenburg-Vorpommern")),
    languages=("de", "ro"),
    source="https://example.org/quelle",
    organisation="Beispiel e.V.",
    phone="0231 123456",
    phones_more=("0800 111 0 222",),
    phone_note=texts("Nur werktags."),
    email="info@example.org",
    url="https://example.org",
    chat_url="https://chat.example.org",
    address=Address("Musterstraße 1", None, "Dortmund"),
    hours=parse(
        [
            {"days": ["mo", "tu"], "opens": "09:00", "closes": "17:00"},
            {"days": ["sa"], "opens": "20:00", "closes": "02:00"},
        ]
    ),
    anonymous=True,
    free_of_charge=True,
    age_min=12,
    age_max=25,
    gender="female",
    professions=("medical", "court"),
    application_process="appointment",
    status="temporarily_closed",
)
ALWAYS = replace(
    SAMPLE,
    id="rund-um-die-uhr",
    organisation=None,
    areas=(),
    hours=parse([{"days": ["mo", "tu", "we", "th", "fr", "sa", "su"], "opens": "00:00",
                  "closes": "24:00"}]),
    address=Address("Musterstraße 1", "44139", "Dortmund"),
    chat_url=None,
)  # fmt: skip


def test_ids_are_uuid5_of_the_service_id_in_the_documented_namespace() -> None:
    assert uuid.uuid5(uuid.NAMESPACE_URL, "helpfinder:hsds-3.0") == DOCUMENTED_NAMESPACE
    assert NAMESPACE == DOCUMENTED_NAMESPACE
    row = service_row(SAMPLE)
    assert row["id"] == str(uuid.uuid5(DOCUMENTED_NAMESPACE, "beispiel-beratung"))
    assert row["id"] == "04cbed3f-b647-5ea9-b8ee-65381dcc7c52"


def test_service_row_holds_german_texts_status_eligibility_and_fees() -> None:
    row = service_row(SAMPLE)
    assert (row["name"], row["description"]) == ("Beispiel-Beratung", "Beratung bei Gewalt.")
    assert row["status"] == "temporarily closed"
    assert (row["minimum_age"], row["maximum_age"]) == (12, 25)
    assert row["eligibility_description"] == (
        "Von 12 bis 25 Jahren. Für Frauen und Mädchen. Nur für Fachkräfte (Medizin, Justiz)."
    )
    assert row["fees_description"] == "Kostenlos."
    assert row["application_process"] == "Nur nach Terminvereinbarung."
    assert (row["url"], row["email"]) == ("https://example.org", "info@example.org")
    assert row["assured_date"] is None and row["assurer_email"] is None  # nobody confirmed yet
    unknown = service_row(
        replace(SAMPLE, free_of_charge=None, application_process=None, age_min=None)
    )
    assert unknown["fees_description"] is None and unknown["application_process"] is None
    assert unknown["eligibility_description"].startswith("Bis 25 Jahre.")


def test_phones_main_with_its_note_then_the_further_numbers() -> None:
    rows = phone_rows(SAMPLE)
    assert [(r["number"], r["description"], r["type"]) for r in rows] == [
        ("0231 123456", "Nur werktags.", "voice"),
        ("0800 111 0 222", None, "voice"),
    ]
    assert {r["service_id"] for r in rows} == {service_row(SAMPLE)["id"]}
    assert phone_rows(replace(SAMPLE, phone=None, phones_more=())) == []


def test_schedules_group_days_use_hh_mm_ss_and_cross_midnight() -> None:
    rows = schedule_rows(SAMPLE)
    assert [(r["byday"], r["opens_at"], r["closes_at"], r["freq"]) for r in rows] == [
        ("MO,TU", "09:00:00", "17:00:00", "WEEKLY"),
        ("SA", "20:00:00", "02:00:00", "WEEKLY"),
    ]
    assert rows[1]["description"] == "Sa: 20:00–02:00 (bis zum Folgetag)"
    (always,) = schedule_rows(ALWAYS)
    assert (always["byday"], always["opens_at"], always["closes_at"]) == (
        "MO,TU,WE,TH,FR,SA,SU",
        "00:00:00",
        "23:59:59",
    )
    assert always["description"] == "Mo, Di, Mi, Do, Fr, Sa, So: rund um die Uhr"


def test_an_hours_note_without_hours_is_a_schedule_with_notes_only() -> None:
    (row,) = schedule_rows(replace(SAMPLE, hours=None, hours_note=texts("Werktags.")))
    assert row["notes"] == "Werktags." and "opens_at" not in row
    assert schedule_rows(replace(SAMPLE, hours=None)) == []


def test_an_address_without_postcode_is_only_the_locations_description() -> None:
    tables = location_tables(SAMPLE, STATES)
    physical, virtual = tables["location"]
    assert physical["location_type"] == "physical" and tables["address"] == []
    assert physical["description"] == "Musterstraße 1, Dortmund"
    assert (virtual["location_type"], virtual["url"]) == ("virtual", "https://chat.example.org")
    assert len(tables["service_at_location"]) == 2


def test_an_address_with_postcode_has_its_address_row() -> None:
    tables = location_tables(ALWAYS, STATES)
    (address,) = tables["address"]
    assert (address["address_1"], address["postal_code"], address["city"]) == (
        "Musterstraße 1",
        "44139",
        "Dortmund",
    )
    assert (address["state_province"], address["country"]) == ("Nordrhein-Westfalen", "DE")
    assert address["location_id"] == tables["location"][0]["id"]


def test_service_areas_name_their_kind_and_read_back() -> None:
    rows = area_rows(SAMPLE)
    assert [(r["name"], r["description"]) for r in rows] == [
        ("Nordstadt, Dortmund", "district, city"),
        ("Mecklenburg-Vorpommern", "state"),
    ]
    assert [area_from_row(str(r["name"]), str(r["description"])) for r in rows] == list(
        SAMPLE.areas
    )
    (nationwide,) = area_rows(ALWAYS)
    assert (nationwide["name"], nationwide["description"]) == ("Deutschland", "country")
    assert area_from_row("Deutschland", "country") is None


def test_languages_have_iso_codes_and_german_names() -> None:
    assert [(r["code"], r["name"]) for r in language_rows(SAMPLE)] == [
        ("de", "Deutsch"),
        ("ro", "Rumänisch"),
    ]


def test_classifications_are_attributes_of_the_helpfinder_taxonomy() -> None:
    tables = attribute_tables(SAMPLE)
    codes = {
        str(t["code"]): a["value"]
        for a, t in zip(tables["attribute"], tables["taxonomy_term"], strict=True)
    }
    assert codes == {
        "id": "beispiel-beratung",
        "kind:counselling": None,
        "topic:violence": "1",
        "topic:neglect": "2",
        "audience:self": "1",
        "audience:professional": "2",
        "profession:medical": "1",
        "profession:court": "2",
        "gender:female": None,
        "anonymous": "true",
    }


def test_one_organisation_row_per_organisation_and_one_for_a_service_without() -> None:
    other = replace(SAMPLE, id="zweite-beratung", name=texts("Zweite Beratung"))
    tables = export_tables([SAMPLE, other, ALWAYS], STATES)
    names = [(o["name"], o["description"]) for o in tables["organization"]]
    assert names == [
        ("Beispiel e.V.", "Träger von: Beispiel-Beratung, Zweite Beratung"),
        ("Beispiel-Beratung", "Kein Träger erfasst; steht für das Angebot Beispiel-Beratung"),
    ]
    orgs = {o["id"] for o in tables["organization"]}
    assert {s["organization_id"] for s in tables["service"]} == orgs
    assert len(tables["taxonomy"]) == 1
    assert len({t["id"] for t in tables["taxonomy_term"]}) == len(tables["taxonomy_term"])


def test_one_metadata_row_per_recorded_change() -> None:
    change = Change(
        "beispiel-beratung", "phone", "0231 1", "0231 123456", "Team Telefon", date(2027, 1, 5)
    )
    assert export_tables([SAMPLE], STATES)["metadata"] == []
    (row,) = export_tables([SAMPLE], STATES, [change])["metadata"]
    assert row == {
        "id": metadata_row(change, 0)["id"],
        "resource_id": str(uuid.uuid5(DOCUMENTED_NAMESPACE, "beispiel-beratung")),
        "resource_type": "service",
        "last_action_date": "2027-01-05",
        "last_action_type": "update",
        "field_name": "phone",
        "previous_value": "0231 1",
        "replacement_value": "0231 123456",
        "updated_by": "Team Telefon",
    }
    twice = export_tables([SAMPLE], STATES, [change, change])["metadata"]
    assert twice[0]["id"] != twice[1]["id"]
