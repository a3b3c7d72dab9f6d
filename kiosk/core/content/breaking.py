"""The line breaker for a deck: the bundled lists plus the deck's own word list and names."""

from __future__ import annotations

from collections import OrderedDict

from kiosk.core.content.model import Deck
from kiosk.core.text.rules import Breaker


def deck_names(deck: Deck) -> list[str]:
    """Every name the deck shows that must stay on one line: the organisation's, its people's
    and the phrases its ``keep_together`` lists."""
    names = [*deck.name.root.values(), *deck.short_name.root.values(), *deck.keep_together]
    for slide in deck.slides:
        for person in getattr(slide, "people", ()):
            names.extend(value for key, value in person.name.root.items() if key != "review")
    return [name for name in names if name.strip()]


_RECENT_DECKS = 4
_BREAKERS: OrderedDict[int, tuple[Deck | None, Breaker]] = OrderedDict()


def breaker_for(deck: Deck | None) -> Breaker:
    """The breaker every text of ``deck`` is marked with (slides, chrome, prompts, ``kiosk breaks``).

    Kept for the last few decks (by identity: a reload makes a new deck), so every view of one deck
    shares one breaker and its cache of marked texts.
    """
    key = id(deck)
    held = _BREAKERS.get(key)
    if held is not None and held[0] is deck:
        _BREAKERS.move_to_end(key)
        return held[1]
    breaker = Breaker.for_names(()) if deck is None else Breaker.for_names(deck_names(deck), deck.words)
    _BREAKERS[key] = (deck, breaker)
    while len(_BREAKERS) > _RECENT_DECKS:
        _BREAKERS.popitem(last=False)
    return breaker
