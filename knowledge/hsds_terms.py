"""Map languages and helpfinder's classifications to HSDS 3.0 rows (languages, attributes)."""

from __future__ import annotations

from collections.abc import Iterator

from babel import Locale

from knowledge.hsds import FACETS, FLAGS, RANKED, TAXONOMY, Change, Row, Tables, uid
from knowledge.model import Service


def language_rows(service: Service) -> list[Row]:
    """Return one `language` row per language spoken (ISO code, German name)."""
    names = Locale("de").languages
    return [
        {
            "id": uid(f"{service.id}/language/{code}"),
            "service_id": uid(service.id),
            "name": names.get(code, code),
            "code": code,
        }
        for code in service.languages
    ]


def facets(service: Service) -> Iterator[tuple[str, str, str | None]]:
    """Yield (facet, term, value) for what helpfinder classifies and HSDS has no field for."""
    yield "id", "id", service.id
    yield "kind", service.kind, None
    for facet, field in RANKED.items():
        for rank, term in enumerate(getattr(service, field), start=1):
            yield facet, term, str(rank)
    if service.gender:
        yield "gender", service.gender, None
    if service.anonymous is not None:
        yield "anonymous", "anonymous", str(service.anonymous).lower()
    for flag in FLAGS:
        if getattr(service, flag):
            yield flag, flag, "true"


def term_code(facet: str, term: str) -> str:
    """Return a taxonomy term's code: `facet:term`, or the facet alone for flags and the id."""
    return facet if facet == term else f"{facet}:{term}"


def attribute_tables(service: Service) -> Tables:
    """Return the service's `attribute` rows and the `taxonomy_term` rows they use."""
    tables: Tables = {"attribute": [], "taxonomy_term": []}
    for facet, term, value in facets(service):
        code = term_code(facet, term)
        tables["attribute"].append(
            {
                "id": uid(f"{service.id}/attribute/{code}"),
                "link_id": uid(service.id),
                "taxonomy_term_id": uid(f"taxonomy_term/{code}"),
                "link_type": "service",
                "link_entity": "service",
                "value": value,
            }
        )
        tables["taxonomy_term"].append(taxonomy_term(facet, term))
    return tables


def taxonomy_term(facet: str, term: str) -> Row:
    """Return the `taxonomy_term` row of one helpfinder term."""
    code = term_code(facet, term)
    return {
        "id": uid(f"taxonomy_term/{code}"),
        "code": code,
        "name": term,
        "description": FACETS[facet],
        "taxonomy": TAXONOMY,
        "language": "de",
        "taxonomy_id": uid(f"taxonomy/{TAXONOMY}"),
    }


def taxonomy_row() -> Row:
    """Return the `taxonomy` row of helpfinder's own classification."""
    return {
        "id": uid(f"taxonomy/{TAXONOMY}"),
        "name": TAXONOMY,
        "description": "helpfinder: Art, Themen, Zielgruppen und Zugangsbedingungen der Angebote",
        "version": "1",
    }


def metadata_row(change: Change, index: int) -> Row:
    """Return the `metadata` row of the change at `index` of the change log."""
    key = f"{index}/{change.service_id}/{change.field}/{change.when}"
    return {
        "id": uid(f"metadata/{key}"),
        "resource_id": uid(change.service_id),
        "resource_type": "service",
        "last_action_date": change.when.isoformat(),
        "last_action_type": change.action,
        "field_name": change.field,
        "previous_value": change.previous,
        "replacement_value": change.replacement,
        "updated_by": change.updated_by,
    }
