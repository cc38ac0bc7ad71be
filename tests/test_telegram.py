"""python-telegram-bot in-process: process_update with a recording request, no network."""

import asyncio
import json
import logging
import sqlite3
import time

import pytest

from bot.i18n import gettext
from bot.settings import Settings
from bot.telegram import build_application, set_commands
from flows import messages as m
from tests.offline import RecordingRequest, UpdateFactory, to_update

SECRET_NAME, SECRET_USER, SECRET_WORD = "Zanzibarella", "zz_secret_handle", "quetzalcoatlus"
USER_ID = 987654321


@pytest.fixture
async def bot(finder):
    request = RecordingRequest()
    app = build_application(Settings(token="123:TEST"), finder, request=request, rate_limit=False)
    async with app:
        yield app, request, UpdateFactory()


async def deliver(app, update) -> None:
    """Process an update the way the Application does: through its update processor."""
    await app.update_processor.process_update(update, app.process_update(update))


async def send(app, factory, text=None, **kw):
    await deliver(app, to_update(factory.message(kw.pop("user", USER_ID), text, **kw), app.bot))


async def press(app, factory, data, user=USER_ID):
    await deliver(app, to_update(factory.press(user, data), app.bot))


def texts(request):
    return [p["text"] for p in request.sent()]


def keyboard(params):
    markup = params.get("reply_markup")
    if markup is None:
        return []
    data = markup.to_dict() if hasattr(markup, "to_dict") else markup
    return [b["callback_data"] for row in data["inline_keyboard"] for b in row]


async def test_start_in_romanian_with_buttons(bot) -> None:
    app, request, factory = bot
    await send(app, factory, "/start ro_nordstadt", language="de")
    sent = request.sent()
    assert sent[0]["parse_mode"] == "HTML"
    assert "Bună" in sent[0]["text"] or "Salut" in sent[0]["text"]
    assert keyboard(sent[-1]) == [
        "who:self",
        "who:own_child",
        "who:someone_else",
        "who:professional",
    ]


async def test_full_conversation_renders_escaped_cards(bot) -> None:
    app, request, factory = bot
    await send(app, factory, "/start de")
    await press(app, factory, "who:self")
    await press(app, factory, "place:Dortmund|Nordstadt")
    await press(app, factory, "topic:exploitation")
    assert request.sent("answerCallbackQuery")
    last = request.sent()[-1]
    assert "<b>" in last["text"] and "Mitternachtsmission" in last["text"]
    assert "0231 144491" in last["text"]
    assert "nav:exit" in keyboard(last)


async def test_html_in_user_text_is_never_rendered(bot) -> None:
    app, request, factory = bot
    await send(app, factory, "/start nordstadt")
    await send(app, factory, "<b>bold</b><script>x</script> ich werde geschlagen")
    for text in texts(request):
        assert "<script>" not in text and "<b>bold</b>" not in text


async def test_exit_deletes_both_sides_and_forgets(bot) -> None:
    app, request, factory = bot
    await send(app, factory, "/start de")
    await send(app, factory, "mein freund will dass ich mit anderen männern schlafe")
    sent_ids = {10_000 + i for i in range(len(request.sent()))}
    await send(app, factory, "/exit")
    deleted = {p["message_id"] for p in request.sent("deleteMessage")}
    assert sent_ids <= deleted  # every bot message
    assert {1, 2, 3} <= deleted  # every user message, the /exit command too
    helper = app.bot_data["helpfinder"]
    # forgotten, not merely reset: no session (not even an empty one) is kept under its key
    assert helper.store.key(USER_ID) not in helper.store.hashed_keys()
    assert "männern" not in request.sent()[-1]["text"]


async def test_stickers_photos_edits_get_kind_answers(bot) -> None:
    app, request, factory = bot
    await send(app, factory, "/start en")
    for extra in (
        {
            "sticker": {
                "file_id": "s",
                "file_unique_id": "s",
                "width": 1,
                "height": 1,
                "is_animated": False,
                "is_video": False,
                "type": "regular",
            }
        },
        {"photo": [{"file_id": "p", "file_unique_id": "p", "width": 1, "height": 1}]},
        {"location": {"latitude": 51.5, "longitude": 7.4}},
    ):
        before = len(request.sent())
        await send(app, factory, None, extra=extra)
        assert len(request.sent()) > before
        assert "text" in request.sent()[before]["text"].lower()
    before = len(request.sent())
    await send(app, factory, "my dad hits me", edited=True)
    assert len(request.sent()) > before


async def test_command_menus_per_language(bot) -> None:
    app, request, _ = bot
    await set_commands(app)  # post_init, as run_polling and run_webhook call it
    langs = {p.get("language_code") for p in request.sent("setMyCommands")}
    assert {"de", "ro", "en", None} <= langs
    ro = next(p for p in request.sent("setMyCommands") if p.get("language_code") == "ro")
    names = [c.command if hasattr(c, "command") else c["command"] for c in ro["commands"]]
    assert names == ["start", "help", "language", "restart", "privacy", "exit"]


async def test_flooding_chat_is_limited_others_are_not(bot) -> None:
    app, request, factory = bot
    for _ in range(30):
        await send(app, factory, "hallo", user=1)
    flood_answers = [p for p in request.sent() if p["chat_id"] == 1]
    assert len(flood_answers) < 30
    await send(app, factory, "/start de", user=2)
    assert any(p["chat_id"] == 2 for p in request.sent())


async def test_errors_answer_with_apology_and_log_type_only(bot, caplog, monkeypatch) -> None:
    app, request, factory = bot
    helper = app.bot_data["helpfinder"]

    def broken(*args, **kwargs):
        raise RuntimeError(SECRET_WORD)

    monkeypatch.setattr(helper.conversation, "handle", broken)
    with caplog.at_level(logging.DEBUG):
        await send(
            app, factory, f"hello {SECRET_WORD}", first_name=SECRET_NAME, username=SECRET_USER
        )
    assert request.sent()[-1]["text"] == gettext("de", m.ERROR)
    assert "RuntimeError" in caplog.text
    for secret in (SECRET_WORD, SECRET_NAME, SECRET_USER, str(USER_ID)):
        assert secret not in caplog.text


async def test_nothing_identifying_is_logged(bot, caplog) -> None:
    app, _, factory = bot
    with caplog.at_level(logging.DEBUG):
        await send(app, factory, "/start", first_name=SECRET_NAME, username=SECRET_USER)
        await send(
            app,
            factory,
            f"{SECRET_WORD} mein vater schlägt mich in hörde",
            first_name=SECRET_NAME,
            username=SECRET_USER,
        )
    assert "event=Text" in caplog.text
    for secret in (SECRET_WORD, SECRET_NAME, SECRET_USER, str(USER_ID), "Hörde", "hörde"):
        assert secret not in caplog.text
    helper = app.bot_data["helpfinder"]
    assert all(str(USER_ID) not in key for key in helper.store.hashed_keys())


def test_split_text_respects_telegram_limit() -> None:
    from bot.telegram import split_text

    text = "\n\n".join(["a" * 1500] * 5)
    parts = split_text(text)
    assert all(len(p) <= 4096 for p in parts) and "".join(parts).count("a") == 7500
    assert split_text("short") == ["short"]
    assert all(len(p) <= 4096 for p in split_text("x" * 10_000))


async def test_free_text_is_embedded_off_the_event_loop_and_buttons_never(bot, finder) -> None:
    import threading

    app, request, factory = bot
    threads: list[str] = []
    embed = finder.embed

    def recording(text: str):
        threads.append(threading.current_thread().name)
        return embed(text)

    finder.embed = recording
    try:
        await send(app, factory, "/start de")
        await press(app, factory, "who:self")
        await send(app, factory, "44145")  # a place answer: nothing to embed
        assert threads == []
        await send(app, factory, "er kommt nachts in mein zimmer und ich hab angst")
    finally:
        finder.embed = embed
    assert threads and all(name.startswith("encoder") for name in threads), threads
    assert len(texts(request)) >= 4


class TooOld(RecordingRequest):
    """The Bot API refuses a late answerCallbackQuery, as Telegram does after ~15 s."""

    async def do_request(self, url, method, request_data=None, *args, **kwargs):
        if url.endswith("/answerCallbackQuery"):
            self.calls.append(("answerCallbackQuery", {}))
            description = "Bad Request: query is too old and response timeout expired"
            return 400, json.dumps(
                {"ok": False, "error_code": 400, "description": description}
            ).encode()
        return await super().do_request(url, method, request_data, *args, **kwargs)


class Gated(RecordingRequest):
    """Holds every call to one method until `gate` is set: a reply still being sent."""

    def __init__(self, method: str) -> None:
        super().__init__()
        self.method, self.gate, self.waiting = method, asyncio.Event(), asyncio.Event()

    async def do_request(self, url, method, request_data=None, *args, **kwargs):
        if url.endswith("/" + self.method):
            self.waiting.set()
            await self.gate.wait()
        return await super().do_request(url, method, request_data, *args, **kwargs)


async def application(finder, request, **settings):
    app = build_application(
        Settings(token="123:TEST", **settings), finder, request=request, rate_limit=False
    )
    await app.initialize()
    return app


async def test_a_press_counts_when_answer_callback_query_fails(finder) -> None:
    request, factory = TooOld(), UpdateFactory()
    app = await application(finder, request)
    await send(app, factory, "/start de")
    await press(app, factory, "who:self")
    await app.shutdown()
    assert request.sent("answerCallbackQuery")
    assert gettext("de", m.ERROR) not in texts(request)
    assert gettext("de", m.ASK_PLACE) in texts(request)[-1]


async def test_a_lone_slash_command_gets_help_not_an_error(bot) -> None:
    app, request, factory = bot
    await send(app, factory, "/")
    assert texts(request) and gettext("de", m.ERROR) not in texts(request)


async def test_exit_after_30_minutes_idle_deletes_the_old_messages(bot) -> None:
    app, request, factory = bot
    await send(app, factory, "/start de")
    await send(app, factory, "mein vater schlägt mich")
    sent_ids = {10_000 + i for i in range(len(request.sent()))}
    app.bot_data["helpfinder"].store._sessions.clear()  # what 30 minutes idle do
    await send(app, factory, "/exit")
    deleted = {p["message_id"] for p in request.sent("deleteMessage")}
    print(f"\n/exit after 30 min idle: {len(deleted)} of {len(sent_ids) + 3} deleted")
    assert sent_ids | {1, 2, 3} <= deleted


async def test_exit_after_a_restart_deletes_the_old_messages(finder, tmp_path) -> None:
    persist = {"persistence": str(tmp_path / "s.sqlite"), "session_secret": b"k" * 32}
    request, factory = RecordingRequest(), UpdateFactory()
    first = await application(finder, request, **persist)
    await send(first, factory, "/start de")
    await send(first, factory, "mein vater schlägt mich")
    await first.shutdown()
    sent_ids = {10_000 + i for i in range(len(request.sent()))}
    second = await application(finder, RecordingRequest(), **persist)
    await send(second, factory, "/exit")
    deleted = {p["message_id"] for p in second.bot.request.sent("deleteMessage")}
    await second.shutdown()
    assert sent_ids | {1, 2, 3} <= deleted


async def test_exit_while_a_reply_is_on_its_way_leaves_nothing_after_deleted(finder) -> None:
    request, factory = Gated("answerCallbackQuery"), UpdateFactory()
    app = await application(finder, request)
    await send(app, factory, "/start de")
    pressing = asyncio.create_task(press(app, factory, "who:self"))
    await request.waiting.wait()  # the press is being acknowledged
    exiting = asyncio.create_task(send(app, factory, "/exit"))
    await asyncio.sleep(0)
    request.gate.set()
    await asyncio.gather(pressing, exiting)
    await app.shutdown()
    sent = request.sent()
    assert sent[-1]["text"] == gettext("de", m.EXITED)  # nothing arrives after "Deleted"
    deleted = {p["message_id"] for p in request.sent("deleteMessage")}
    assert {10_000 + i for i in range(len(sent) - 1)} <= deleted


async def test_one_chats_updates_are_handled_in_order(finder) -> None:
    request, factory = Gated("answerCallbackQuery"), UpdateFactory()
    app = await application(finder, request)
    await send(app, factory, "/start de")
    pressing = asyncio.create_task(press(app, factory, "who:self"))
    await request.waiting.wait()
    typing = asyncio.create_task(send(app, factory, "44145"))  # written after the press
    other = asyncio.create_task(send(app, factory, "/start en", user=55))
    await other  # another chat is not held up by this one
    request.gate.set()
    await asyncio.gather(pressing, typing)
    await app.shutdown()
    mine = [p["text"] for p in request.sent() if p["chat_id"] == USER_ID]
    assert gettext("de", m.ASK_PLACE) in mine[1]  # the press first: who, then where
    assert gettext("de", m.ASK_TOPIC) in mine[-1]


async def test_a_stored_state_that_no_longer_fits_gets_a_kind_fresh_start(finder, tmp_path) -> None:
    path = tmp_path / "s.sqlite"
    request, factory = RecordingRequest(), UpdateFactory()
    app = await application(finder, request, persistence=str(path), session_secret=b"k" * 32)
    key = app.bot_data["helpfinder"].store.key(USER_ID)
    with sqlite3.connect(path) as db:
        db.execute(
            "insert into sessions (key, state, seen) values (?, ?, ?)",
            (key, '{"who": "self", "mood": "renamed field"}', time.time()),
        )
    await send(app, factory, "hallo")
    await app.shutdown()
    assert texts(request), "the chat was silenced"
    assert gettext("de", m.ERROR) not in texts(request)
    assert gettext("de", m.RESUMED_AFRESH) in texts(request)[0]
