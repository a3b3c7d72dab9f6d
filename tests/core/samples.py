"""The small valid content folder the content-engine tests start from, and the factory's types."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kiosk.core.content.loader import LoadedContent
from kiosk.core.errors import ContentProblem

# Line numbers matter: the tests assert exact FILE:LINE:COL positions in these two files.
DECK_YAML = """\
# A small deck for tests.
name:
  km: អង្គការសាកល្បង
  en: Test Organisation
short_name:
  km: សាកល្បង
  en: Test
languages:
  - code: km
    name: ខ្មែរ
  - code: en
    name: English
topics:
  - about.yaml
"""

TOPIC_YAML = """\
# The "About" topic.
title:
  km: អំពីយើង
  en: About us
icon: heart
slides:
  - id: welcome
    type: title
    heading:
      km: សូមស្វាគមន៍
      en: Welcome
  - id: story
    type: text
    heading:
      km: រឿងរបស់យើង
      en: Our story
    paragraphs:
      - km: យើងធ្វើការជាមួយសហគមន៍។
        en: We work with communities.
"""

BASE_FILES = {"deck.yaml": DECK_YAML, "about.yaml": TOPIC_YAML}

# What a test may put in a file: its text, its bytes, an edit of the base text, or None (no file).
FileSpec = str | bytes | Callable[[str], str | bytes] | None
MakeContent = Callable[..., Path]
Load = Callable[[Path], LoadedContent]
ProblemsIn = Callable[[Path], list[ContentProblem]]
