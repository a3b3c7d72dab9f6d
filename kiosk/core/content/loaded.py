"""What loading a content folder gives: the valid deck, the check's report, and the parsed files."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kiosk.core.content.model import Deck

if TYPE_CHECKING:  # types only: the YAML reader loads only where files are parsed
    from kiosk.core.content.yamlsource import YamlDocument

DECK_FILE = "deck.yaml"


@dataclass(frozen=True)
class MissingTranslation:
    """A text that lacks one of the deck's languages (shown in the default language instead)."""

    file: str
    slide: str
    field: str
    language: str


@dataclass
class ContentReport:
    """What ``kiosk check`` summarises about valid content."""

    slides: int = 0
    topics: int = 0
    languages: tuple[str, ...] = ()
    texts: int = 0
    awaiting_review: int = 0
    missing: list[MissingTranslation] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"OK: {self.slides} slides in {self.topics} topics, languages {', '.join(self.languages)}; "
            f"{self.texts} texts, {self.awaiting_review} awaiting review, "
            f"{len(self.missing)} missing a language"
        )


@dataclass(frozen=True)
class LoadedContent:
    """A valid deck, the report on it, and the parsed files (for the translators' sheet).

    ``documents`` is empty when the deck came from the validated-deck cache
    (:mod:`kiosk.core.content.cache`): tools that edit the YAML call ``load_content`` themselves.
    """

    deck: Deck
    report: ContentReport
    documents: dict[str, YamlDocument] = field(default_factory=dict)

    @property
    def files(self) -> list[str]:
        """Every file that makes up the content: deck.yaml, the topic files and the files they name."""
        from kiosk.core.content.model import content_paths

        found = {DECK_FILE, *(topic.file for topic in self.deck.topics)}
        for slide in self.deck.slides:
            found.update(content_paths(slide))
        return sorted(found)
