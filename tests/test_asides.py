"""What people type besides who / where / what, the safety check, and other languages."""

import pytest

from bot.conversation import Conversation
from flows import messages as m
from flows.asides import person_now
from flows.events import Choose, Start, Text
from flows.state import State
from knowledge.model import Service, Suggestion
from knowledge.vocabulary import LANGUAGES
from tests.conftest import SUNDAY_3AM, WEDNESDAY_3PM
from tests.test_dialogue import run

PERSON_REPLIES = (m.PERSON_NOW, m.PERSON_MAYBE_OPEN, m.PERSON_NONE_OPEN)


def msgs(replies) -> list[str]:
    return [r.msg for r in replies]


def cards(replies) -> list[str]:
    return [c.service.id for r in replies for c in r.cards]


@pytest.mark.parametrize("text", ["hallo", "hilfe", "ajutor", "hi there", "merhaba", "привет"])
def test_a_greeting_or_help_alone_says_what_the_bot_does_then_asks(finder, text) -> None:
    _, [out] = run(finder, Text(text))
    assert m.GREETING in msgs(out)
    assert not {m.WHO_UNKNOWN, m.TOPIC_UNKNOWN, m.PLACE_UNKNOWN} & set(msgs(out))
    assert out[-1].options  # the first question, with its buttons


@pytest.mark.parametrize(
    "text",
    [
        "kann ich mit einem echten menschen reden?",
        "can i talk to a real person now",
        "vreau sa vorbesc cu un om adevarat",
    ],
)
@pytest.mark.parametrize("pending", ["who", "place", "topic", "results"])
def test_a_person_now_in_any_state_without_a_place(finder, text, pending) -> None:
    state = State(locale="de", locale_chosen=True, pending=pending)
    state, [out] = run(finder, Text(text), state=state, now=SUNDAY_3AM)
    person = next(r for r in out if r.msg in PERSON_REPLIES)
    assert person.msg != m.PERSON_NONE_OPEN and person.cards
    # at 3 a.m.: no line closed now; krisenchat is open by current hours; lines whose hours
    # come from an older source stand among them, and then the message says so
    assert all(c.open_now is not False for c in person.cards)
    assert any(c.open_now for c in person.cards)
    confirmed = all(c.open_now for c in person.cards)
    assert person.msg == (m.PERSON_NOW if confirmed else m.PERSON_MAYBE_OPEN)
    assert all(c.service.kind in ("crisis_line", "counselling", "online") for c in person.cards)
    assert m.ASK_PLACE not in msgs(out)[: msgs(out).index(person.msg)]


@pytest.mark.parametrize("text", ["speichert ihr was ich schreibe?", "do you save my messages"])
def test_a_privacy_question_gets_the_privacy_answer(finder, text) -> None:
    _, [_, out] = run(finder, Start("de"), Text(text))
    assert m.PRIVACY in msgs(out)
    assert out[-1].msg == m.ASK_WHO  # then the open question again


@pytest.mark.parametrize("text", ["egal", "oriunde", "anywhere", "egal wo"])
def test_anywhere_as_a_place_gives_nationwide_services(finder, text) -> None:
    state, [_, _, out] = run(finder, Start("de"), Choose("who:self"), Text(text))
    assert state.place_done and state.place is None
    assert out[-1].msg == m.ASK_TOPIC


def test_who_speaks_turkish(finder) -> None:
    _, [_, out] = run(finder, Start("de"), Text("spricht jemand türkisch?"))
    speaks = next(r for r in out if r.msg == m.SPEAKS)
    assert speaks.params == {"language": "tr"} and speaks.cards
    assert all("tr" in c.service.languages for c in speaks.cards)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("babam beni dövüyor, eve gitmek istemiyorum", "tr"),
        ("баща ми ме бие всеки ден и ме е страх да се прибера", "bg"),
        ("أبي يضربني كل يوم وأنا خائف أرجع البيت", "ar"),
        ("батько мене б'є і я боюся йти додому", "uk"),
    ],
)
def test_the_interface_answers_at_once_in_the_language_written(finder, text, lang) -> None:
    state, [out] = run(finder, Text(text, hint=lang))
    assert (state.locale, state.locale_chosen, state.spoken) == (lang, True, None)
    assert m.FOREIGN_NOTE not in msgs(out)
    assert "violence" in state.topics
    assert m.TOPIC_UNKNOWN not in msgs(out) and m.WHO_UNKNOWN not in msgs(out)
    state, _ = run(finder, Text("dortmund"), state=state)
    assert state.locale == lang  # the choice sticks


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("ojciec mnie bije i boję się wracać do domu", "pl"),
        ("отец меня бьёт и я боюсь идти домой", "ru"),
    ],
)
def test_other_languages_are_understood_noted_and_served_in_their_language(
    finder, text, lang
) -> None:
    state, [out] = run(finder, Text(text, hint=lang))
    assert state.spoken == lang and state.locale == "de"
    note = out[0]
    assert note.msg == m.FOREIGN_NOTE and note.locale == lang and note.params == {"language": lang}
    assert [o.id for o in note.options] == [f"lang:{c}" for c in LANGUAGES]
    assert "violence" in state.topics
    assert m.TOPIC_UNKNOWN not in msgs(out) and m.WHO_UNKNOWN not in msgs(out)


def test_services_that_speak_the_language_come_first(finder) -> None:
    state = State(
        locale="de",
        locale_chosen=True,
        spoken="tr",
        topics=("violence",),
        topic_done=True,
        who="self",
        place_done=True,
        pending="results",
    )
    _, [out] = run(finder, Choose("nav:results"), state=state)
    first = cards(out)[0]
    assert "tr" in finder.service(first).languages


def test_the_note_is_rendered_in_the_persons_language_with_endonym_buttons(finder) -> None:
    conversation = Conversation(finder)
    out = conversation.handle(1, Text("отец меня бьёт и я боюсь", hint="ru"), WEDNESDAY_3PM)
    note = out.messages[0].text
    assert note.startswith("Этот бот") and "русский" in note  # the language named by CLDR
    buttons = [b[0] for b in out.messages[0].buttons]
    assert buttons == [
        "Deutsch",
        "Română",
        "English",
        "Български",
        "Türkçe",
        "العربية",
        "Українська",
    ]


def test_arabic_text_isolates_left_to_right_runs(finder) -> None:
    conversation = Conversation(finder)
    conversation.handle(1, Start("ar"), WEDNESDAY_3PM)
    for text in ("أبي يضربني كل يوم", "أنا", "دورتموند"):
        out = conversation.handle(1, Text(text), WEDNESDAY_3PM)
    text = "\n".join(msg.text for msg in out.messages)
    assert "\u2066116 111\u2069" in text  # a phone number keeps its order
    assert "\u2066Kinderschutz-Zentrum Dortmund\u2069" in text  # a German name isolated
    for line in text.splitlines():  # no Latin run left bare among Arabic words
        if any("\u0600" <= ch <= "\u06ff" for ch in line):
            bare = line
            for start in range(len(bare)):
                if bare[start] == "\u2066":
                    end = bare.index("\u2069", start)
                    bare = bare[:start] + " " * (end - start + 1) + bare[end + 1 :]
            assert not any(ch.isascii() and ch.isalpha() for ch in bare), line


def test_safety_check_no_gives_the_emergency_answer_and_yes_goes_on(finder) -> None:
    base = State(locale="en", locale_chosen=True, pending="place", who="self")
    state, [out] = run(
        finder, Text("my dad is drunk again and really angry, he smashed a glass"), state=base
    )
    assert out[-1].msg == m.SAFETY_CHECK and state.pending == "safety"
    assert [o.id for o in out[-1].options] == ["safe:yes", "safe:no"]
    _, [out] = run(finder, Choose("safe:no"), state=state)
    assert out[0].msg == m.CRISIS_KINDS["danger_now"]
    assert [c.service.id for c in out[0].cards][:2] == ["polizei-notruf-110", "notruf-112"]
    safe, [out] = run(finder, Choose("safe:yes"), state=state)
    assert safe.pending == "place" and out[-1].msg == m.ASK_PLACE
    _, [out] = run(finder, Text("no. hes banging on my door"), state=state)
    assert out[0].msg == m.CRISIS_KINDS["danger_now"]


def test_the_safety_check_is_asked_once_and_never_of_professionals(finder) -> None:
    text = Text("my dad is drunk again and really angry, he smashed a glass")
    state, _ = run(finder, text, state=State(locale="en", locale_chosen=True))
    state, [_, again] = run(finder, Choose("safe:yes"), text, state=state)
    assert m.SAFETY_CHECK not in msgs(again)
    pro = State(locale="en", locale_chosen=True, who="professional")
    _, [out] = run(finder, text, state=pro)
    assert m.SAFETY_CHECK not in msgs(out)


@pytest.mark.parametrize(
    ("text", "kind", "first"),
    [
        ("he is hitting me right now, please", "danger_now", "polizei-notruf-110"),
        ("ich will nicht mehr leben", "suicidal", "notruf-112"),
    ],
)
def test_crisis_answer_fits_one_phone_screen(finder, text, kind, first) -> None:
    conversation = Conversation(finder)
    out = conversation.handle(1, Text(text), SUNDAY_3AM)
    crisis = next(r for r in out.replies if r.msg == m.CRISIS_KINDS[kind])
    assert crisis.cards[0].service.id == first
    assert len(out.messages[0].text.splitlines()) <= 20
    assert "hilfetelefon-gewalt-gegen-frauen" not in [c.service.id for c in crisis.cards]


def test_no_safety_check_for_someone_who_says_he_is_away(finder) -> None:
    text = "grad ist er nicht da. wir wohnen in bielefeld"
    assert finder.understand(text).safety_check  # the signals alone would ask
    _, [out] = run(finder, Text(text))
    assert m.SAFETY_CHECK not in msgs(out)


class PeopleNow:
    """A finder that returns given suggestions for a person now."""

    def __init__(self, *found: Suggestion) -> None:
        self.found = list(found)

    def people_now(self, u: object, now: object) -> list[Suggestion]:
        return self.found


def line(id: str, open_now: bool | None) -> Suggestion:
    service = Service(id, "counselling", {"de": id}, {"de": id}, (), (), (), (), "x", phone="1")
    return Suggestion(service, 0.0, (), open_now)


def test_person_now_says_open_only_when_every_line_shown_is_open_by_current_hours() -> None:
    state = State(locale="de")
    both = person_now(state, PeopleNow(line("a", True), line("b", True)), WEDNESDAY_3PM)
    assert both.msg == m.PERSON_NOW and [c.service.id for c in both.cards] == ["a", "b"]
    old = person_now(state, PeopleNow(line("a", None), line("b", True)), WEDNESDAY_3PM)
    assert old.msg == m.PERSON_MAYBE_OPEN and [c.service.id for c in old.cards] == ["a", "b"]
    closed = PeopleNow(line("a", False), line("b", True), line("c", None), line("d", True))
    shown = person_now(state, closed, WEDNESDAY_3PM)
    assert [c.service.id for c in shown.cards] == ["b", "c", "d"]  # the closed one left out
    none = person_now(state, PeopleNow(line("a", False), line("b", False)), WEDNESDAY_3PM)
    assert none.msg == m.PERSON_NONE_OPEN and [c.service.id for c in none.cards] == ["a", "b"]
