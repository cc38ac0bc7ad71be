"""Turn one free-text message into language, crisis, who, place and ranked topics."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from knowledge import langid, text
from knowledge.matcher import ComboGroup, Hit, Matcher
from knowledge.model import Place
from knowledge.places import Gazetteer
from knowledge.vocabulary import TOPICS

WHO_WEIGHTS = {"professional": 3.0, "own_child": 2.5, "someone_else": 1.6, "self": 1.0}
"""Who-markers differ in how telling they are: "meine Schülerin" says more than "mich"."""
DANGER_TOPICS = frozenset({"violence", "sexual_violence", "exploitation"})
"""Topics that, with a "now" marker, mean danger to life or limb."""
CRISIS_TOPICS = ("mental_health", "violence")
"""What an acute danger is about when no topic word says more."""
AGE = re.compile(
    r"\b(?:ich bin|bin|im|i am|am|sunt|eu am|age|alter|varsta|mam|عمري|عمره|عمرها|yasim)\s+"
    r"(?:erst\s+|only\s+|doar\s+)?"
    r"(\d{1,2})\b(?!\s*(?:uhr|euro|eur|lei|minuten|min|stunden|h\b|oclock|pm|am\b))"
    r"|\b(\d{1,2})\s*(?:jahre|jahren|jahrig\w*|j\b|ani|de ani|years?|yrs?|yo|y o|yas[iı]nda\w*|"
    r"години|годишн\w*|лет|года?\b|років|роки|рік|سنة|سنوات|عاما|lat\b|lata\b)"
    r"|(?:tochter|sohn|kind|enkelin|enkel|daughter|son|fiica|fiul|fata|baiatul|besucherin|"
    r"schulerin|schuler|pupil|pupils|girl|boy)\s+(\d{1,2})\b"
)
"""An age the message gives: "ich bin 14", "am 15 ani", "my 16 year old", "13yo", and in the
other languages understood: "10 yaşında", "на 9 години", "7 лет", "12 років", "عمري ١٥ سنة"."""
AGE_RANGE = range(3, 100)
UNSURE_SHARE = 1.0
"""A topic is unsure when this share of its evidence came through misspellings."""


def _flatten(sentences: Sequence[list[str]]) -> tuple[list[str], list[int]]:
    tokens: list[str] = []
    sentence_of: list[int] = []
    for i, sentence in enumerate(sentences):
        tokens += sentence
        sentence_of += [i] * len(sentence)
    return tokens, sentence_of


def _inside(hit: Hit, others: Sequence[Hit]) -> bool:
    return any(o.start <= hit.start and hit.end <= o.end for o in others)


def jokes(hits: Sequence[Hit]) -> list[Hit]:
    """Return the joke markers ("lol", "😂", "jk") that count: none where a denial stands ("not
    joking", "kein witz"); a marker inside a denial ("joking" in "not joking") never, and a
    denial inside a marker ("kein witz lol") denies nothing."""
    markers = [h for h in hits if h.label.kind == "joke"]
    denials = [h for h in hits if h.label.kind == "serious"]
    if any(not _inside(h, markers) for h in denials):
        return []
    return [h for h in markers if not _inside(h, denials)]


ALARMS = ("crisis", "threat", "ongoing")
"""Lexicon kinds that raise the alarm by themselves (ongoing abuse as an anticipated one)."""


def _past_sentences(hits: Sequence[Hit], sentence_of: Sequence[int]) -> set[int]:
    """Return the sentences that hold a marker of a past event."""
    return {sentence_of[h.start] for h in hits if h.label.kind == "past"}


def _urgent_danger(hits: Sequence[Hit], sentence_of: Sequence[int], calm: Sequence[Hit]) -> bool:
    """Return whether a "now" marker (not in a past-tense sentence, nor in words that say the
    feared person is away: "grad ist er nicht da") meets a danger word."""
    past = _past_sentences(hits, sentence_of)
    away = [h for h in hits if (h.label.kind, h.label.key) == ("intent", "safe_now")]
    urgent = any(
        h.label.kind == "urgent" and sentence_of[h.start] not in past and not _inside(h, away)
        for h in hits
    )
    danger = any(
        (h.label.kind == "danger" or (h.label.kind == "topic" and h.label.key in DANGER_TOPICS))
        and not _inside(h, calm)
        for h in hits
    )
    return urgent and danger


def _combo(hits: Sequence[Hit], combos: Mapping[str, int]) -> bool:
    """Return whether every group of some combo (e.g. pills x swallowed) is in the message."""
    found: dict[str, set[int]] = defaultdict(set)
    for hit in hits:
        if hit.label.kind == "combo":
            combo = ComboGroup.of(hit.label.key)
            found[combo.name].add(combo.group)
    return any(len(groups) >= combos.get(name, 99) for name, groups in found.items())


def is_crisis(
    hits: Sequence[Hit], sentence_of: Sequence[int], combos: Mapping[str, int] | None = None
) -> bool:
    """Return whether the message signals acute danger to life or limb now.

    A crisis phrase counts unless it stands inside a calm idiom or its sentence has both a
    trivial context and a joke marker ("kms 💀" about homework); a threat ("bringt mich um")
    is calm with a trivial context alone ("...wenn sie mein Zeugnis sieht"); a "now" marker
    with a danger word or a violence topic counts, and so does every group of a combo.
    """
    calm = [h for h in hits if h.label.kind == "calm"]
    trivial = {sentence_of[h.start] for h in hits if h.label.kind == "trivial"}
    jesting = {sentence_of[h.start] for h in jokes(hits)}
    for hit in hits:
        kind, sentence = hit.label.kind, sentence_of[hit.start]
        if kind not in ALARMS or _inside(hit, calm):
            continue
        if kind == "threat" and sentence in trivial:
            continue
        if kind == "crisis" and sentence in trivial and sentence in jesting:
            continue
        return True
    return _urgent_danger(hits, sentence_of, calm) or _combo(hits, combos or {})


def soon(hits: Sequence[Hit], sentence_of: Sequence[int]) -> bool:
    """Return whether a "later" or "near" marker stands outside every past-tense sentence."""
    past = _past_sentences(hits, sentence_of)
    kinds = ("later", "near")
    return any(h.label.kind in kinds and sentence_of[h.start] not in past for h in hits)


def anticipated(hits: Sequence[Hit]) -> bool:
    """Return whether an alarm rests on a time still to come ("angst vor heute nacht").

    No crisis phrase or threat was said; abuse that recurs ("kommt jede nacht in mein zimmer")
    or a "later" marker was, and every "now" marker is part of a later one: the danger is
    feared, not under way, so the bot asks whether the person is safe right now.
    """
    if any(h.label.kind in ("crisis", "threat") for h in hits):
        return False
    later = [h for h in hits if h.label.kind in ("later", "ongoing")]
    urgent = [h for h in hits if h.label.kind == "urgent"]
    return bool(later) and all(_inside(h, later) for h in urgent)


def alarm_in(hits: Sequence[Hit], language: str) -> bool:
    """Return whether a crisis phrase, threat or ongoing abuse written in `language` itself
    was found."""
    return any(h.label.kind in ALARMS and h.label.lang == language for h in hits)


def distinct(hits: Sequence[Hit], kind: str) -> list[Hit]:
    """Return one hit per (key, span) of a kind: a word listed in three languages counts once."""
    best: dict[tuple[str, int, int], Hit] = {}
    for hit in hits:
        if hit.label.kind == kind:
            key = (hit.label.key, hit.start, hit.end)
            if key not in best or hit.weight > best[key].weight:
                best[key] = hit
    return list(best.values())


def rank_topics(hits: Sequence[Hit]) -> tuple[tuple[str, ...], tuple[float, ...], tuple[str, ...]]:
    """Return topics by evidence (ties in contract order), their scores, and the unsure ones."""
    score: dict[str, float] = defaultdict(float)
    fuzzy: dict[str, float] = defaultdict(float)
    for hit in distinct(hits, "topic"):
        score[hit.label.key] += hit.weight
        fuzzy[hit.label.key] += hit.weight if hit.fuzzy else 0.0
    ordered = sorted(score, key=lambda t: (-score[t], TOPICS.index(t)))
    unsure = tuple(t for t in ordered if fuzzy[t] >= UNSURE_SHARE * score[t])
    return tuple(ordered), tuple(round(score[t], 3) for t in ordered), unsure


@dataclass(frozen=True, slots=True)
class Reading:
    """What the lexicon alone finds in a message: exact, explainable evidence."""

    clean: str
    hits: tuple[Hit, ...]
    topics: tuple[str, ...]
    topic_scores: tuple[float, ...]
    unsure_topics: tuple[str, ...]
    who: dict[str, float]
    crisis: bool
    crisis_kind: str | None
    anticipated: bool
    """The alarm rests on a time still to come (see `anticipated`): ask, do not alarm."""
    alarm_in_language: bool
    """A crisis phrase, threat or ongoing abuse of the message's own language was found (in a
    language the lexicon does not cover in full, only such a phrase counts)."""
    calm: bool
    """A calm idiom, trivial context or joke marker was found: evidence against an alarm."""
    place: Place | None
    unsure_place: bool
    language: str
    intents: tuple[str, ...]
    age: int | None
    gender: str | None
    profession: str | None
    covered: bool
    """Every word is part of a place, who or intent term: no meaning left to look up."""
    soon: bool
    """A marker of a time close to now, still to come ("heute abend", "la noapte", "in an hour")
    or just past ("vor einer stunde", "aseara", "last night"), outside a past-tense sentence:
    with a sexual harm understood, danger feared or just suffered (knowledge.fusion)."""
    joking: bool
    """The message marks itself a joke and nothing denies it (see `jokes`): an alarm is asked
    about, never answered with the emergency lines."""


HOPELESS = ComboGroup("hopeless_plan", 0).key()
"""The hopelessness half of a suicidal plan ("nothing makes sense any more"): alone no alarm,
but reason enough to ask whether the person is safe right now (knowledge.fusion)."""


def hopeless(reading: Reading) -> bool:
    """Return whether a message says it has lost all hope, with no calm idiom or joke."""
    said = any(h.label.kind == "combo" and h.label.key == HOPELESS for h in reading.hits)
    return said and not reading.calm


def who_scores(hits: Sequence[Hit]) -> dict[str, float]:
    """Return the weighted evidence for each who-marker found.

    The longest term wins: a marker inside a longer one of another kind is no evidence
    ("mein kleiner" for one's own child inside "mein kleiner Bruder", a sibling)."""
    found = distinct(hits, "who")
    score: dict[str, float] = defaultdict(float)
    for hit in found:
        others = (o for o in found if o.label.key != hit.label.key)
        if not any(_within_longer(hit, other) for other in others):
            score[hit.label.key] += WHO_WEIGHTS[hit.label.key] * hit.weight
    return dict(score)


def _within_longer(hit: Hit, other: Hit) -> bool:
    """Return whether a hit's words lie within a longer hit's words."""
    longer = other.end - other.start > hit.end - hit.start
    return longer and other.start <= hit.start and hit.end <= other.end


def crisis_kind(hits: Sequence[Hit], sentence_of: Sequence[int], topics: Sequence[str]) -> str:
    """Return the kind of an alarm the lexicon raised: danger now, suicidal or sexual now."""
    calm = [h for h in hits if h.label.kind == "calm"]
    threat = any(h.label.kind == "threat" for h in hits)
    if _urgent_danger(hits, sentence_of, calm) or threat:
        return "sexual_now" if topics[:1] == ("sexual_violence",) else "danger_now"
    if topics and topics[0] in DANGER_TOPICS:
        return "sexual_now" if topics[0] == "sexual_violence" else "danger_now"
    return "suicidal"


def own_work_aside(hits: Sequence[Hit]) -> list[Hit]:
    """Drop topic and gender hits inside the words that name a professional's work.

    "Kinderkrankenschwester in einer Kinderarztpraxis" says who writes, not that the matter
    is health, nor that the child is a girl ("-schwester").
    """
    work = [h for h in hits if h.label.kind == "profession"]
    return [
        h
        for h in hits
        if h.label.kind not in ("topic", "gender") or not any(_overlaps(h, w) for w in work)
    ]


def _unsure(place: Place | None, exact: Place | None) -> bool:
    """Return whether a place's city was found only through a misspelling.

    A district misspelt next to its exactly written city ("dortmund nordstadtta") is sure.
    """
    return place is not None and (exact is None or exact.city != place.city)


def age_of(normalised: str) -> int | None:
    """Return the first plausible age of a young person the message gives, else None."""
    for match in AGE.finditer(normalised):
        age = int(next(g for g in match.groups() if g))
        if age in AGE_RANGE:
            return age
    return None


def only(hits: Sequence[Hit], kind: str) -> str | None:
    """Return the one key of a kind the message names exactly (None if none or several)."""
    named = {h.label.key for h in hits if h.label.kind == kind and not h.fuzzy}
    return named.pop() if len(named) == 1 else None


def gender_of(hits: Sequence[Hit]) -> str | None:
    """Return the affected person's gender where the message says it, else None.

    Where both are named ("my daughter ... the neighbour's son"), the one inside the words
    that name the affected person ("my daughter") counts.
    """
    named = only(hits, "gender")
    if named or not any(h.label.kind == "gender" for h in hits):
        return named
    who = [h for h in hits if h.label.kind == "who" and h.label.key != "self"]
    inside = {
        h.label.key
        for h in hits
        if h.label.kind == "gender" and not h.fuzzy and any(_overlaps(h, w) for w in who)
    }
    return inside.pop() if len(inside) == 1 else None


def _overlaps(a: Hit, b: Hit) -> bool:
    return a.start < b.end and b.start < a.end


ANSWERS = frozenset({"yes", "no"})
"""Intents that count only as a message's first word ("nein, ..."), not inside a sentence."""
PLACE_ANSWER_TOKENS = 6
"""A message this short that names a place and no topic answers "where?": nothing to look up."""
EVIDENCE = frozenset({"topic", *ALARMS, "urgent", "danger", "combo"})


def _covered(tokens: Sequence[str], hits: Sequence[Hit], place: Place | None) -> bool:
    """Return whether a message is only a place, who or intent answer (no meaning to look up).

    Either place, who and intent terms (and numbers: postcodes) cover every word, or a short
    message names a place and no topic or danger ("мы все в Шверине", "wir wohnen in 44145").
    """
    spans = [h for h in hits if h.label.kind in ("place", "who", "intent") and not h.fuzzy]
    if tokens and all(
        token.isdigit() or any(h.start <= i < h.end for h in spans)
        for i, token in enumerate(tokens)
    ):
        return True
    evidence = any(h.label.kind in EVIDENCE for h in hits)
    return place is not None and len(tokens) <= PLACE_ANSWER_TOKENS and not evidence


def read(
    message: str,
    matcher: Matcher,
    gazetteer: Gazetteer,
    hint: str | None = None,
    combos: Mapping[str, int] | None = None,
) -> Reading:
    """Read one message with the lexicon; any text, however hostile, gives a Reading."""
    clean = text.clean(message)
    tokens, sentence_of = _flatten(text.sentences(clean))
    hits = own_work_aside(matcher.find(tokens))
    topics, scores, unsure = rank_topics(hits)
    crisis = is_crisis(hits, sentence_of, combos)
    codes = text.postcodes(clean)
    place = gazetteer.resolve(hits, codes)
    exact = [h for h in hits if not h.fuzzy]
    calm = any(h.label.kind in ("calm", "trivial", "joke") for h in hits)
    language = langid.detect(clean, hits, hint)
    intents = tuple(
        dict.fromkeys(
            h.label.key
            for h in exact
            if h.label.kind == "intent" and (h.start == 0 or h.label.key not in ANSWERS)
        )
    )
    return Reading(
        clean=clean,
        hits=tuple(hits),
        topics=topics,
        topic_scores=scores,
        unsure_topics=unsure,
        who=who_scores(hits),
        crisis=crisis,
        crisis_kind=crisis_kind(hits, sentence_of, topics) if crisis else None,
        anticipated=crisis and anticipated(hits),
        alarm_in_language=crisis and alarm_in(hits, language),
        calm=calm,
        place=place,
        unsure_place=_unsure(place, gazetteer.resolve(exact, codes)),
        language=language,
        intents=intents,
        age=age_of(" ".join(tokens)),
        gender=gender_of(hits),
        profession=only(hits, "profession"),
        soon=soon(hits, sentence_of),
        joking=bool(jokes(hits)),
        covered=_covered(tokens, hits, place),
    )
