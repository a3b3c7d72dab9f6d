"""What a feedback slide offers as answers: its own pictures, the deck's topics, or the provinces."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from kiosk.core.content.model import Deck, FeedbackSlide, LocalizedText
from kiosk.core.content.provinces import PROVINCES


@dataclass(frozen=True)
class FeedbackChoice:
    """One answer as the visitor sees it and the log names it."""

    id: str
    label: LocalizedText
    icon: str | None  # an icon in assets/icons; None for a province (a word, no picture)


def topic_answer_id(topic_file: str) -> str:
    """A topic's name as an answer: its file name without ``.yaml`` (e.g. ``mission``)."""
    return PurePosixPath(topic_file).stem


def feedback_choices(slide: FeedbackSlide, deck: Deck) -> tuple[FeedbackChoice, ...]:
    """The answers of ``slide`` in the order shown."""
    if slide.kind == "topics":
        own = deck.topic_of(slide.id)
        return tuple(FeedbackChoice(topic_answer_id(t.file), t.title, t.icon)
                     for t in deck.topics if t is not own)
    if slide.kind == "province":
        return tuple(FeedbackChoice(p.id, LocalizedText({"km": p.km, "en": p.en}), None) for p in PROVINCES)
    return tuple(FeedbackChoice(a.id, a.label, a.icon) for a in slide.answers)


def feedback_questions(deck: Deck) -> dict[str, tuple[FeedbackChoice, ...]]:
    """Every feedback question of the deck (by slide id) with its answers, in deck order."""
    return {s.id: feedback_choices(s, deck) for s in deck.slides if isinstance(s, FeedbackSlide)}
