"""Contact cards and replies of bot/render.py: what each line says, escaped for Telegram and
isolated for right-to-left reading. Expected lines are written out in English and German."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from bot.render import Renderer
from flows import messages as m
from flows.events import Option, Reply
from knowledge.hours import BERLIN
from knowledge.model import Address, Reason, Service, Span, Suggestion
from knowledge.provenance import PartialDate
from tests.verified import SOURCE_DATE, verified

WEDNESDAY_3PM = datetime(2026, 11, 25, 15, 0, tzinfo=BERLIN)
LRI, PDI, FSI = "\u2066", "\u2069", "\u2068"
DAY = 1440
WEDNESDAY = 2 * DAY


def svc(dated: PartialDate | None = SOURCE_DATE, **kw: object) -> Service:
    """A service whose every given fact is verified by one source of date `dated`."""
    base: dict[str, object] = {
        "id": "s",
        "kind": "counselling",
        "name": {"de": "Beratung <Nord>", "en": "Counselling North"},
        "description": {"de": "Hilft & berät", "en": "Helps & advises"},
        "topics": ("violence",),
        "audiences": ("self",),
        "areas": (),
        "languages": (),
        "source": "https://example.invalid",
    }
    return verified(Service(**{**base, **kw}), dated)  # type: ignore[arg-type]


def card(
    service: Service,
    locale: str = "en",
    markup: str = "plain",
    reasons: tuple[Reason, ...] = (),
    now: datetime = WEDNESDAY_3PM,
) -> list[str]:
    return Renderer(locale, markup).card(Suggestion(service, 1.0, reasons, None), now).split("\n")


def short(service: Service, locale: str = "en", markup: str = "plain") -> list[str]:
    text = Renderer(locale, markup).short_card(Suggestion(service, 1.0, (), True), WEDNESDAY_3PM)
    return text.split("\n")


# --- the full card ------------------------------------------------------------------------


def test_a_card_names_the_service_describes_it_and_says_what_is_unknown() -> None:
    assert card(svc()) == [
        "Counselling North",
        "Helps & advises",
        "❔ Contact details not confirmed yet",
        "🕐 Opening hours not confirmed",
        "🗣 Languages: not confirmed",
        "ℹ️ ",
        "Date of the source not known",
    ]


def test_every_way_to_reach_a_service_is_on_its_card_in_order() -> None:
    full = svc(
        phone="0231 1",
        phones_more=("0231 2", "0231 3"),
        phone_note={"de": "Mo–Fr", "en": "Mon–Fri"},
        chat_url="https://chat.invalid",
        email="a@b.invalid",
        url="https://web.invalid",
        address=Address("Nordstr. 1", "44145", "Dortmund"),
    )
    assert card(full)[2:10] == [
        "📞 Phone: 0231 1",
        "📞 Also: 0231 2",
        "📞 Also: 0231 3",
        "Mon–Fri",
        "💬 Chat: https://chat.invalid",
        "✉️ E-mail: a@b.invalid",
        "🌐 Web: https://web.invalid",
        "📍 Address: Nordstr. 1, 44145 Dortmund",
    ]


def test_a_website_that_is_the_chat_is_shown_once() -> None:
    lines = card(svc(chat_url="https://c.invalid", url="https://c.invalid"))
    assert "💬 Chat: https://c.invalid" in lines
    assert not any(line.startswith("🌐") for line in lines)


def test_a_german_description_says_it_is_in_german() -> None:
    lines = card(svc(description={"de": "Nur deutsch"}))
    assert lines[1:3] == ["Nur deutsch", "(This description is in German.)"]
    assert "(This description is in German.)" not in card(svc())


def test_the_name_falls_back_to_the_german_name_people_say() -> None:
    assert card(svc(name={"de": "Jugendamt"}))[0] == "Jugendamt"


def test_languages_spoken_are_named_in_the_interface_language() -> None:
    assert "🗣 Languages: German, Romanian, and Turkish" in card(svc(languages=("de", "ro", "tr")))
    assert "🗣 Sprachen: Deutsch und Rumänisch" in card(svc(languages=("de", "ro")), "de")


@pytest.mark.parametrize(
    ("free", "anonymous", "line"),
    [
        (True, True, "✓ free of charge, anonymous"),
        (True, None, "✓ free of charge"),
        (False, True, "✓ anonymous"),
        (None, False, None),
    ],
)
def test_free_and_anonymous_only_where_the_data_says_so(free, anonymous, line) -> None:
    lines = card(svc(free_of_charge=free, anonymous=anonymous))
    flags = [x for x in lines if x.startswith("✓")]
    assert flags == ([line] if line else [])


def test_the_source_date_is_on_the_card() -> None:
    assert card(svc(phone="1"))[-1] == "Source as of Mar 9, 2026"
    assert card(svc(phone="1"), "de")[-1] == "Stand der Quelle: 09.03.2026"


def test_the_hours_note_follows_the_hours() -> None:
    note = {"de": "nicht an Feiertagen"}
    lines = card(svc(hours=(Span(WEDNESDAY + 540, WEDNESDAY + 1020),), hours_note=note))
    assert lines[lines.index("🕐 Open now, until 5:00\u202fPM") + 1] == (
        "nicht an Feiertagen (This note is in German.)"
    )


def test_a_note_without_hours_is_never_read_as_current_hours() -> None:
    assert card(svc(hours_note={"de": "nicht an Feiertagen"}))[3] == (
        "🕐 Hours (source undated): nicht an Feiertagen (This note is in German.)"
    )


def test_why_the_service_is_suggested_ends_the_card() -> None:
    reasons = (Reason("topic", "violence"), Reason("place", "city"), Reason("open_now"))
    assert "ℹ️ helps with: Violence, beating, threats; in your city; open now" in card(
        svc(), reasons=reasons
    )


# --- escaping -----------------------------------------------------------------------------


def test_escaping_service_text_in_cards_for_telegram_html() -> None:
    hostile = svc(
        name={"de": "<b>A</b> & B"},
        description={"de": "<script>x</script> & <i>y</i>"},
        phone="<0231>",
        phone_note={"de": "<u>note</u>"},
        hours_note={"de": "<a href='x'>h</a>"},
        url="https://x.invalid/?a=1&b=<2>",
        address=Address("<Str>", None, "Do&rtmund"),
    )
    text = "\n".join(card(hostile, "de", "html"))
    assert "<script>" not in text and "<i>" not in text and "<u>" not in text
    assert "<a href" not in text and "<Str>" not in text and "<0231>" not in text
    assert "&lt;script&gt;x&lt;/script&gt; &amp; &lt;i&gt;y&lt;/i&gt;" in text
    assert "&lt;u&gt;note&lt;/u&gt;" in text and "&lt;a href='x'&gt;h&lt;/a&gt;" in text
    assert "<b>&lt;b&gt;A&lt;/b&gt; &amp; B</b>" in text  # the name: bold, its text escaped
    assert "https://x.invalid/?a=1&amp;b=&lt;2&gt;" in text
    assert "&lt;Str&gt;, Do&amp;rtmund" in text


def test_plain_text_cards_are_not_escaped() -> None:
    assert card(svc(description={"de": "a < b & c"}), "de")[1] == "a < b & c"
    assert card(svc(), "de")[0] == "Beratung <Nord>"


def test_the_short_card_escapes_too() -> None:
    assert short(svc(phone="<1>"), markup="html")[1] == "📞 &lt;1&gt;"
    assert short(svc(chat_url="https://c.invalid/?a&b"), markup="html")[1] == (
        "💬 https://c.invalid/?a&amp;b"
    )


def test_a_template_and_its_params_are_escaped_but_not_quotes() -> None:
    html = Renderer("en", "html")
    assert html.t('"{x}"', {"x": "<'&'>"}) == "\"&lt;'&amp;'&gt;\""
    assert html.esc("\"a\" & 'b'") == "\"a\" &amp; 'b'"
    assert Renderer("en").esc("<x>") == "<x>"
    assert html.bold("<x>") == "<b>&lt;x&gt;</b>" and Renderer("en").bold("<x>") == "<x>"


# --- the crisis card ----------------------------------------------------------------------


def test_the_crisis_card_gives_name_phone_and_hours_only() -> None:
    line = svc(
        phone="112", chat_url="https://c.invalid", hours=(Span(0, 7 * DAY),), email="e@x.invalid"
    )
    assert short(line) == ["Counselling North", "📞 112", "🕐 Open day and night"]


def test_the_crisis_card_gives_the_chat_where_there_is_no_phone() -> None:
    assert short(svc(chat_url="https://c.invalid")) == [
        "Counselling North",
        "💬 https://c.invalid",
        "🕐 Opening hours not confirmed",
    ]


# --- opening hours ------------------------------------------------------------------------


def test_open_now_until_when() -> None:
    spans = (Span(WEDNESDAY + 9 * 60, WEDNESDAY + 17 * 60),)
    assert card(svc(hours=spans))[3] == "🕐 Open now, until 5:00\u202fPM"
    assert card(svc(hours=spans), "de")[3] == "🕐 Jetzt geöffnet, bis 17:00"


def test_closed_now_opens_next() -> None:
    spans = (Span(WEDNESDAY + 16 * 60, WEDNESDAY + 18 * 60),)
    assert card(svc(hours=spans))[3] == "🕐 Closed now, opens Wednesday 16:00"


def test_open_around_the_clock() -> None:
    assert card(svc(hours=(Span(0, 7 * DAY),)))[3] == "🕐 Open day and night"


def test_no_spans_at_all_are_unknown_hours() -> None:
    assert card(svc(hours=()))[3] == "🕐 Opening hours not confirmed"


# --- reasons ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reason", "english"),
    [
        (Reason("topic", "violence"), "helps with: Violence, beating, threats"),
        (Reason("place", "district"), "in your district"),
        (Reason("place", "city"), "in your city"),
        (Reason("place", "state"), "in your state"),
        (Reason("place", "nationwide"), "for all of Germany"),
        (Reason("language", "ro"), "speaks Romanian"),
        (Reason("audience", "own_child"), "also advises parents"),
        (Reason("audience", "professional"), "advises professionals"),
        (Reason("refer"), "you can refer the family here"),
        (Reason("person"), "a person answers"),
        (Reason("open_now"), "open now"),
        (Reason("emergency"), "emergency number, day and night"),
        (Reason("crisis"), "crisis line, reachable now"),
        (Reason("general"), "general help line"),
        (Reason("unheard-of"), ""),
    ],
)
def test_each_reason_in_words(reason, english) -> None:
    assert Renderer("en").why((reason,)) == english


def test_reasons_join_with_semicolons_and_unknown_ones_drop_out() -> None:
    why = Renderer("en").why((Reason("open_now"), Reason("x"), Reason("person")))
    assert why == "open now; a person answers"


# --- right-to-left ------------------------------------------------------------------------


def test_in_arabic_numbers_and_latin_names_are_isolated() -> None:
    ar = Renderer("ar")
    assert ar.rtl and not Renderer("de").rtl
    assert ar.ltr("0231 1") == f"{LRI}0231 1{PDI}"
    assert ar.ltr("مرحبا") == "مرحبا"  # nothing left-to-right in it
    assert Renderer("de").ltr("0231") == "0231"


def test_in_arabic_each_latin_run_in_a_sentence_is_isolated() -> None:
    ar = Renderer("ar")
    assert ar.ltr_runs("اتصل بـ Jugendamt Dortmund الآن") == (
        f"اتصل بـ {LRI}Jugendamt Dortmund{PDI} الآن"
    )
    assert ar.ltr_runs("Jugendamt") == f"{LRI}Jugendamt{PDI}"  # no Arabic letter: whole
    assert Renderer("en").ltr_runs("Jugendamt") == "Jugendamt"


def test_an_arabic_card_isolates_the_phone_number() -> None:
    lines = card(svc(phone="0231 1", name={"de": "Jugendamt"}), "ar")
    assert lines[0] == f"{LRI}Jugendamt{PDI}"
    assert any(f"{LRI}0231 1{PDI}" in line for line in lines)


def test_right_to_left_text_is_wrapped_in_a_first_strong_isolate() -> None:
    r = Renderer("en")
    assert r.isolated("مرحبا 112") == f"{FSI}مرحبا 112{PDI}"
    assert r.isolated("hello 112") == "hello 112"


# --- replies ------------------------------------------------------------------------------


def test_a_reply_renders_its_text_cards_and_buttons() -> None:
    s = Suggestion(svc(phone="1"), 1.0, (), None)
    reply = Reply(m.ASK_WHO, options=(Option("who:self", m.WHO_LABELS["self"]),), cards=(s,))
    out = Renderer("en").reply(reply, WEDNESDAY_3PM)
    parts = out.text.split("\n\n")
    assert parts[0] == "Who needs help?"
    assert parts[1].startswith("Counselling North\nHelps & advises\n📞 Phone: 1")
    assert out.buttons == (("Me", "who:self"),)


def test_a_crisis_reply_uses_short_cards() -> None:
    s = Suggestion(svc(phone="112", email="x@y.invalid"), 1.0, (), True)
    out = Renderer("en").reply(Reply(m.CRISIS_AFTER, cards=(s,), style="short"), WEDNESDAY_3PM)
    assert out.text.split("\n\n")[1] == "Counselling North\n📞 112\n🕐 Opening hours not confirmed"


def test_a_note_in_the_persons_own_language_with_its_buttons() -> None:
    note = Reply(
        m.FOREIGN_NOTE,
        {"language": "pl"},
        options=(Option("lang:de", m.OPT_ENDONYM, {"endonym": "de"}),),
        locale="pl",
    )
    out = Renderer("de").reply(note, WEDNESDAY_3PM)
    german = Renderer("de").reply(replace(note, locale=None), WEDNESDAY_3PM)
    assert "polski" in out.text and "Polnisch" not in out.text  # named in the note's language
    assert "Polnisch" in german.text and "polski" not in german.text
    assert out.buttons == (("Deutsch", "lang:de"),)


def test_a_note_in_another_language_is_escaped_like_the_rest() -> None:
    note = Reply(m.DID_YOU_MEAN_PLACE, {"place": "<Nord>"}, locale="tr")
    html = Renderer("de", "html").reply(note, WEDNESDAY_3PM).text
    plain = Renderer("de").reply(note, WEDNESDAY_3PM).text
    assert "&lt;Nord&gt;" in html and "<Nord>" not in html
    assert "<Nord>" in plain
    same = Renderer("tr", "html").reply(note, WEDNESDAY_3PM).text
    assert same == html


def test_hebrew_too_is_wrapped_in_a_first_strong_isolate() -> None:
    assert Renderer("en").isolated("שלום") == f"{FSI}שלום{PDI}"


def test_the_same_reply_in_html_escapes_params() -> None:
    out = Renderer("en", "html").reply(
        Reply(m.DID_YOU_MEAN_PLACE, {"place": "<Nord>"}), WEDNESDAY_3PM
    )
    assert "&lt;Nord&gt;" in out.text and "<Nord>" not in out.text


def test_localised_text_and_whether_it_fell_back() -> None:
    r = Renderer("ro")
    assert r.localised({"de": "Hallo", "ro": "Salut"}) == ("Salut", False)
    assert r.localised({"de": "Hallo"}) == ("Hallo", True)
    assert r.localised({"de": "Hallo", "ro": ""}) == ("Hallo", True)


def test_an_unknown_language_code_is_named_by_its_code() -> None:
    assert Renderer("en").language("xx-unknown") == "xx-unknown"


def test_the_crisis_card_says_until_when_a_line_is_open() -> None:
    spans = (Span(WEDNESDAY + 9 * 60, WEDNESDAY + 17 * 60),)
    assert short(svc(phone="1", hours=spans))[-1] == "🕐 Open now, until 5:00\u202fPM"


def test_a_reply_with_full_cards_says_until_when_each_is_open() -> None:
    spans = (Span(WEDNESDAY + 9 * 60, WEDNESDAY + 17 * 60),)
    s = Suggestion(svc(phone="1", hours=spans), 1.0, (), True)
    out = Renderer("en").reply(Reply(m.RESULTS, {"place": "X"}, cards=(s,)), WEDNESDAY_3PM)
    assert "🕐 Open now, until 5:00\u202fPM" in out.text


def test_in_arabic_a_latin_text_with_punctuation_is_isolated_whole() -> None:
    assert Renderer("ar").ltr_runs("Jugendamt, Dortmund") == f"{LRI}Jugendamt, Dortmund{PDI}"


def test_in_arabic_a_hebrew_word_counts_as_right_to_left_too() -> None:
    assert Renderer("ar").ltr_runs("שלום Jugendamt") == f"שלום {LRI}Jugendamt{PDI}"


def test_when_a_service_opens_next_is_said_in_the_interface_language() -> None:
    spans = (Span(WEDNESDAY + 16 * 60, WEDNESDAY + 18 * 60),)
    for locale, when in (("de", "Mittwoch 16:00"), ("ro", "miercuri 16:00")):
        [hours] = [line for line in card(svc(hours=spans), locale) if line.startswith("🕐")]
        assert when in hours
