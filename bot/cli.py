"""The `helpfinder` command: ask, chat, bot, kb, bench."""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections.abc import Iterator, Sequence
from importlib.metadata import entry_points
from typing import BinaryIO

from bot.clock import moment
from knowledge.schema import KnowledgeError
from knowledge.vocabulary import LANGUAGES

MAX_LINE_BYTES = 1 << 20
"""A batch line longer than this is cut (the matcher only reads the start anyway)."""


def _lines(stream: BinaryIO) -> Iterator[str]:
    """Yield one message per line of a byte stream, decoding anything as UTF-8 with replacement."""
    for raw in stream:
        yield raw[:MAX_LINE_BYTES].rstrip(b"\r\n").decode("utf-8", "replace")


def _safe(text: str) -> str:
    """Replace undecodable command-line bytes (surrogate escapes) with U+FFFD."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def cmd_ask(args: argparse.Namespace) -> int:
    from bot.answer import answer
    from bot.kbcache import load_finder

    finder = load_finder()
    now = moment(args.now)
    out = sys.stdout
    messages = _lines(sys.stdin.buffer) if args.text == "-" else iter([_safe(args.text)])
    for message in messages:
        result = answer(finder, message, now, args.lang)
        if args.json:
            out.write(json.dumps(result, ensure_ascii=False) + "\n")
        else:
            out.write(_human(result) + "\n")
        out.flush()
    return 0


def _human(result: dict[str, object]) -> str:
    lines = [
        f"language={result['language']} crisis={result['crisis']} who={result['who']} "
        f"place={result['place']} topics={result['topics']}"
    ]
    suggestions = result["suggestions"]
    assert isinstance(suggestions, list)
    for s in suggestions:
        contact = s["phone"] or s["chat_url"] or s["url"] or s["email"]
        lines.append(f"- {s['name']}: {contact} ({s['why']})")
    return "\n".join(lines)


def cmd_chat(args: argparse.Namespace) -> int:
    from bot.terminal import run

    stdin = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace")
    stdout = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", errors="replace")
    try:
        now = moment(args.now) if args.now else None
        return run(stdin, stdout, args.lang, now, interactive=sys.stdin.isatty())
    finally:
        stdout.flush()


def cmd_bot(args: argparse.Namespace) -> int:
    from bot.runner import main as bot_main

    return bot_main(args)


def cmd_kb(args: argparse.Namespace) -> int:
    if args.action in ("export", "import"):
        return _kb_hsds(args)
    if args.action == "site":
        return _kb_site(args)
    from knowledge import kbtools

    return kbtools.run(args.action, args)


def _kb_hsds(args: argparse.Namespace) -> int:
    """Run `kb export --hsds DIR` or `kb import --hsds DIR --out DIR`."""
    from knowledge import hsds_cli

    if not args.hsds:
        print(f"helpfinder: kb {args.action} needs --hsds DIR", file=sys.stderr)
        return 2
    return hsds_cli.export(args) if args.action == "export" else hsds_cli.import_(args)


def _kb_site(args: argparse.Namespace) -> int:
    """Run `kb site OUT/`: the directory for partner organisations as static HTML."""
    from datetime import date
    from pathlib import Path

    from kbsite.build import build
    from knowledge import loader

    if len(args.text) != 1:
        print("helpfinder: kb site needs one output folder, e.g. kb site site/", file=sys.stderr)
        return 2
    root = Path(args.source) if args.source else loader.DATA_DIR
    services = loader.load_sources(root).services
    today = date.fromisoformat(args.today) if args.today else date.today()
    count = build(services, Path(args.text[0]), today)
    print(f"wrote {args.text[0]}: {count} pages (de, ro, en) for {len(services)} services")
    return 0


PLUGINS = "helpfinder.commands"
"""Entry-point group of extra subcommands (pyproject.toml): `bench` from benchmarks/.

Each entry point names a module with HELP, add_arguments(parser) and main(args) -> int;
the bot itself never imports them, and an install without them simply lacks the command.
"""


def _plugins(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the subcommands other packages register under PLUGINS."""
    for entry in sorted(entry_points(group=PLUGINS), key=lambda e: e.name):
        try:
            module = entry.load()
        except ImportError:
            continue
        command = sub.add_parser(entry.name, help=module.HELP)
        module.add_arguments(command)
        command.set_defaults(func=module.main)


def parser() -> argparse.ArgumentParser:
    """Build the argument parser with every subcommand."""
    p = argparse.ArgumentParser(prog="helpfinder", description="Anonymous help-finder (de/ro/en).")
    sub = p.add_subparsers(dest="command", required=True)
    ask = sub.add_parser("ask", help="understand one message and print suggestions")
    ask.add_argument("text", help='the message, or "-" to read one message per line from stdin')
    ask.add_argument("--lang", choices=LANGUAGES)
    ask.add_argument("--json", action="store_true", help="print one JSON object per message")
    ask.add_argument("--now", help="ISO time to rank opening hours against (default: now)")
    ask.set_defaults(func=cmd_ask)
    chat = sub.add_parser("chat", help="talk to the dialogue in the terminal (no network)")
    chat.add_argument("--lang", choices=LANGUAGES)
    chat.add_argument("--now", help="ISO time (for tests)")
    chat.set_defaults(func=cmd_chat)
    bot = sub.add_parser("bot", help="run the Telegram bot (TELEGRAM_BOT_TOKEN)")
    bot.add_argument("--webhook", action="store_true", help="webhook mode (HELPFINDER_WEBHOOK_URL)")
    bot.set_defaults(func=cmd_bot)
    kb = sub.add_parser("kb", help="build, check or summarise the knowledge base")
    kb.add_argument(
        "action",
        choices=("build", "check", "stats", "explain", "review", "export", "import", "site"),
    )
    kb.add_argument(
        "text", nargs="*", help="explain: the message to explain; site: the output folder"
    )
    kb.add_argument(
        "--source", help="folder with services/, lexicon/, places.yaml (default: bundled)"
    )
    kb.add_argument("--db", help="database file to write (default: the cache)")
    kb.add_argument("--today", help="ISO date for stats, review and site (default: today)")
    kb.add_argument("--hsds", metavar="DIR", help="export/import: the HSDS 3.0 package folder")
    kb.add_argument(
        "--out",
        metavar="PATH",
        help="import: folder to write services/*.yaml into; review: the CSV worksheet to write",
    )
    kb.add_argument(
        "--apply", metavar="CSV", help="review: write a filled-in worksheet back into the YAML"
    )
    kb.set_defaults(func=cmd_kb)
    _plugins(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; domain errors become one clear line and an exit code."""
    args = parser().parse_args(argv)
    try:
        return int(args.func(args))
    except KnowledgeError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(
            f"helpfinder: the knowledge base has {len(error.problems)} problem(s)", file=sys.stderr
        )
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
