"""The small markup content may use (``**bold**`` and line breaks), turned into safe Qt rich text.

Everything else is shown literally: HTML typed into content is escaped, never interpreted.
"""

from __future__ import annotations

import html
import re

_BOLD = re.compile(r"\*\*(.+?)\*\*", re.DOTALL)


def to_rich_text(text: str) -> str:
    """Escape ``text`` and apply the documented markup: ``**bold**`` and line breaks."""
    escaped = html.escape(text.strip("\n"), quote=False)
    escaped = _BOLD.sub(r"<b>\1</b>", escaped)
    return escaped.replace("\n", "<br>")


def to_plain_text(text: str) -> str:
    """``text`` without markup, for accessible names and measurements."""
    return _BOLD.sub(r"\1", text).strip()
