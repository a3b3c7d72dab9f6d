"""Khmer clusters and syllables: the units a line may never split, and the breaks left for an over-long word."""

from __future__ import annotations

import re

COENG = "\u17d2"
TA = "\u178f"  # ត
DA = "\u178a"  # ដ

# An orthographic cluster: a consonant or independent vowel, its subscripts (COENG + consonant),
# then its dependent vowels and signs. Nothing may ever break inside one: the shaping would tear.
_CLUSTER = re.compile(
    "[\u1780-\u17b3](?:\u17d2[\u1780-\u17b3]|[\u17b4-\u17d1\u17d3\u17dd\u200c\u200d])*"
    "|\u17d2[\u1780-\u17b3]?"  # a stray COENG stays with what follows it
    "|.",
    re.DOTALL,
)
# Marks that give a cluster its own vowel: the dependent vowels and yuukaleapintu (ៈ, a short a).
_VOWEL = re.compile("[\u17b6-\u17c5\u17c8]")
# Marks that close a syllable: nikahit (ំ), reahmuk (ះ), bantoc (់).
_CLOSING = re.compile("[\u17c6\u17c7\u17cb]")
_KHMER_BASE = re.compile("[\u1780-\u17b3]")


def clusters(text: str) -> list[str]:
    """``text`` cut into orthographic clusters (any other character is a cluster of its own)."""
    return _CLUSTER.findall(text)


def cluster_starts(text: str) -> list[int]:
    """Offsets where a cluster starts, 0 included; a line may only ever start at one of these."""
    return [m.start() for m in _CLUSTER.finditer(text)]


def is_cluster_boundary(text: str, index: int) -> bool:
    """Whether a line could start at ``text[index]`` without tearing a cluster."""
    if index <= 0 or index >= len(text):
        return False
    prev, char = text[index - 1], text[index]
    if prev == COENG or char == COENG:
        return False
    return not ("\u17b4" <= char <= "\u17d1" or char in "\u17d3\u17dd\u200c\u200d")


def _khmer(cluster: str) -> bool:
    return bool(_KHMER_BASE.match(cluster))


def _stacked(cluster: str) -> bool:
    return len(cluster) > 2 and cluster[1] == COENG


def _bare(cluster: str) -> bool:
    """A consonant with no vowel of its own and no subscript (it may carry a bantoc)."""
    return _khmer(cluster) and not _stacked(cluster) and not _VOWEL.search(cluster)


def _onset_stack(cluster: str) -> bool:
    """A stack read as one initial (ប្រ, ក្ល, ខ្វ): its subscripts are only ro, lo or vo."""
    return _stacked(cluster) and all(sub in "\u179a\u179b\u179c" for sub in cluster[2::2][: cluster.count(COENG)])


def syllable_breaks(word: str) -> list[int]:
    """Offsets inside ``word`` where an over-long word may break: between spoken syllables.

    Orthographic clusters are grouped into syllables. A bare consonant closes the open syllable
    before it (the រ of ការ, the ស of ប្រទេស) unless it opens a syllable of its own, which it does
    when the next cluster is its final (the ជ of ជន) or a stack that lends it its base (the វ of
    សុវណ្ណ, the ក of កម្ពុជា). A stack after an open syllable lends its base to that syllable as
    its final (សាស្ត្រា is sas-tra), so no break goes before it, except a stack read as one initial
    (ការ|ប្រជុំ). A consonant with bantoc (់) is always a final. Offsets are never 0 or
    ``len(word)`` and never inside a cluster.
    """
    parts = clusters(word)
    count = len(parts)
    # opens[i]: the bare consonant parts[i] starts a syllable (decided from the right).
    opens = [False] * (count + 1)
    for i in range(count - 1, -1, -1):
        if not _bare(parts[i]) or "\u17cb" in parts[i] or i + 1 >= count:
            continue
        nxt = parts[i + 1]
        lends = _stacked(nxt) and not _onset_stack(nxt)
        takes_final = _bare(nxt) and not opens[i + 1]
        opens[i] = lends or takes_final
    breaks: list[int] = []
    offset = 0
    is_open = False  # the syllable so far could still take a final consonant
    for i, cluster in enumerate(parts):
        joins = False
        if i > 0 and is_open and _khmer(cluster):
            if _stacked(cluster):
                joins = not _onset_stack(cluster)
            elif _bare(cluster):
                joins = not opens[i]
        if i > 0 and not joins:
            breaks.append(offset)
        if not _khmer(cluster) or _CLOSING.search(cluster):
            is_open = False
        elif joins and not _stacked(cluster):
            is_open = False  # the final consonant closed it
        else:
            is_open = True
        offset += len(cluster)
    return [b for b in breaks if is_cluster_boundary(word, b)]


def to_ta(text: str) -> str:
    """``text`` with every subscript ដ (្ដ) spelt as subscript ត (្ត): one key for both spellings."""
    return text.replace(COENG + DA, COENG + TA)


def to_da(text: str) -> str:
    """``text`` with every subscript ត (្ត) spelt as subscript ដ (្ដ)."""
    return text.replace(COENG + TA, COENG + DA)
