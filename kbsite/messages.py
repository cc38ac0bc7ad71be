"""Every text of the directory site, marked for the `site` catalogs (English source strings).

The site speaks to partner organisations, not to young people: its labels are plainer and more
technical than the bot's (the `helpfinder` domain), so they live in a domain of their own,
translated into the site's languages (de, ro, en).
"""

from __future__ import annotations

from typing import Final

from flows.messages import N_

SITE_NAME: Final = N_("helpfinder directory")
SITE_TAGLINE: Final = N_(
    "Help services for children, young people and families, with the source of every fact"
)
SKIP: Final = N_("Skip to content")
LANGUAGE_NAV: Final = N_("Language")
MAIN_NAV: Final = N_("Site")
NAV_ALL: Final = N_("All services")
NAV_REVIEW: Final = N_("Needs review")

LIST_TITLE: Final = N_("Help services")
LIST_INTRO: Final = N_(
    "Every service the helpfinder chatbot knows, with the source and date of each fact. "
    "Only verified facts reach the bot's users. Facts marked unverified or unknown are shown "
    "here so that you can help to check them."
)
LIST_COUNT: Final = N_("Services in this list: {count}")
LIST_EMPTY: Final = N_("No service in this list.")
SEARCH_LEGEND: Final = N_("Search and filter")
SEARCH_LABEL: Final = N_("Words in the name or description")
FILTER_ANY: Final = N_("any")
SEARCH_RESULT: Final = N_("{shown} of {total} services shown")
BROWSE_TITLE: Final = N_("Browse by")
FILTER_TOPIC: Final = N_("Topic")
FILTER_PLACE: Final = N_("Place")
FILTER_LANGUAGE: Final = N_("Language spoken")
FILTER_AUDIENCE: Final = N_("For whom")
FILTER_HEADING: Final = N_("{dimension}: {value}")
FILTER_LANGUAGE_NOTE: Final = N_(
    "Only languages a source confirms count here; a service whose languages are unknown is "
    "not listed."
)
NATIONWIDE: Final = N_("All of Germany")
NATIONWIDE_ALSO: Final = N_("Services for all of Germany serve this place too.")
SHOW_ALL: Final = N_("Show all services")

CRISIS_LINE: Final = N_("Crisis line")
NEEDS_REVIEW: Final = N_("Due for re-check")
AS_OF: Final = N_("As of {date}")
AS_OF_HELP: Final = N_("(the date of the oldest verified fact's source)")
AS_OF_UNKNOWN: Final = N_("As of: date not known")
AS_OF_UNDATED: Final = N_("Some facts come from a source without a date.")
IN_GERMAN: Final = N_("(in German)")

SERVICE_ABOUT: Final = N_("About this service")
SERVICE_KIND: Final = N_("Kind")
SERVICE_ORGANISATION: Final = N_("Organisation")
SERVICE_TOPICS: Final = N_("Topics")
SERVICE_AUDIENCES: Final = N_("For whom")
SERVICE_AREAS: Final = N_("Where")
SERVICE_STATUS: Final = N_("Status")
SERVICE_ALERT: Final = N_("Alert")
FACTS_TITLE: Final = N_("Facts and their sources")
FACTS_INTRO: Final = N_(
    "Each fact with its status, its source and the date of that source. Verified: a source "
    "says so. Unverified: a source hints at it, nobody has confirmed it. Inferred: concluded "
    "from other facts. Unknown: no source says anything. Only verified facts reach the bot's "
    "users."
)
FACT_SOURCE: Final = N_("Source")
FACT_DATE: Final = N_("Date of the source")
FACT_NOTE: Final = N_("Note")
DATE_UNKNOWN: Final = N_("not known")
SOURCE_UNKNOWN: Final = N_("no source")
VALUE_UNKNOWN: Final = N_("not known")
FACTS_UNKNOWN: Final = N_("Not known")
YES: Final = N_("yes")
NO: Final = N_("no")

REVIEW_TITLE: Final = N_("Needs review")
REVIEW_INTRO: Final = N_(
    "Facts due for re-checking: contact details every 12 months, opening hours every 6 "
    "months, and any fact whose source has no date. Crisis lines come first, then the oldest "
    "sources. Nothing is hidden: these services stay in the directory, flagged."
)
REVIEW_HOW: Final = N_(
    "Do you know a fact first-hand, for example from a phone call to the service? Please tell "
    "the people who run the bot which fact, its value and the date."
)
REVIEW_COUNT: Final = N_("Facts due: {facts} in {services} services")
REVIEW_NONE: Final = N_("Nothing is due.")

FOOTER_BUILT: Final = N_("Built on {date} from the helpfinder knowledge base.")
FOOTER_STATUS: Final = N_(
    "Verified means: a public source says so. Nobody has confirmed these facts by phone yet."
)

FACT_STATUS: Final = {
    "verified": N_("verified"),
    "unverified": N_("unverified"),
    "inferred": N_("inferred"),
    "unknown": N_("unknown"),
}
SERVICE_STATUSES: Final = {
    "active": N_("active"),
    "inactive": N_("inactive"),
    "defunct": N_("closed down"),
    "temporarily_closed": N_("temporarily closed"),
}
FIELDS: Final = {
    "phone": N_("Phone"),
    "phones_more": N_("Further numbers"),
    "email": N_("E-mail"),
    "url": N_("Website"),
    "chat_url": N_("Chat"),
    "address": N_("Address"),
    "hours": N_("Opening hours"),
    "hours_note": N_("About the hours"),
    "languages": N_("Languages"),
    "free_of_charge": N_("Free of charge"),
    "anonymous": N_("Anonymous"),
    "age_min": N_("Minimum age"),
    "age_max": N_("Maximum age"),
    "gender": N_("Only for one gender"),
    "application_process": N_("How to get help"),
    "professions": N_("Only for professionals"),
    "insurance": N_("Health insurance"),
    "for_uninsured": N_("For people without health insurance"),
    "for_caregivers": N_("For parents and carers"),
    "for_speakers": N_("Only in these languages"),
    "eligibility": N_("Who may use it"),
}
YEARS: Final = N_("{years} years")
GENDERS: Final = {"female": N_("women and girls"), "male": N_("men and boys")}
ACCESS: Final = {
    "walk_in": N_("walk in"),
    "appointment": N_("by appointment"),
    "referral": N_("by referral"),
}
PROFESSIONS: Final = {
    "medical": N_("medical staff"),
    "youth_services": N_("youth services"),
    "education": N_("schools and nurseries"),
    "court": N_("courts"),
}
TOPICS: Final = {
    "sexual_violence": N_("Sexual violence"),
    "violence": N_("Violence"),
    "neglect": N_("Neglect"),
    "exploitation": N_("Sexual exploitation, loverboy method"),
    "family_support": N_("Family support, parenting"),
    "migration": N_("Migration, newly arrived families"),
    "work": N_("Work and training"),
    "health": N_("Health"),
    "mental_health": N_("Mental health"),
    "bullying": N_("Bullying"),
    "rights": N_("Rights, police, court"),
}
AUDIENCES: Final = {
    "self": N_("Children and young people themselves"),
    "own_child": N_("Parents and carers"),
    "someone_else": N_("Friends and relatives"),
    "professional": N_("Professionals"),
}
KINDS: Final = {
    "emergency": N_("Emergency number"),
    "crisis_line": N_("Crisis line"),
    "counselling": N_("Counselling"),
    "online": N_("Online counselling"),
    "authority": N_("Public authority"),
    "medical": N_("Medical help"),
    "outreach": N_("Outreach work"),
    "network": N_("Network"),
}
