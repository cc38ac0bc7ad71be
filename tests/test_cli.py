"""The command line as the contract fixes it, and the meta-checks on README, CI and commands."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot.answer import CONTRACT_FIELDS
from bot.cli import main, parser

ROOT = Path(__file__).resolve().parent.parent


def helpfinder(
    *args: str, stdin: bytes = b"", env: dict | None = None
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        input=stdin,
        capture_output=True,
        cwd=ROOT,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def test_ask_json_contract() -> None:
    out = helpfinder("ask", "mein freund zwingt mich auf den strich, wohne in 44145", "--json")
    assert out.returncode == 0
    data = json.loads(out.stdout)
    assert data["language"] == "de" and data["crisis"] is False
    assert data["place"] == {"city": "Dortmund", "district": "Nordstadt"}
    assert data["topics"][0] == "exploitation"
    first = data["suggestions"][0]
    assert first["id"] == "dortmunder-mitternachtsmission" and first["why"]
    for key in CONTRACT_FIELDS:
        assert key in first


def test_ask_crisis_puts_the_lines_for_its_kind_first() -> None:
    data = json.loads(helpfinder("ask", "vreau sa mor", "--json").stdout)
    assert data["crisis"] is True and data["language"] == "ro"
    assert data["crisis_kind"] == "suicidal" and data["safety_check"] is False
    ids = [s["id"] for s in data["suggestions"][:2]]
    assert ids == ["notruf-112", "telefonseelsorge"]
    data = json.loads(helpfinder("ask", "er schlägt mich gerade, hilfe", "--json").stdout)
    assert data["crisis_kind"] == "danger_now"
    assert [s["phone"] for s in data["suggestions"][:2]] == ["110", "112"]


def test_ask_lang_option_sets_the_answer_language() -> None:
    data = json.loads(helpfinder("ask", "loverboy nordstadt", "--lang", "en", "--json").stdout)
    assert data["language"] == "en" and "helps with" in data["suggestions"][0]["why"]


def test_batch_form_one_object_per_line_in_order() -> None:
    stdin = "hilfe\n\nma bate tata in nordstadt\n\xff\xfe binary\n".encode(
        "utf-8", "surrogateescape"
    )
    stdin += b"\xff\xfe\x00\x01 raw bytes\n" + ("x" * 200_000).encode() + b"\n"
    out = helpfinder("ask", "-", "--json", stdin=stdin)
    assert out.returncode == 0
    lines = [json.loads(line) for line in out.stdout.decode().splitlines()]
    assert len(lines) == 6
    assert lines[2]["place"] == {"city": "Dortmund", "district": "Nordstadt"}
    assert lines[1]["topics"] == [] and lines[1]["suggestions"]  # empty line: general lines


@pytest.mark.parametrize(
    "text", ["", "🙂🙂🙂", "\x01\x02\x03", "a" * 100_000, "<script>x</script>"]
)
def test_any_text_exit_zero(text: str) -> None:
    out = helpfinder("ask", text, "--json")
    assert out.returncode == 0 and json.loads(out.stdout)["language"] in ("de", "ro", "en")


def test_usage_errors_exit_two() -> None:
    assert helpfinder("ask").returncode == 2
    assert helpfinder("ask", "x", "--lang", "fr").returncode == 2
    assert helpfinder("frobnicate").returncode == 2


def test_bot_without_token_exits_two_and_says_what_to_do() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM")}
    out = subprocess.run(
        [sys.executable, "-m", "bot.cli", "bot"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )
    assert out.returncode == 2
    assert "TELEGRAM_BOT_TOKEN" in out.stderr and "BotFather" in out.stderr
    assert "helpfinder chat" in out.stderr


def test_chat_with_piped_input_ends_at_end_of_input() -> None:
    out = helpfinder("chat", "--lang", "ro", stdin=b"buna\n1\n44145\n")
    assert out.returncode == 0
    text = out.stdout.decode()
    assert "Cine are nevoie de ajutor?" in text and "Dortmund-Nordstadt" in text
    assert "Ctrl-D" not in text and "\n> " not in text  # piped: no prompt, no hint


def test_chat_at_a_terminal_prompts_and_says_how_to_quit(finder) -> None:
    import io

    from bot.conversation import Conversation
    from bot.terminal import PROMPT, run
    from tests.conftest import WEDNESDAY_3PM

    out = io.StringIO()
    run(["1\n"], out, "ro", WEDNESDAY_3PM, Conversation(finder), interactive=True)
    text = out.getvalue()
    assert "Ctrl-D încheie conversația" in text  # in the session's language
    assert text.count(PROMPT) == 2 and text.endswith(PROMPT + "\n")  # before each line, and EOF
    quiet = io.StringIO()
    run(["1\n"], quiet, "ro", WEDNESDAY_3PM, Conversation(finder))
    assert PROMPT not in quiet.getvalue() and "Ctrl-D" not in quiet.getvalue()


def test_every_command_has_help() -> None:
    sub = next(a for a in parser()._actions if a.dest == "command")
    for name in sub.choices:
        with pytest.raises(SystemExit) as done:
            main([name, "--help"])
        assert done.value.code == 0


def test_readme_commands_are_what_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    assert re.search(r"^make chat\b", readme, re.M) and re.search(r"^make test\b", readme, re.M)
    assert re.search(r"^make test$", ci, re.M)
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^chat: setup\n\t\$\(BIN\)/helpfinder chat$", makefile, re.M)
    assert re.search(r"^test: .*\n(\t.*\n)*\t\$\(BIN\)/pytest", makefile, re.M)


def test_readme_diagram_is_generated_from_the_transition_table() -> None:
    from flows.table import mermaid

    assert f"```mermaid\n{mermaid()}\n```" in (ROOT / "README.md").read_text()


def test_each_question_is_asked_when_its_slot_is_the_first_empty_one(finder) -> None:
    """Walking the buttons, step() asks who, then where, then what, each with the buttons of
    that question, through rows whose targets say so (ASK: the first empty slot)."""
    from flows.dialogue import question, step
    from flows.events import Choose, Start
    from flows.state import SLOTS, Pending, State
    from flows.table import ASK, row_for
    from tests.conftest import WEDNESDAY_3PM

    event: Start | Choose = Start("de")
    state, answers = State(), ("who:self", "place:none", "topic:violence")
    for slot, answer in zip(SLOTS, answers, strict=True):
        assert ASK in row_for(state.pending, event)[0].targets
        state, out = step(state, event, finder, WEDNESDAY_3PM)
        assert state.pending == slot
        asked = question(state, slot, finder)
        assert out[-1].msg == asked.msg and out[-1].options == asked.options
        assert answer in [o.id for o in out[-1].options]
        event = Choose(answer)
    state, out = step(state, event, finder, WEDNESDAY_3PM)
    assert state.pending == Pending.RESULTS and out[-1].cards


def test_webhook_mode_needs_its_url() -> None:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM", "HELPFINDER"))},
        "TELEGRAM_BOT_TOKEN": "1:TEST",
    }
    out = subprocess.run(
        [sys.executable, "-m", "bot.cli", "bot", "--webhook"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )
    assert out.returncode == 2 and "HELPFINDER_WEBHOOK_URL" in out.stderr


def test_persistence_without_secret_fails_fast() -> None:
    from bot.settings import Settings, SettingsError

    with pytest.raises(SettingsError, match="HELPFINDER_SESSION_SECRET"):
        Settings.from_env({"TELEGRAM_BOT_TOKEN": "1:T", "HELPFINDER_PERSISTENCE": "/tmp/x.sqlite"})
