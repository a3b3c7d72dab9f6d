"""Where the visitor is in the deck: the home page, then every slide in order. No Qt here."""

from __future__ import annotations

from dataclasses import dataclass, field

HOME = 0


@dataclass
class Navigator:
    """Page 0 is the home screen; pages 1..N are the deck's slides in order."""

    slide_ids: list[str]
    language: str
    page: int = HOME
    history: list[int] = field(default_factory=list)

    @property
    def page_count(self) -> int:
        return len(self.slide_ids) + 1

    @property
    def slide_number(self) -> int:
        """1-based slide number, 0 on the home screen."""
        return self.page

    @property
    def current_slide_id(self) -> str | None:
        return self.slide_ids[self.page - 1] if self.page > HOME else None

    def can_go(self, page: int) -> bool:
        return 0 <= page < self.page_count

    def go(self, page: int) -> bool:
        """Move to ``page``; False (and no change) when it is out of range or already there."""
        if not self.can_go(page) or page == self.page:
            return False
        self.page = page
        return True

    def next(self) -> bool:
        return self.go(self.page + 1)

    def previous(self) -> bool:
        return self.go(self.page - 1)

    def first(self) -> bool:
        return self.go(1 if self.page_count > 1 else HOME)

    def last(self) -> bool:
        return self.go(self.page_count - 1)

    def home(self) -> bool:
        return self.go(HOME)

    def page_of(self, slide_id: str) -> int | None:
        try:
            return self.slide_ids.index(slide_id) + 1
        except ValueError:
            return None

    def replace_slides(self, slide_ids: list[str]) -> None:
        """New content: stay on the same slide id when it still exists, else go home."""
        current = self.current_slide_id
        self.slide_ids = list(slide_ids)
        page = self.page_of(current) if current else None
        self.page = page if page is not None else HOME
