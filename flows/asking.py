"""The questions, the results pages and "ask the first empty slot": what most steps end in."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from flows import messages as m
from flows.advice import advice
from flows.choices import NONE, Choice, Kind, PlaceRef
from flows.events import Option, Reply
from flows.ports import Finder
from flows.state import Pending, State, understanding
from knowledge.model import Place
from knowledge.vocabulary import AUDIENCES, LANGUAGES, TOPICS

PAGE = 3
MAX_RESULTS = 12
Step = tuple[State, list[Reply]]
LANGUAGE_OPTIONS = tuple(
    Option(Choice(Kind.LANG, code).encode(), m.OPT_ENDONYM, {"endonym": code}) for code in LANGUAGES
)
"""Each language in its own name (Deutsch, Română, English): read by someone who knows it."""
NAVIGATION = (
    Option(Choice(Kind.NAV, "more").encode(), m.OPT_MORE),
    Option(Choice(Kind.NAV, "place").encode(), m.OPT_OTHER_PLACE),
    Option(Choice(Kind.NAV, "topic").encode(), m.OPT_OTHER_TOPIC),
    Option(Choice(Kind.NAV, "restart").encode(), m.OPT_RESTART),
    Option(Choice(Kind.NAV, "exit").encode(), m.OPT_EXIT),
)
"""Below the results: more, another place, another topic, start over, quick exit."""


def place_name(place: Place) -> str:
    """Return a place's canonical name, e.g. `Dortmund-Nordstadt`."""
    return "-".join(p for p in (place.city, place.district) if p) or place.state or ""


def place_ref(place: Place) -> PlaceRef:
    """Return the typed id of a place for buttons and proposals."""
    return PlaceRef(place.city, place.district)


def resolve(ref: PlaceRef | None, finder: Finder) -> Place | None:
    """Return the known place (with its state) a place id names, or None."""
    return finder.place(ref.city, ref.district) if ref is not None and ref.city else None


def _place_option(place: Place) -> Option:
    data = Choice(Kind.PLACE, place_ref(place).encode()).encode()
    return Option(data, m.OPT_PLACE, {"place": place_name(place)})


def question(state: State, slot: Pending, finder: Finder) -> Reply:
    """Return the question for a slot, with buttons for the common answers."""
    if slot == Pending.WHO:
        options = tuple(Option(Choice(Kind.WHO, w).encode(), m.WHO_LABELS[w]) for w in AUDIENCES)
        return Reply(m.ASK_WHO, options=options)
    if slot == Pending.PLACE:
        offered = [_place_option(p) for p in finder.offered_places()]
        anywhere = Option(Choice(Kind.PLACE, NONE).encode(), m.OPT_ANYWHERE)
        return Reply(m.ASK_PLACE, options=(*offered, anywhere))
    if slot == Pending.LANGUAGE:
        return Reply(m.ASK_LANGUAGE, options=LANGUAGE_OPTIONS)
    topics = tuple(Option(Choice(Kind.TOPIC, t).encode(), m.TOPIC_LABELS[t]) for t in TOPICS)
    other = Option(Choice(Kind.TOPIC, NONE).encode(), m.OPT_SOMETHING_ELSE)
    return Reply(m.ASK_TOPIC, options=(*topics, other))


def confirm(msg: str, params: dict[str, object], about: str) -> Reply:
    """Return a "did you mean…?" question with yes and no buttons."""
    yes, no = Choice(Kind.YES, about).encode(), Choice(Kind.NO, about).encode()
    return Reply(msg, params, (Option(yes, m.OPT_YES), Option(no, m.OPT_NO)))


def _results_message(state: State, found_local: bool, general_first: bool) -> str:
    """Return the heading of a results page."""
    if state.page:
        return m.RESULTS_MORE
    if not state.topics:
        return m.GENERAL_LINES
    if state.place is None:
        return m.RESULTS_ANYWHERE
    if not found_local:
        return m.RESULTS_NATIONWIDE_ONLY
    return m.NATIONWIDE_FALLBACK if general_first else m.RESULTS


def results(state: State, finder: Finder, now: datetime) -> Step:
    """Show the current page of contacts with the navigation buttons."""
    found = finder.suggest(understanding(state), now, MAX_RESULTS)
    page = found[state.page * PAGE : (state.page + 1) * PAGE]
    state = replace(state, pending=Pending.RESULTS)
    if not page:
        return state, [Reply(m.NO_MORE, options=NAVIGATION[1:])]
    local = any(not s.service.nationwide for s in found)
    general = any(r.code == "general" for r in page[0].reasons)
    msg = _results_message(state, local, general)
    has_more = len(found) > (state.page + 1) * PAGE
    params = {"place": place_name(state.place)} if state.place else {}
    nav = NAVIGATION if has_more else NAVIGATION[1:]
    replies = [Reply(msg, params, cards=tuple(page), options=nav)]
    line = advice(state.who, state.topics)
    if line and not state.page:
        replies.insert(0, Reply(line))
    return state, replies


def ask_next(state: State, finder: Finder, now: datetime, lead: list[Reply] | None = None) -> Step:
    """Ask for the first empty slot, or show the results when all are known."""
    slot = state.missing()
    if slot is None:
        state, replies = results(replace(state, page=0), finder, now)
        return state, [*(lead or []), *replies]
    return replace(state, pending=slot, proposal=None), [
        *(lead or []),
        question(state, slot, finder),
    ]


ASKED_AGAIN = frozenset({Pending.WHO, Pending.PLACE, Pending.TOPIC, Pending.LANGUAGE})
"""Open questions that are simply put again after an aside."""


def repeat(state: State, finder: Finder, now: datetime, lead: Reply | list[Reply]) -> Step:
    """Answer kindly and put the open question again."""
    leads = lead if isinstance(lead, list) else [lead]
    if state.pending in ASKED_AGAIN:
        return state, [*leads, question(state, state.pending, finder)]
    if state.pending != Pending.RESULTS:  # a confirmation, the safety check, or nothing yet
        return ask_next(replace(state, proposal=None), finder, now, leads)
    return state, leads


def hinted(hint: str | None) -> str | None:
    """Return a client's language hint if the interface speaks it."""
    return hint if hint in LANGUAGES else None


def fresh(state: State) -> State:
    """Return an empty session that keeps only the chosen language."""
    return State(locale=state.locale, locale_chosen=state.locale_chosen)
