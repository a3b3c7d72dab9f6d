"""The kiosk's own words (buttons, prompts), in every language: defaults here, overrides in deck.yaml."""

from __future__ import annotations

from enum import Enum

from kiosk.core.model import LocalizedText


class UiText(str, Enum):
    """Every piece of text the kiosk itself shows or speaks (accessible names)."""

    HOME = "home"
    NEXT = "next"
    PREVIOUS = "previous"
    LANGUAGE = "language"
    TOUCH_TO_BEGIN = "touch_to_begin"
    STILL_THERE = "still_there"
    STILL_THERE_HINT = "still_there_hint"
    TOPICS = "topics"
    SLIDE = "slide"


# Defaults for the languages the bundled content uses. A deck in another language adds its words
# under `interface:` in deck.yaml; anything missing falls back to the deck's default language.
DEFAULTS: dict[UiText, dict[str, str]] = {
    UiText.HOME: {"km": "ទំព័រដើម", "en": "Home", "review": "km"},
    UiText.NEXT: {"km": "បន្ទាប់", "en": "Next", "review": "km"},
    UiText.PREVIOUS: {"km": "មុន", "en": "Previous", "review": "km"},
    UiText.LANGUAGE: {"km": "ភាសា", "en": "Language", "review": "km"},
    UiText.TOUCH_TO_BEGIN: {"km": "ប៉ះដើម្បីចាប់ផ្ដើម", "en": "Touch to begin", "review": "km"},
    UiText.STILL_THERE: {"km": "នៅទីនេះទេ?", "en": "Still there?", "review": "km"},
    UiText.STILL_THERE_HINT: {"km": "ប៉ះអេក្រង់ដើម្បីបន្តអាន", "en": "Touch the screen to keep reading",
                              "review": "km"},
    UiText.TOPICS: {"km": "ប្រធានបទ", "en": "Topics", "review": "km"},
    UiText.SLIDE: {"km": "ផ្ទាំង", "en": "Slide", "review": "km"},
}


def ui_text(key: UiText, language: str, default_language: str,
            overrides: dict[str, LocalizedText] | None = None) -> str:
    """The kiosk's word for ``key`` in ``language``, falling back to the default language, then English."""
    if overrides and key.value in overrides:
        text = overrides[key.value]
        if text.has(language):
            return text.get(language, default_language)
    table = DEFAULTS[key]
    for code in (language, default_language, "en"):
        if table.get(code):
            return table[code]
    return key.value
