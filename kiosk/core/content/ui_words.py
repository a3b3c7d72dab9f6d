"""The kiosk's own words (buttons, prompts), in every language: defaults here, overrides in deck.yaml."""

from __future__ import annotations

from enum import StrEnum

from kiosk.core.content.model import LocalizedText


class UiText(StrEnum):
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

    # The staff menu, PIN pad and diagnostics page (kiosk/views/staff.py).
    STAFF_MENU = "staff_menu"
    ENTER_PIN = "enter_pin"
    PIN_WRONG = "pin_wrong"
    PIN_LOCKED = "pin_locked"
    PIN_DEFAULT_IN_USE = "pin_default_in_use"
    OK = "ok"
    CANCEL = "cancel"
    DELETE = "delete"
    EXIT_KIOSK = "exit_kiosk"
    PRESENTER_MODE = "presenter_mode"
    KIOSK_MODE = "kiosk_mode"
    RELOAD_CONTENT = "reload_content"
    DEFAULT_LANGUAGE = "default_language"
    DIAGNOSTICS = "diagnostics"
    BACK = "back"
    CLOSE = "close"
    CONTENT_PROBLEMS = "content_problems"
    CONTENT_OK = "content_ok"
    VERSION = "version"
    CONTENT_FOLDER = "content_folder"
    CONTENT_CHECK = "content_check"
    AWAITING_REVIEW = "awaiting_review"
    KHMER_FONT = "khmer_font"
    SCREEN = "screen"
    DATA_FOLDER = "data_folder"
    LOG_FOLDER = "log_folder"
    LAST_LOG_LINES = "last_log_lines"
    RESTART_TIMER = "restart_timer"

    # The feedback slide (kiosk/views/slides/feedback.py).
    FEEDBACK_CONSENT = "feedback_consent"
    FEEDBACK_THANKS = "feedback_thanks"

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
    UiText.STAFF_MENU: {"km": "ម៉ឺនុយបុគ្គលិក", "en": "Staff menu", "review": "km"},
    UiText.ENTER_PIN: {
        "km": "បញ្ចូលលេខកូដសម្ងាត់របស់បុគ្គលិក",
        "en": "Enter the staff PIN",
        "review": "km",
    },
    UiText.PIN_WRONG: {
        "km": "លេខកូដខុស។ នៅសល់ {count} ដង",
        "en": "Wrong PIN. {count} tries left",
        "review": "km",
    },
    UiText.PIN_LOCKED: {
        "km": "ជាប់សោ។ សូមព្យាយាមម្ដងទៀតក្នុង {seconds} វិនាទី",
        "en": "Locked. Try again in {seconds} s",
        "review": "km",
    },
    UiText.PIN_DEFAULT_IN_USE: {
        "km": "មិនទាន់កំណត់លេខកូដសម្ងាត់៖ សូមដំណើរការ kiosk set-pin",
        "en": "No PIN set: the default PIN is in use. Run kiosk set-pin",
        "review": "km",
    },
    UiText.OK: {"km": "យល់ព្រម", "en": "OK", "review": "km"},
    UiText.CANCEL: {"km": "បោះបង់", "en": "Cancel", "review": "km"},
    UiText.DELETE: {"km": "លុប", "en": "Delete", "review": "km"},
    UiText.EXIT_KIOSK: {"km": "បិទកម្មវិធី", "en": "Exit the kiosk", "review": "km"},
    UiText.PRESENTER_MODE: {"km": "របៀបអ្នកធ្វើបទបង្ហាញ", "en": "Presenter mode", "review": "km"},
    UiText.KIOSK_MODE: {"km": "របៀបបង្ហាញដោយខ្លួនឯង", "en": "Kiosk mode", "review": "km"},
    UiText.RELOAD_CONTENT: {"km": "ផ្ទុកមាតិកាឡើងវិញ", "en": "Reload content", "review": "km"},
    UiText.DEFAULT_LANGUAGE: {"km": "ភាសាលំនាំដើម", "en": "Default language", "review": "km"},
    UiText.DIAGNOSTICS: {"km": "ព័ត៌មានបច្ចេកទេស", "en": "Diagnostics", "review": "km"},
    UiText.BACK: {"km": "ត្រឡប់ក្រោយ", "en": "Back", "review": "km"},
    UiText.CLOSE: {"km": "បិទ", "en": "Close", "review": "km"},
    UiText.CONTENT_PROBLEMS: {
        "km": "មាតិកាមានបញ្ហា៖ កំពុងបង្ហាញកំណែល្អចុងក្រោយ",
        "en": "The content has problems: the last good version is shown",
        "review": "km",
    },
    UiText.CONTENT_OK: {"km": "មាតិកាត្រឹមត្រូវ", "en": "The content is OK", "review": "km"},
    UiText.VERSION: {"km": "កំណែ", "en": "Version", "review": "km"},
    UiText.CONTENT_FOLDER: {"km": "ថតមាតិកា", "en": "Content folder", "review": "km"},
    UiText.CONTENT_CHECK: {"km": "ការពិនិត្យមាតិកា", "en": "Content check", "review": "km"},
    UiText.AWAITING_REVIEW: {
        "km": "អត្ថបទរង់ចាំការពិនិត្យ",
        "en": "Texts awaiting review",
        "review": "km",
    },
    UiText.KHMER_FONT: {"km": "ពុម្ពអក្សរខ្មែរ", "en": "Khmer font", "review": "km"},
    UiText.SCREEN: {"km": "អេក្រង់", "en": "Screen", "review": "km"},
    UiText.DATA_FOLDER: {"km": "ថតទិន្នន័យ", "en": "Data folder", "review": "km"},
    UiText.LOG_FOLDER: {"km": "ថតកំណត់ហេតុ", "en": "Log folder", "review": "km"},
    UiText.LAST_LOG_LINES: {"km": "កំណត់ហេតុចុងក្រោយ", "en": "Last log lines", "review": "km"},
    UiText.RESTART_TIMER: {"km": "កំណត់ម៉ោងឡើងវិញ", "en": "Restart timer", "review": "km"},
    # Our Khmer, awaiting review by MIRO staff (review: km), like every word above.
    UiText.FEEDBACK_CONSENT: {
        "km": "អនាមិក៖ គ្មានឈ្មោះ គ្មានរូបថត",
        "en": "Anonymous: no names, no photos",
        "review": "km",
    },
    UiText.FEEDBACK_THANKS: {"km": "សូមអរគុណ!", "en": "Thank you!", "review": "km"},
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
