"""Rendering: one escaping rule, one way to name a language."""

from bot.render import Renderer
from knowledge.model import Reason


def test_template_and_params_are_both_escaped_in_html() -> None:
    html = Renderer("en", "html")
    assert html.t("a < b & {x}", {"x": "<i>&"}) == "a &lt; b &amp; &lt;i&gt;&amp;"
    assert html.t("a < b") == "a &lt; b"
    assert Renderer("en", "plain").t("a < b {x}", {"x": "<i>"}) == "a < b <i>"


def test_languages_are_named_the_same_on_cards_and_in_why() -> None:
    de = Renderer("de")
    assert de.language("ro") == "Rumänisch" and de.language("rom") == "Romani"
    assert de.why((Reason("language", "ro"),)) == "spricht Rumänisch"
    assert Renderer("ro").language("de") == "germană"
