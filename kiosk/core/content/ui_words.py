"""The kiosk's own words (buttons, prompts), in every language: defaults here, overrides in deck.yaml."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Protocol


class Localized(Protocol):
    """A text in several languages (the content model's ``LocalizedText``)."""

    def has(self, language: str) -> bool: ...

    def get(self, language: str, fallback: str) -> str: ...


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
    PIN_NOT_SET = "pin_not_set"
    SET_PIN = "set_pin"
    REPEAT_PIN = "repeat_pin"
    PIN_SAVED = "pin_saved"
    CHANGE_PIN = "change_pin"
    PIN_DAMAGED_HINT = "pin_damaged_hint"
    # Why a new PIN was not taken: the values of kiosk.core.storage.pin.PinProblem.
    PIN_TOO_SHORT = "pin_too_short"
    PIN_TOO_LONG = "pin_too_long"
    PIN_NOT_DIGITS = "pin_not_digits"
    PIN_MISMATCH = "pin_mismatch"
    PIN_FILE_DAMAGED = "pin_file_damaged"
    PIN_NOT_SAVED = "pin_not_saved"
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
    SAFE_MODE = "safe_mode"
    SAFE_MODE_ASKED = "safe_mode_asked"
    SAFE_MODE_CRASHES = "safe_mode_crashes"
    SAFE_MODE_HANG = "safe_mode_hang"
    SAFE_MODE_STILL_CRASHING = "safe_mode_still_crashing"
    PIN = "pin"
    DIAG_CONTENT_PROBLEMS = "diag_content_problems"
    DIAG_SHOWING_LAST_GOOD = "diag_showing_last_good"
    DIAG_CONTENT_SUMMARY = "diag_content_summary"
    DIAG_NOTHING = "diag_nothing"
    DIAG_FONT_OK = "diag_font_ok"
    DIAG_FONT_PROBLEM = "diag_font_problem"
    DIAG_SCREEN = "diag_screen"
    DIAG_NO_SCREEN = "diag_no_screen"

    # The feedback slide (kiosk/views/slides/feedback.py).
    FEEDBACK_CONSENT = "feedback_consent"
    FEEDBACK_THANKS = "feedback_thanks"

    # The visitor log's staff screens (kiosk/features/engagement/).
    VISITOR_LOG = "visitor_log"
    LOG_TODAY = "log_today"
    LOG_READING = "log_reading"
    LOG_UNREADABLE = "log_unreadable"
    LOG_FAILING = "log_failing"
    DIAG_LOG_OK = "diag_log_ok"
    DIAG_LOG_FAILING = "diag_log_failing"
    MAKE_REPORT = "make_report"
    CHOOSE_REPORT_FOLDER = "choose_report_folder"
    NO_USB_STICK = "no_usb_stick"
    LOOK_AGAIN = "look_again"
    FOLDER_READ_ONLY = "folder_read_only"
    REPORT_WRITING = "report_writing"
    REPORT_WRITTEN = "report_written"
    REPORT_FAILED = "report_failed"
    DELETE_LOG = "delete_log"
    DELETE_LOG_CONFIRM = "delete_log_confirm"
    LOG_DELETED = "log_deleted"
    QUIET_SCREEN = "quiet_screen"
    END_QUIET = "end_quiet"
    QUIET_ON = "quiet_on"
    # First-time guidance and the way back (kiosk/views/guidance.py, kiosk/views/window.py).
    TOUCH_A_TOPIC = "touch_a_topic"
    BACK_TO_START = "back_to_start"
    # The Exit confirmation in the staff menu.
    EXIT_QUESTION = "exit_question"
    KEEP_RUNNING = "keep_running"

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
    UiText.PIN_NOT_SET: {
        "km": "មិនទាន់មានលេខកូដសម្ងាត់បុគ្គលិកទេ",
        "en": "No staff PIN is set yet",
        "review": "km",
    },
    UiText.SET_PIN: {
        "km": "ជ្រើសលេខកូដសម្ងាត់បុគ្គលិក (លេខ ៦ ដល់ ១២ ខ្ទង់)",
        "en": "Choose a staff PIN (6 to 12 digits)",
        "review": "km",
    },
    UiText.REPEAT_PIN: {"km": "បញ្ចូលលេខកូដដដែលម្ដងទៀត", "en": "Enter the same PIN again", "review": "km"},
    UiText.PIN_SAVED: {"km": "លេខកូដសម្ងាត់ថ្មីត្រូវបានរក្សាទុក", "en": "The new PIN is saved", "review": "km"},
    UiText.CHANGE_PIN: {"km": "ប្ដូរលេខកូដសម្ងាត់", "en": "Change the PIN", "review": "km"},
    UiText.PIN_DAMAGED_HINT: {
        "km": "ឯកសារលេខកូដសម្ងាត់ខូច ដូច្នេះគ្មានលេខកូដណាបើកម៉ឺនុយបានទេ។ ដើម្បីជួសជុល៖ លុបឯកសារ {file}"
              " នៅលើកុំព្យូទ័រនេះ ឬដំណើរការ kiosk set-pin",
        "en": "The PIN file is damaged, so no PIN opens the menu. To recover: delete {file} on this"
              " laptop, or run kiosk set-pin",
        "review": "km",
    },
    UiText.PIN_TOO_SHORT: {"km": "លេខកូដត្រូវមានយ៉ាងហោចណាស់ ៦ ខ្ទង់", "en": "The PIN needs at least 6 digits",
                           "review": "km"},
    UiText.PIN_TOO_LONG: {"km": "លេខកូដមិនលើសពី ១២ ខ្ទង់", "en": "The PIN has at most 12 digits", "review": "km"},
    UiText.PIN_NOT_DIGITS: {"km": "លេខកូដត្រូវតែជាលេខ", "en": "The PIN is digits only", "review": "km"},
    UiText.PIN_MISMATCH: {"km": "លេខកូដទាំងពីរមិនដូចគ្នា។ សូមចាប់ផ្ដើមម្ដងទៀត",
                          "en": "The two PINs differ. Start again", "review": "km"},
    UiText.PIN_FILE_DAMAGED: {"km": "ឯកសារលេខកូដសម្ងាត់ខូច", "en": "The PIN file is damaged", "review": "km"},
    UiText.PIN_NOT_SAVED: {"km": "មិនអាចរក្សាទុកលេខកូដបានទេ", "en": "The PIN could not be saved", "review": "km"},
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
    UiText.SAFE_MODE: {"km": "របៀបសុវត្ថិភាព", "en": "Safe mode", "review": "km"},
    UiText.PIN: {"km": "លេខកូដសម្ងាត់", "en": "PIN", "review": "km"},
    UiText.SAFE_MODE_ASKED: {
        "km": "បានចាប់ផ្ដើមក្នុងរបៀបសុវត្ថិភាព (--safe-mode)។",
        "en": "Started in safe mode (--safe-mode).",
        "review": "km",
    },
    UiText.SAFE_MODE_CRASHES: {
        "km": "កម្មវិធីបានគាំងច្រើនដងជាប់ៗគ្នា៖ កំពុងបង្ហាញមាតិកាល្អចុងក្រោយ ដោយគ្មានការផ្ទុកឡើងវិញ ឬរបៀបអ្នកបង្ហាញ។ "
              "វានឹងសាកល្បងរបៀបធម្មតាម្ដងទៀតនៅពេលក្រោយ។",
        "en": "The kiosk crashed several times in a row: it shows the last good content, without live reload "
              "or presenter mode, and tries normal mode again later.",
        "review": "km",
    },
    UiText.SAFE_MODE_HANG: {
        "km": "កម្មវិធីឈប់ឆ្លើយតប ហើយត្រូវបានចាប់ផ្ដើមឡើងវិញ៖ កំពុងបង្ហាញមាតិកាល្អចុងក្រោយ។ "
              "វានឹងសាកល្បងរបៀបធម្មតាម្ដងទៀតនៅពេលក្រោយ។",
        "en": "The kiosk stopped responding and was restarted: it shows the last good content, "
              "and tries normal mode again later.",
        "review": "km",
    },
    UiText.SAFE_MODE_STILL_CRASHING: {
        "km": "កម្មវិធីនៅតែគាំងក្នុងរបៀបសុវត្ថិភាព៖ កំពុងបង្ហាញតែមាតិកាដែលភ្ជាប់មកជាមួយ។ សូមមើលឯកសារកំណត់ហេតុ។",
        "en": "The kiosk kept crashing in safe mode: it shows the bundled content only. See the log file.",
        "review": "km",
    },
    UiText.DIAG_CONTENT_PROBLEMS: {
        "km": "មានបញ្ហា {count}៖ មាតិកាល្អចុងក្រោយនៅតែបង្ហាញលើអេក្រង់។",
        "en": "{count} problem(s); the last good content stays on screen.",
        "review": "km",
    },
    UiText.DIAG_SHOWING_LAST_GOOD: {
        "km": "កំពុងបង្ហាញច្បាប់ចម្លងល្អចុងក្រោយ៖ {folder}",
        "en": "Showing the last good copy: {folder}",
        "review": "km",
    },
    UiText.DIAG_CONTENT_SUMMARY: {
        "km": "ត្រឹមត្រូវ៖ ផ្ទាំង {slides} ក្នុងប្រធានបទ {topics} ភាសា {languages}; អត្ថបទ {texts}"
              " ខ្វះការបកប្រែ {missing}",
        "en": "OK: {slides} slides in {topics} topics, languages {languages}; {texts} texts,"
              " {missing} missing a language",
        "review": "km",
    },
    UiText.DIAG_NOTHING: {"km": "គ្មាន", "en": "nothing", "review": "km"},
    UiText.DIAG_FONT_OK: {"km": "ត្រឹមត្រូវ៖ គូរដោយ {fonts}", "en": "OK: drawn with {fonts}", "review": "km"},
    UiText.DIAG_FONT_PROBLEM: {"km": "មានបញ្ហា៖ គូរដោយ {fonts}", "en": "PROBLEM: drawn with {fonts}",
                               "review": "km"},
    UiText.DIAG_SCREEN: {
        "km": "{width} x {height} ភីកសែល, {dpi} dpi (logical {logical}, scale {scale}); "
              "បង្អួច {window_width} x {window_height} ភីកសែល",
        "en": "{width} x {height} px, {dpi} dpi (logical {logical}, scale {scale}); "
              "window {window_width} x {window_height} px",
        "review": "km",
    },
    UiText.DIAG_NO_SCREEN: {"km": "គ្មានអេក្រង់", "en": "no screen", "review": "km"},
    # Our Khmer, awaiting review by MIRO staff (review: km), like every word above.
    UiText.FEEDBACK_CONSENT: {
        "km": "អនាមិក៖ គ្មានឈ្មោះ គ្មានរូបថត",
        "en": "Anonymous: no names, no photos",
        "review": "km",
    },
    UiText.FEEDBACK_THANKS: {"km": "សូមអរគុណ!", "en": "Thank you!", "review": "km"},
    # The visitor log's staff screens. Our Khmer, awaiting review by MIRO staff (review: km).
    UiText.VISITOR_LOG: {"km": "កំណត់ត្រាអ្នកទស្សនា", "en": "Visitor log", "review": "km"},
    UiText.LOG_TODAY: {"km": "ថ្ងៃនេះ៖ ការមកទស្សនា {visits} ចម្លើយ {answers}",
                       "en": "Today: {visits} visits, {answers} answers", "review": "km"},
    UiText.LOG_READING: {"km": "កំពុងអានកំណត់ត្រាអ្នកទស្សនា…", "en": "Reading the visitor log…",
                         "review": "km"},
    UiText.LOG_UNREADABLE: {"km": "មិនអាចអានកំណត់ត្រាអ្នកទស្សនាបានទេ៖ {error}",
                            "en": "The visitor log cannot be read: {error}", "review": "km"},
    UiText.LOG_FAILING: {
        "km": "មិនអាចសរសេរកំណត់ត្រាអ្នកទស្សនាបានទេ៖ {error}។ កម្មវិធីនៅតែដំណើរការ"
              " ហើយរង់ចាំកន្លែងទំនេរ",
        "en": "The visitor log cannot be written: {error}. The kiosk keeps running and waits"
              " for space",
        "review": "km",
    },
    UiText.DIAG_LOG_OK: {"km": "ត្រឹមត្រូវ៖ {file}", "en": "OK: {file}", "review": "km"},
    UiText.DIAG_LOG_FAILING: {"km": "មានបញ្ហា៖ {error}; កំពុងរង់ចាំ {pending}",
                              "en": "PROBLEM: {error}; {pending} waiting", "review": "km"},
    UiText.MAKE_REPORT: {"km": "បង្កើតរបាយការណ៍", "en": "Make the report", "review": "km"},
    UiText.CHOOSE_REPORT_FOLDER: {"km": "តើត្រូវរក្សាទុករបាយការណ៍នៅឯណា?",
                                  "en": "Where should the report go?", "review": "km"},
    UiText.NO_USB_STICK: {"km": "រកមិនឃើញ USB ទេ៖ សូមដោតវា ហើយប៉ះ «ស្វែងរកម្ដងទៀត»",
                          "en": "No USB stick found: plug one in and tap \"Look again\"",
                          "review": "km"},
    UiText.LOOK_AGAIN: {"km": "ស្វែងរកម្ដងទៀត", "en": "Look again", "review": "km"},
    UiText.FOLDER_READ_ONLY: {"km": "មិនអាចសរសេរបានទេ", "en": "cannot be written", "review": "km"},
    UiText.REPORT_WRITING: {"km": "កំពុងសរសេររបាយការណ៍…", "en": "Writing the report…",
                            "review": "km"},
    UiText.REPORT_WRITTEN: {"km": "របាយការណ៍ត្រូវបានរក្សាទុកក្នុង {folder}",
                            "en": "The report is written in {folder}", "review": "km"},
    UiText.REPORT_FAILED: {"km": "មិនអាចសរសេររបាយការណ៍បានទេ៖ {error}",
                           "en": "The report could not be written: {error}", "review": "km"},
    UiText.DELETE_LOG: {"km": "លុបកំណត់ត្រា", "en": "Delete the log", "review": "km"},
    UiText.DELETE_LOG_CONFIRM: {
        "km": "លុបការមកទស្សនា និងចម្លើយទាំងអស់នៅលើកុំព្យូទ័រនេះ? មិនអាចយកមកវិញបានទេ។"
              " សូមបង្កើតរបាយការណ៍ជាមុនសិន ប្រសិនបើត្រូវការ។",
        "en": "Delete every visit and answer on this laptop? This cannot be undone."
              " Make the report first if you need it.",
        "review": "km",
    },
    UiText.LOG_DELETED: {"km": "កំណត់ត្រាអ្នកទស្សនាត្រូវបានលុប", "en": "The visitor log is deleted",
                         "review": "km"},
    UiText.QUIET_SCREEN: {"km": "អេក្រង់ស្ងាត់", "en": "Quiet screen", "review": "km"},
    UiText.END_QUIET: {"km": "បញ្ចប់អេក្រង់ស្ងាត់", "en": "End quiet screen", "review": "km"},
    UiText.QUIET_ON: {"km": "អេក្រង់ស្ងាត់៖ គ្មានអ្វីត្រូវបានកត់ត្រាទេ",
                      "en": "Quiet screen: nothing is recorded", "review": "km"},
    UiText.TOUCH_A_TOPIC: {"km": "ប៉ះប្រធានបទមួយ", "en": "Touch a topic", "review": "km"},
    UiText.BACK_TO_START: {"km": "ត្រឡប់ទៅដើមវិញ", "en": "Back to the start", "review": "km"},
    UiText.EXIT_QUESTION: {
        "km": "បិទកម្មវិធីមែនទេ? អ្នកទស្សនានឹងលែងឃើញអ្វីទាំងអស់ រហូតដល់បុគ្គលិកបើកវាឡើងវិញ។",
        "en": "Exit the kiosk? Visitors will see nothing until staff start it again.",
        "review": "km",
    },
    UiText.KEEP_RUNNING: {"km": "កុំបិទ", "en": "Keep it running", "review": "km"},
}


def ui_text(key: UiText, language: str, default_language: str,
            overrides: Mapping[str, Localized] | None = None) -> str:
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
