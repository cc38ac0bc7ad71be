"""The directory site in real headless Chromium (Debian's package): screenshots at phone and
desktop width, axe-core with zero violations, keyboard, 360 px, search with and without JS.

Needs /usr/bin/chromium and tests/site/node_modules (`make site-setup`, part of `make test`).
Without them the tests skip locally and fail in CI (CI=true)."""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from kbsite.build import build
from knowledge import loader

HERE = Path(__file__).resolve().parent / "site"
CHROMIUM = os.environ.get("HELPFINDER_CHROMIUM", "/usr/bin/chromium")
NODE = shutil.which("node")
MISSING = [
    what
    for what, ok in (
        (CHROMIUM, Path(CHROMIUM).exists()),
        ("node", NODE is not None),
        ("tests/site/node_modules", (HERE / "node_modules" / "playwright-core").exists()),
    )
    if not ok
]
if MISSING:
    if os.environ.get("CI"):
        raise RuntimeError(f"site browser tests need {', '.join(MISSING)}: run `make site-setup`")
    pytest.skip(f"missing {', '.join(MISSING)}: run `make site-setup`", allow_module_level=True)

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
"""axe-core's WCAG 2.0/2.1/2.2 A and AA rules and its best practices: zero violations of any
impact (minor, moderate, serious, critical)."""
SERVICE = "kinderschutz-zentrum-dortmund"
PAGES = [
    {"name": "list", "path": "index.html", "screenshot": True},
    {"name": "service", "path": f"services/{SERVICE}.html", "screenshot": True},
    {"name": "review", "path": "review.html", "screenshot": True},
    {"name": "filter", "path": "place/dortmund-nordstadt.html"},
    {"name": "list-ro", "path": "ro/index.html"},
    {"name": "service-en", "path": f"en/services/{SERVICE}.html"},
    {"name": "review-ro", "path": "ro/review.html"},
]
VIEWPORTS = [
    {"name": "phone", "width": 390, "height": 844, "axe": True, "screenshot": True},
    {"name": "desktop", "width": 1280, "height": 900, "axe": True, "screenshot": True},
    {"name": "narrow", "width": 360, "height": 740, "axe": False, "screenshot": False},
]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The site built from the bundled knowledge base, served on a free loopback port."""
    out = tmp_path_factory.mktemp("site")
    build(loader.load_sources().services, out, date(2026, 12, 5))
    handler = functools.partial(_Quiet, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", out
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def report(served: tuple[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """One Chromium run over every page type and viewport (node tests/site/check.mjs)."""
    url, _ = served
    shots = Path(os.environ.get("HELPFINDER_SCREENSHOTS") or tmp_path_factory.mktemp("shots"))
    shots.mkdir(parents=True, exist_ok=True)
    config = {
        "chromium": CHROMIUM,
        "base": url,
        "out": str(shots),
        "pages": PAGES,
        "viewports": VIEWPORTS,
        "axe_tags": AXE_TAGS,
        "list": "index.html",
        "search": {
            "words": "nordstadt",
            "topic": "migration",
            "language": "ro",
            "filter_link": "topic/migration.html",
        },
    }
    path = shots / "config.json"
    path.write_text(json.dumps(config), encoding="utf-8")
    assert NODE
    done = subprocess.run(
        [NODE, str(HERE / "check.mjs"), str(path)],
        capture_output=True,
        text=True,
        timeout=180,
        cwd=HERE,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def test_every_page_type_has_no_axe_violations(report: dict[str, Any]) -> None:
    checked = {k: v["violations"] for k, v in report["pages"].items() if "violations" in v}
    assert len(checked) == len(PAGES) * 2  # every page at phone and desktop width
    found = {k: v for k, v in checked.items() if v}
    assert not found, json.dumps(found, indent=1)


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
@pytest.mark.parametrize("page", ["list", "service", "review"])
def test_screenshots_are_real_pictures_of_the_page(
    report: dict[str, Any], page: str, viewport: str
) -> None:
    shot = next(s for s in report["screenshots"] if s["page"] == page and s["viewport"] == viewport)
    path = Path(shot["file"])
    assert path.stat().st_size > 8_000, "a near-empty PNG"
    with Image.open(path) as image:
        assert image.format == "PNG"
        assert image.size == (shot["width"], shot["height"])
        pixels = image.convert("RGB")
        colours = pixels.getcolors(maxcolors=1 << 20) or []
        background = max(colours)[1] if colours else None
        inked = sum(n for n, colour in colours if colour != background)
    assert len(colours) > 50, "too few colours for text on a page"
    share = inked / (shot["width"] * shot["height"])
    assert 0.03 < share < 0.9, f"{share:.1%} of the pixels differ from the background"


@pytest.mark.parametrize("page", [p["name"] for p in PAGES])
def test_no_page_scrolls_sideways_at_360_px(report: dict[str, Any], page: str) -> None:
    entry = report["pages"][f"{page}@narrow"]
    assert entry["width"] == 360
    assert entry["scrollWidth"] <= 360


def test_pages_carry_their_language_and_its_alternates(report: dict[str, Any]) -> None:
    langs = {k.split("@")[0]: v["lang"] for k, v in report["pages"].items()}
    assert langs["list"] == "de" and langs["list-ro"] == "ro" and langs["service-en"] == "en"
    for entry in report["pages"].values():
        assert sorted(entry["hreflang"]) == ["de", "en", "ro", "x-default"]


def test_the_first_tab_reaches_a_visible_skip_link_with_a_focus_outline(
    report: dict[str, Any],
) -> None:
    skip = report["keyboard"]["skip"]
    assert skip["className"] == "skip" and skip["href"] == "#main"
    assert skip["visible"]
    assert skip["outlineStyle"] != "none" and skip["outlineWidth"] >= 2
    assert report["keyboard"]["after"] == {"hash": "#main", "focused": "main"}


def test_the_search_filters_the_list_in_place(report: dict[str, Any]) -> None:
    search = report["search"]
    assert search["formShown"] and search["total"] == len(loader.load_sources().services)
    assert 0 < search["byWords"] < search["total"]
    assert search["countText"].startswith(f"{search['byWords']} von {search['total']}")
    assert 0 < search["byTopicAndLanguage"] <= search["byTopic"] < search["total"]
    assert search["none"] == 0 and search["emptyShown"]


def test_without_javascript_the_full_list_and_the_filter_pages_work(
    report: dict[str, Any],
) -> None:
    nojs = report["nojs"]
    assert not nojs["formShown"]
    assert nojs["items"] == len(loader.load_sources().services)
    assert "topic/migration.html" in nojs["filterLinks"]
    assert nojs["filteredUrl"].endswith("/topic/migration.html")
    assert 0 < nojs["filtered"] < nojs["items"]
