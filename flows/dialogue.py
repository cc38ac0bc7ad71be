"""step(): one event in, the new state and the replies out. Pure: `now` is passed in."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from flows import asides, safety
from flows import messages as m
from flows.advice import advice
from flows.events import Choose, Command, Event, Option, Reply, Start, Text, Unsupported
from flows.ports import Finder
from flows.state import State, understanding
from knowledge.model import Place, Understanding
from knowledge.vocabulary import AUDIENCES, LANGUAGES, TOPICS

DEFAULT_LOCALE = "de"
"""The interface language for a person whose own language the interface does not speak."""
PAGE = 3
MAX_RESULTS = 12
PLACE_CHOICES = (
    ("Dortmund", "Nordstadt"),
    ("Dortmund", None),
    ("Bielefeld", None),
    ("Schwerin", None),
)
Step = tuple[State, list[Reply]]
LANGUAGE_OPTIONS = tuple(
    Option(f"lang:{code}", m.OPT_ENDONYM, {"endonym": code}) for code in LANGUAGES
)
"""Each language in its own name (Deutsch, Română, English): read by someone who knows it."""


def place_name(place: Place) -> str:
    """Return a place's canonical name, e.g. `Dortmund-Nordstadt`."""
    return "-".join(p for p in (place.city, place.district) if p) or place.state or ""


def _place_id(place: Place) -> str:
    """Return the stable id of a place in button data and proposals: `Dortmund|Nordstadt`."""
    return f"{place.city or ''}|{place.district or ''}"


def _place_from_id(value: str, finder: Finder) -> Place | None:
    """Resolve a place id (with its state) through the knowledge base."""
    city, _, district = value.partition("|")
    return finder.understand(f"{city} {district}").place


def _fresh(state: State) -> State:
    """Return an empty session that keeps only the chosen language."""
    return State(locale=state.locale, locale_chosen=state.locale_chosen)


def _place_option(city: str, district: str | None) -> Option:
    place = Place(city, district)
    return Option(f"place:{_place_id(place)}", m.OPT_PLACE, {"place": place_name(place)})


def question(state: State, slot: str) -> Reply:
    """Return the question for a slot, with buttons for the common answers."""
    if slot == "who":
        return Reply(
            m.ASK_WHO, options=tuple(Option(f"who:{w}", m.WHO_LABELS[w]) for w in AUDIENCES)
        )
    if slot == "place":
        options = [_place_option(c, d) for c, d in PLACE_CHOICES]
        return Reply(m.ASK_PLACE, options=(*options, Option("place:none", m.OPT_ANYWHERE)))
    if slot == "language":
        return Reply(
            m.ASK_LANGUAGE,
            options=LANGUAGE_OPTIONS,
        )
    topics = tuple(Option(f"topic:{t}", m.TOPIC_LABELS[t]) for t in TOPICS)
    return Reply(m.ASK_TOPIC, options=(*topics, Option("topic:none", m.OPT_SOMETHING_ELSE)))


def _confirm(msg: str, params: dict[str, object], kind: str) -> Reply:
    return Reply(msg, params, (Option(f"yes:{kind}", m.OPT_YES), Option(f"no:{kind}", m.OPT_NO)))


def results(state: State, finder: Finder, now: datetime) -> Step:
    """Show the current page of contacts with the navigation buttons."""
    found = finder.suggest(understanding(state), now, MAX_RESULTS)
    page = found[state.page * PAGE : (state.page + 1) * PAGE]
    state = replace(state, pending="results")
    nav = (
        Option("nav:more", m.OPT_MORE),
        Option("nav:place", m.OPT_OTHER_PLACE),
        Option("nav:topic", m.OPT_OTHER_TOPIC),
        Option("nav:restart", m.OPT_RESTART),
        Option("nav:exit", m.OPT_EXIT),
    )
    if not page:
        return state, [Reply(m.NO_MORE, options=nav[1:])]
    local = any(not s.service.nationwide for s in found)
    if state.page:
        msg = m.RESULTS_MORE
    elif not state.topics:
        msg = m.GENERAL_LINES
    elif state.place is None:
        msg = m.RESULTS_ANYWHERE
    elif not local:
        msg = m.RESULTS_NATIONWIDE_ONLY
    elif any(r.code == "general" for r in page[0].reasons):
        msg = m.NATIONWIDE_FALLBACK
    else:
        msg = m.RESULTS
    has_more = len(found) > (state.page + 1) * PAGE
    params = {"place": place_name(state.place)} if state.place else {}
    replies = [Reply(msg, params, cards=tuple(page), options=nav if has_more else nav[1:])]
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
    return replace(state, pending=slot, proposal=None), [*(lead or []), question(state, slot)]


def _repeat(state: State, finder: Finder, now: datetime, lead: Reply | list[Reply]) -> Step:
    """Answer kindly and put the open question again."""
    leads = lead if isinstance(lead, list) else [lead]
    if state.pending in ("who", "place", "topic", "language"):
        return state, [*leads, question(state, state.pending)]
    if state.pending in ("confirm_topic", "confirm_place", "safety", None):
        return ask_next(replace(state, proposal=None), finder, now, leads)
    return state, leads


def _on_start(state: State, event: Start, finder: Finder, now: datetime) -> Step:
    locale, place = _payload(event.payload, finder)
    fresh = State(locale=locale or state.locale or _hint(event.hint), locale_chosen=bool(locale))
    if place is not None:
        fresh = fresh.with_place(place)
    return ask_next(fresh, finder, now, [Reply(m.WELCOME)])


def _hint(hint: str | None) -> str | None:
    return hint if hint in LANGUAGES else None


def _payload(payload: str, finder: Finder) -> tuple[str | None, Place | None]:
    """Read a deep-link payload like `ro`, `nordstadt` or `ro_nordstadt`."""
    parts = [p for p in payload.lower().replace("-", "_").split("_") if p][:4]
    locale = next((p for p in parts if p in LANGUAGES), None)
    rest = " ".join(p for p in parts if p not in LANGUAGES)
    place = finder.understand(rest).place if rest else None
    return locale, place


def _language(state: State, u: Understanding, event: Text) -> tuple[State, list[Reply]]:
    """Follow the language the person writes in; a language the interface lacks gets a note."""
    if u.language in LANGUAGES:
        if not state.locale_chosen:
            state = replace(state, locale=u.language, locale_chosen=True)
        return state, []
    first = state.spoken != u.language
    locale = state.locale or _hint(event.hint) or DEFAULT_LOCALE
    state = replace(state, locale=locale, spoken=u.language)
    if not first:
        return state, []
    note = Reply(
        m.FOREIGN_NOTE, {"language": u.language}, options=LANGUAGE_OPTIONS, locale=u.language
    )
    return state, [note]


def _names_place(u: Understanding) -> bool:
    """Return whether a message names a place ("anywhere" included)."""
    return u.place is not None or "anywhere" in u.intents


def _wants_place(state: State) -> bool:
    """Return whether a place in a message should be taken: not yet known, or asked again."""
    return not state.place_done or state.pending in ("place", "confirm_place", "results")


def _answered(state: State, u: Understanding) -> bool:
    """Return whether a message answers the open "where?" or "who?" question."""
    return (state.pending == "place" and _names_place(u)) or (
        state.pending == "who" and bool(u.who)
    )


def _proposed_topic(before: State, after: State, u: Understanding) -> bool:
    """Return whether to ask "did you mean <topic>?" for a topic found only through a typo."""
    if not u.topics or u.crisis or u.topics[0] not in u.unsure_topics:
        return False
    return after.topics != u.topics[:3] and not (_answered(before, u) and before.topic_done)


def _absorb(state: State, u: Understanding) -> State:
    """Take who, place and topics from a message into the session (not the unsure ones)."""
    pending = state.pending
    if u.who and (
        state.who is None or pending == "who" or (pending == "results" and not _names_place(u))
    ):
        state = replace(state, who=u.who)
    if u.place and _wants_place(state) and not (u.unsure_place and not u.crisis):
        state = state.with_place(u.place)
    elif "anywhere" in u.intents and pending in ("place", "confirm_place") and not u.place:
        state = state.with_place(None)
    if u.topics and not (set(u.topics[:1]) <= set(u.unsure_topics) and not u.crisis):
        state = replace(state, topics=_topics(state, u), topic_done=True, page=0)
    state = replace(
        state,
        age=u.age or state.age,
        gender=u.gender or state.gender,
        profession=u.profession or state.profession,
        uninsured=state.uninsured or "uninsured" in u.intents,
        friend=state.friend or "friend" in u.intents,
        by_phone=state.by_phone or "by_phone" in u.intents,
    )
    return state


def _topics(state: State, u: Understanding) -> tuple[str, ...]:
    """Return the topics after a message: what it says adds to a topic told before.

    The topic told first stays the main one ("...he's in the living room now" does not turn
    abuse into violence); after the results, or when the topic was asked again, a message
    with a topic starts a new question.
    """
    if not state.topic_done or state.pending in ("topic", "results"):
        return u.topics[:3]
    return tuple(dict.fromkeys((*state.topics, *u.topics)))[:3]


def _asides(
    state: State, u: Understanding, finder: Finder, now: datetime
) -> tuple[State, list[Reply]]:
    """Answer what people ask besides who / where / what: a person now, privacy, a language."""
    out = []
    if "person" in u.intents:
        out.append(asides.person_now(state, finder, now))
    if "privacy" in u.intents:
        out.append(Reply(m.PRIVACY))
    wanted = asides.asked_language(u.intents)
    if wanted:
        state = replace(state, spoken=wanted if wanted not in LANGUAGES else state.spoken)
        out.append(asides.speaking(state, wanted, finder, now))
    return state, out


def _on_text(state: State, event: Text, finder: Finder, now: datetime) -> Step:
    if not event.text.strip():
        return _repeat(state, finder, now, Reply(m.EMPTY))
    u = finder.understand(event.text, state.locale or _hint(event.hint), event.vector)
    if state.pending == "safety":  # typed instead of a button
        if safety.answered_in_danger(u):
            return _after_safety(state, False, finder, now)
        state = _resumed(state)
    state, lead = _language(state, u, event)
    if u.crisis:
        state, answer = safety.emergency(state, u, finder, now)
        lead.append(answer)
    pending, before = state.pending, state
    state = _absorb(state, u)
    if _proposed_topic(before, state, u):
        state = replace(state, pending="confirm_topic", proposal=u.topics[0])
        label = m.TOPIC_LABELS[u.topics[0]]
        return state, [*lead, _confirm(m.DID_YOU_MEAN_TOPIC, {"topic": label}, "topic")]
    if u.place and u.unsure_place and _wants_place(before) and not u.crisis:
        state = replace(state, pending="confirm_place", proposal=_place_id(u.place))
        return state, [
            *lead,
            _confirm(m.DID_YOU_MEAN_PLACE, {"place": place_name(u.place)}, "place"),
        ]
    state, extra = _asides(state, u, finder, now)
    lead += extra
    if safety.needed(state, u):
        state, check = safety.ask(state)
        return state, [*lead, check]
    if u.crisis:  # the crisis lines stand alone; the rest waits until the person wants it
        if state.missing() is None:
            go_on = (Option("nav:results", m.OPT_GO_ON),)
            return replace(state, pending="results"), [*lead, Reply(m.CRISIS_AFTER, options=go_on)]
        return ask_next(state, finder, now, [*lead, Reply(m.CRISIS_AFTER)])
    if extra and _same_slots(state, before):
        return _repeat(state, finder, now, lead) if pending != "results" else (state, lead)
    if state == before:
        if "greeting" in u.intents:
            return ask_next(state, finder, now, [*lead, Reply(m.GREETING)])
        unknown = {"who": m.WHO_UNKNOWN, "place": m.PLACE_UNKNOWN, "topic": m.TOPIC_UNKNOWN}
        if pending in unknown:
            return _repeat(state, finder, now, [*lead, Reply(unknown[pending])])
        if pending == "results" and not (u.who or u.place or u.topics):
            state = replace(state, pending="topic", topic_done=False, topics=())
            return state, [*lead, Reply(m.TOPIC_UNKNOWN), question(state, "topic")]
    return ask_next(state, finder, now, lead)


def _same_slots(a: State, b: State) -> bool:
    return (a.who, a.place, a.place_done, a.topics, a.topic_done) == (
        b.who,
        b.place,
        b.place_done,
        b.topics,
        b.topic_done,
    )


def _on_choose(state: State, event: Choose, finder: Finder, now: datetime) -> Step:
    kind, _, value = event.option.partition(":")
    if kind == "who" and value in AUDIENCES:
        return ask_next(replace(state, who=value), finder, now)
    if kind == "topic" and (value in TOPICS or value == "none"):
        topics = (value,) if value in TOPICS else ()
        return ask_next(replace(state, topics=topics, topic_done=True), finder, now)
    if kind == "place":
        place = _place_from_id(value, finder) if value != "none" else None
        return ask_next(state.with_place(place), finder, now)
    if kind == "lang" and value in LANGUAGES:
        state = replace(state, locale=value, locale_chosen=True)
        return ask_next(state, finder, now, [Reply(m.LANGUAGE_SET)])
    if kind == "yes" and state.pending == "confirm_topic" and state.proposal in TOPICS:
        state = replace(state, topics=(state.proposal,), topic_done=True, proposal=None)
        return ask_next(state, finder, now)
    if kind == "yes" and state.pending == "confirm_place" and state.proposal:
        place = _place_from_id(state.proposal, finder)
        return ask_next(replace(state.with_place(place), proposal=None), finder, now)
    if kind == "no" and state.pending == "confirm_place":
        state = replace(state, pending="place", proposal=None)
        return state, [question(state, "place")]
    if kind == "no" and state.pending == "confirm_topic":
        return replace(state, pending="topic", proposal=None), [question(state, "topic")]
    if kind == "safe" and state.pending == "safety":
        return _after_safety(state, value == "yes", finder, now)
    if kind == "crisis" and value == "more":
        return state, [safety.more_lines(state, finder, now)]
    if kind == "nav" and state.pending == "results":
        return _navigate(state, value, finder, now)
    return ask_next(_fresh(state), finder, now, [Reply(m.STALE)])


def _resumed(state: State) -> State:
    """Leave the safety check for the first open question, or the results."""
    pending = state.missing() or "results"
    return replace(state, pending=pending)


def _after_safety(state: State, safe: bool, finder: Finder, now: datetime) -> Step:
    """Go on where the dialogue was, or give the emergency answer."""
    state = _resumed(state)
    if not safe:
        u = understanding(state, "danger_now")
        state, answer = safety.emergency(state, u, finder, now)
        return ask_next(state, finder, now, [answer, Reply(m.CRISIS_AFTER)])
    if state.pending == "results":
        return results(state, finder, now)
    return ask_next(state, finder, now, [Reply(m.SAFE_GO_ON)])


def _navigate(state: State, value: str, finder: Finder, now: datetime) -> Step:
    if value == "more":
        return results(replace(state, page=state.page + 1), finder, now)
    if value == "results":
        return results(replace(state, page=0), finder, now)
    if value == "place":
        return replace(state, pending="place", page=0), [question(state, "place")]
    if value == "topic":
        state = replace(state, pending="topic", page=0, topic_done=False, topics=())
        return state, [question(state, "topic")]
    if value == "exit":
        return _on_command(state, Command("exit"), finder, now)
    return _on_command(state, Command("restart"), finder, now)


def _on_command(state: State, event: Command, finder: Finder, now: datetime) -> Step:
    if event.name == "exit":
        return _fresh(state), [Reply(m.EXITED, effect="wipe")]
    if event.name == "restart":
        return ask_next(_fresh(state), finder, now, [Reply(m.RESTARTED)])
    if event.name == "language":
        return replace(state, pending="language"), [question(state, "language")]
    if event.name == "privacy":
        return state, [Reply(m.PRIVACY)]
    return state, [Reply(m.HELP)]


def _on_unsupported(state: State, event: Unsupported, finder: Finder, now: datetime) -> Step:
    return _repeat(state, finder, now, Reply(m.UNSUPPORTED))


def step(state: State, event: Event, finder: Finder, now: datetime) -> Step:
    """Apply one event to a session: return the new session and the replies to send."""
    if isinstance(event, Start):
        return _on_start(state, event, finder, now)
    if isinstance(event, Text):
        return _on_text(state, event, finder, now)
    if isinstance(event, Choose):
        return _on_choose(state, event, finder, now)
    if isinstance(event, Command):
        return _on_command(state, event, finder, now)
    return _on_unsupported(state, event, finder, now)
