"""Balanced lines for centred statements: as many lines as needed, of even width, never a lone last word."""

from __future__ import annotations

from collections.abc import Callable

from kiosk.core.text.rules import NBSP, WORD_JOINER, ZWSP


def pieces(marked: str) -> list[str]:
    """``marked`` (from ``Breaker.mark``) cut after every place a line may break: ZWSPs and spaces."""
    out: list[str] = []
    current = ""
    for char in marked:
        if char == ZWSP:
            out.append(current)
            current = ""
            continue
        current += char
        if char == " ":
            out.append(current)
            current = ""
    if current:
        out.append(current)
    return [p for p in out if p]


def balance_lines(marked: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """The lines to draw ``marked`` in, centred in ``width``: no more lines than filling each
    line would need, and among those the breaking whose lines are most even (the last one too).

    ``measure`` gives the drawn width of a plain string (e.g. ``QFontMetricsF.horizontalAdvance``).
    A piece wider than ``width`` gets a line of its own (the caller marks over-long words with
    ``Breaker.mark_to_fit`` first). Lines keep the text's marks, without trailing spaces.
    """
    parts = pieces(marked)
    if not parts:
        return []

    def line_width(i: int, j: int) -> float:
        return measure(_plain("".join(parts[i:j]).rstrip(" ")))

    count = len(parts)
    # fewest[i]: the fewest lines parts[i:] can be drawn in; cost[i]: the evenest such breaking.
    inf = float("inf")
    fewest = [0] * (count + 1)
    cost = [0.0] * (count + 1)
    nxt = [count] * (count + 1)
    for i in range(count - 1, -1, -1):
        best: tuple[int, float, int] = (count + 1, inf, i + 1)
        for j in range(i + 1, count + 1):
            w = line_width(i, j)
            if w > width and j > i + 1:
                break
            slack = max(width - w, 0.0)
            candidate = (fewest[j] + 1, cost[j] + slack * slack, j)
            if candidate[:2] < best[:2]:
                best = candidate
        fewest[i], cost[i], nxt[i] = best
    lines: list[str] = []
    i = 0
    while i < count:
        j = nxt[i]
        lines.append("".join(parts[i:j]).rstrip(" "))
        i = j
    return lines


def _plain(text: str) -> str:
    return text.replace(ZWSP, "").replace(WORD_JOINER, "").replace(NBSP, " ")
