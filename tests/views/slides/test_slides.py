"""Every slide view, on the bundled content and on edge cases: text fits, nothing overflows."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import pytest
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.core.content import validation
from kiosk.core.content.loader import load_content
from kiosk.core.content.markup import to_plain_text
from kiosk.core.content.model import (
    SLIDE_TYPES,
    ContactSlide,
    Deck,
    Language,
    ListSlide,
    LocalizedText,
    PeopleSlide,
    Slide,
    StatementSlide,
    TextSlide,
    TimelineSlide,
    TitleSlide,
    Topic,
)
from kiosk.core.content.validation import to_plain
from kiosk.core.storage.paths import assets_dir, bundled_content_dir
from kiosk.views.context import SlideContext
from kiosk.views.decor import Dot, PictureBox
from kiosk.views.fonts import FontSet, register_fonts
from kiosk.views.metrics import Metrics, TextRole
from kiosk.views.slides.base import PageView, SlideView
from kiosk.views.slides.listing import ListView, SvgIcon
from kiosk.views.slides.people import Avatar, PeopleView
from kiosk.views.slides.registry import VIEW_MODULES, view_for, view_type
from kiosk.views.slides.text import TextView
from kiosk.views.slides.timeline import TimelineView
from kiosk.views.text import TextLabel
from kiosk.views.theme import PALETTE

#: Screen sizes the kiosk must look right on: small laptop, common laptop, full HD, 4K, portrait.
SCREENS = [(1024, 600), (1366, 768), (1920, 1080), (3840, 2160), (1080, 1920)]
#: The window's chrome (top bar, progress) takes about this share of the height.
CHROME_SHARE = 0.2

MakeView = Callable[..., SlideView]


@functools.cache
def bundled_deck() -> Deck:
    icons = sorted(path.stem for path in (assets_dir() / "icons").glob("*.svg"))
    return load_content(bundled_content_dir(), icons=icons).deck


def slide_size(width: int, height: int) -> QSize:
    return QSize(width, round(height * (1 - CHROME_SHARE)))


@pytest.fixture(scope="session")
def fonts(qapp: QApplication) -> FontSet:
    return register_fonts()


@pytest.fixture
def make_view(qtbot: QtBot, fonts: FontSet) -> MakeView:
    """Factory: the view of ``slide`` in ``deck``, laid out at a screen size as the window would."""

    def make(slide: Slide, deck: Deck, language: str = "en",
             screen: tuple[int, int] = (1920, 1080)) -> SlideView:
        width, height = screen
        context = SlideContext(deck=deck, language=language, metrics=Metrics(width, height),
                               fonts=fonts, assets_dir=assets_dir(),
                               slide_size=slide_size(width, height))
        view = view_for(slide, context)
        qtbot.addWidget(view)
        view.show()
        qtbot.waitExposed(view)
        return view

    return make


SlideT = TypeVar("SlideT", bound=Slide)


def validated(kind: type[SlideT], data: dict[str, Any]) -> SlideT:
    """``data`` checked by ``kind``'s validation model, as the plain slide the views are given."""
    slide = to_plain(getattr(validation, kind.__name__).model_validate(data))
    assert isinstance(slide, kind)
    return slide


def text(value: str) -> dict[str, str]:
    return {"en": value, "km": value}


def deck_of(slide: Slide, root: Path) -> Deck:
    """A one-slide deck in ``root`` (models built directly: no files but the pictures needed)."""
    lt = LocalizedText(text("Test"))
    return Deck(root=root, name=lt, short_name=LocalizedText(text("MIRO")), tagline=None,
                languages=(Language(code="en", name="English"), Language(code="km", name="ខ្មែរ")),
                idle_timeout_s=90,
                topics=(Topic(file="test.yaml", title=lt, icon=None, slides=(slide,)),))


def inside(view: QWidget, widget: QWidget) -> QRect:
    """``widget``'s geometry in ``view``'s coordinates."""
    return QRect(widget.mapTo(view, widget.rect().topLeft()), widget.size())


def overflows(view: SlideView) -> list[str]:
    """Every label whose text needs more height than it has, or that lies outside the view."""
    problems = []
    for label in view.labels:
        needed = label.heightForWidth(label.width())
        if needed > label.height() + 1:
            problems.append(f"{label.accessibleName()!r} needs {needed}px, has {label.height()}px")
        if not view.rect().contains(inside(view, label)):
            problems.append(f"{label.accessibleName()!r} at {inside(view, label)} is outside")
    return problems


# --------------------------------------------------------------------------- the registry


def test_registry_has_a_view_for_every_slide_type() -> None:
    assert set(VIEW_MODULES) == set(SLIDE_TYPES.values())
    assert all(issubclass(view_type(kind), SlideView) for kind in VIEW_MODULES)


def test_view_for_refuses_a_slide_type_it_does_not_know(fonts: FontSet, tmp_path: Path) -> None:
    class SecretSlide(Slide):
        pass

    slide = SecretSlide(id="secret")
    context = SlideContext(deck=deck_of(slide, tmp_path), language="en", metrics=Metrics(800, 600),
                           fonts=fonts, assets_dir=assets_dir())
    with pytest.raises(TypeError, match="no view for slide type 'SecretSlide'"):
        view_for(slide, context)


# --------------------------------------------------------------------------- the bundled content


@pytest.mark.parametrize("screen", SCREENS, ids=[f"{w}x{h}" for w, h in SCREENS])
@pytest.mark.parametrize("language", bundled_deck().language_codes)
@pytest.mark.parametrize("slide_id", [slide.id for slide in bundled_deck().slides])
def test_bundled_slide_fits_the_screen(make_view: MakeView, slide_id: str, language: str,
                                       screen: tuple[int, int]) -> None:
    deck = bundled_deck()
    slide = next(s for s in deck.slides if s.id == slide_id)
    view = make_view(slide, deck, language, screen)
    area = slide_size(*screen)
    assert isinstance(view, view_type(type(slide)))
    assert view.size() == area
    assert view.required_height(area.width()) <= area.height()
    assert overflows(view) == []
    assert view.labels, "a slide shows some text"


def test_dense_text_shrinks_to_fit_a_small_screen(make_view: MakeView, tmp_path: Path) -> None:
    long = "MIRO works hard to protect and promote the rights of ethnic minority groups. " * 3
    slide = validated(TextSlide, {"id": "dense", "heading": text("Heading"),
                                      "paragraphs": [text(long)] * 4})
    view = make_view(slide, deck_of(slide, tmp_path), "en", (1024, 600))
    assert view.scale < 1.0
    assert view.required_height(1024) <= slide_size(1024, 600).height()
    assert overflows(view) == []


# --------------------------------------------------------------------------- people without photos


@pytest.mark.parametrize("language", ["en", "km"])
def test_leaders_without_photos_show_a_person_silhouette_not_initials(make_view: MakeView,
                                                                       language: str) -> None:
    deck = bundled_deck()
    slide = next(s for s in deck.slides if isinstance(s, PeopleSlide))
    view = make_view(slide, deck, language)
    assert isinstance(view, PeopleView)
    assert all(avatar.shows_silhouette for avatar in view.avatars)
    assert [a.accessibleName() for a in view.avatars] == [
        to_plain_text(p.name.get(language, "km")) for p in slide.people]
    picture = view.avatars[0].grab().toImage()
    w, h = picture.width(), picture.height()
    assert picture.pixelColor(w // 2, round(h * 0.39)) == QColor(PALETTE.primary)  # the head
    assert picture.pixelColor(w // 2, round(h * 0.9)) == QColor(PALETTE.primary)  # the shoulders
    assert picture.pixelColor(w // 2, round(h * 0.12)) == QColor(PALETTE.primary_light)  # above the head
    assert picture.pixelColor(round(w * 0.2), round(h * 0.5)) == QColor(PALETTE.primary_light)  # beside it


def test_avatars_and_icons_follow_the_text_size(make_view: MakeView) -> None:
    deck = bundled_deck()
    people = next(s for s in deck.slides if isinstance(s, PeopleSlide))
    listing = next(s for s in deck.slides if isinstance(s, ListSlide) and s.items[0].icon)
    people_view, list_view = make_view(people, deck), make_view(listing, deck)
    avatar = people_view.findChildren(Avatar)[0]
    icon = list_view.findChildren(SvgIcon)[0]
    big = avatar.width(), icon.icon_size
    people_view.set_scale(0.6)
    list_view.set_scale(0.6)
    assert avatar.width() < big[0]
    assert icon.icon_size < big[1]


# --------------------------------------------------------------------------- pictures


def write_broken_picture(root: Path) -> str:
    (root / "images").mkdir()
    (root / "images" / "broken.jpg").write_bytes(b"this is not a picture at all " * 40)
    return "images/broken.jpg"


def test_a_broken_picture_shows_a_placeholder(make_view: MakeView, tmp_path: Path) -> None:
    slide = validated(TextSlide, {
        "id": "broken", "heading": text("Heading"), "paragraphs": [text("Words.")],
        "image": write_broken_picture(tmp_path), "caption": text("A caption"),
    })
    view = make_view(slide, deck_of(slide, tmp_path))
    box = view.findChild(PictureBox)
    assert box is not None
    picture = box.picture.toImage()
    assert not picture.isNull()
    middle = picture.pixelColor(picture.width() // 2, picture.height() // 2)
    assert middle == QColor(PALETTE.primary_light)
    assert overflows(view) == []


@pytest.mark.qt_log_ignore("Corrupt JPEG data", "JPEG datastream contains no image")
def test_a_corrupt_jpeg_shows_a_placeholder(make_view: MakeView, tmp_path: Path) -> None:
    (tmp_path / "corrupt.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 2)
    slide = validated(TitleSlide, {"id": "t", "heading": text("Welcome"),
                                       "image": "corrupt.jpg"})
    view = make_view(slide, deck_of(slide, tmp_path))
    box = view.findChild(PictureBox)
    assert box is not None
    assert box.picture.toImage().pixelColor(5, 5) == QColor(PALETTE.primary_light)


def test_a_broken_photo_falls_back_to_the_silhouette(make_view: MakeView, tmp_path: Path) -> None:
    slide = validated(PeopleSlide, {"id": "p", "heading": text("People"), "people": [{
        "name": text("Mrs. CHAN Sophea"), "role": text("Director"), "bio": text("Bio."),
        "photo": write_broken_picture(tmp_path),
    }]})
    view = make_view(slide, deck_of(slide, tmp_path))
    assert isinstance(view, PeopleView)
    assert view.avatars[0].shows_silhouette


def write_photo(root: Path, size: QSize) -> str:
    from PySide6.QtGui import QImage

    image = QImage(size, QImage.Format.Format_RGB32)
    image.fill(QColor("#336699"))
    assert image.save(str(root / "photo.png"))
    return "photo.png"


def test_pictures_are_decoded_at_display_size(make_view: MakeView, tmp_path: Path) -> None:
    photo = write_photo(tmp_path, QSize(3000, 2000))
    slide = validated(TextSlide, {"id": "t", "heading": text("H"), "paragraphs": [text("P.")],
                                      "image": photo})
    view = make_view(slide, deck_of(slide, tmp_path), "en", (1024, 600))
    box = view.findChild(PictureBox)
    assert box is not None
    # Decoded to cover its box: one side as the box, the other no larger than the crop needs.
    ratio = box.devicePixelRatioF()
    picture = box.picture
    assert picture.width() < 3000
    assert picture.height() < 2000
    assert min(picture.width() / (box.width() * ratio), picture.height() / (box.height() * ratio)) <= 1.05
    assert 0 < box.height() <= view.height()


def test_a_photo_becomes_a_round_avatar(make_view: MakeView, tmp_path: Path) -> None:
    photo = write_photo(tmp_path, QSize(800, 1200))
    slide = validated(PeopleSlide, {"id": "p", "heading": text("People"), "people": [{
        "name": text("Mr. A B"), "role": text("Role"), "bio": text("Bio."), "photo": photo}]})
    view = make_view(slide, deck_of(slide, tmp_path))
    assert isinstance(view, PeopleView)
    avatar = view.avatars[0]
    assert avatar.photo is not None
    assert avatar.photo.width() == avatar.photo.height()  # cropped to a square, then a circle
    picture = avatar.grab().toImage()
    assert picture.pixelColor(avatar.width() // 2, avatar.height() // 2) == QColor("#336699")
    assert picture.pixelColor(1, 1) != QColor("#336699")  # the corner is outside the circle


# --------------------------------------------------------------------------- content is text


HTML = "<b>x</b> & <i>y</i>"
HTML_SLIDES: Sequence[dict[str, Any]] = [
    {"type": TitleSlide, "id": "t", "heading": text(HTML)},
    {"type": TextSlide, "id": "t", "heading": text("H"), "paragraphs": [text(HTML)]},
    {"type": PeopleSlide, "id": "t", "heading": text("H"),
     "people": [{"name": text(HTML), "role": text("r"), "bio": text("b")}]},
    {"type": ListSlide, "id": "t", "heading": text("H"), "items": [{"text": text(HTML)}]},
    {"type": TimelineSlide, "id": "t", "heading": text("H"),
     "events": [{"date": text("2012"), "text": text(HTML)}]},
    {"type": StatementSlide, "id": "t", "text": text(HTML)},
    {"type": ContactSlide, "id": "t", "heading": text("H"),
     "entries": [{"label": text("l"), "value": text(HTML)}]},
]


@pytest.mark.parametrize("fields", HTML_SLIDES, ids=[f["type"].type_name for f in HTML_SLIDES])
def test_html_in_content_is_shown_literally(make_view: MakeView, tmp_path: Path,
                                            fields: dict[str, Any]) -> None:
    slide_type = fields.pop("type")
    try:
        slide = validated(slide_type, fields)
    finally:
        fields["type"] = slide_type
    view = make_view(slide, deck_of(slide, tmp_path))
    shown = [label.text() for label in view.labels if "&lt;b&gt;" in label.text()]
    assert shown, [label.text() for label in view.labels]
    assert "&lt;/i&gt;" in shown[0]
    assert "&amp;" in shown[0]


# --------------------------------------------------------------------------- layout choices


def list_slide(count: int, icon: str | None = None) -> ListSlide:
    items = [{"text": text(f"Point number {n}"), **({"icon": icon} if icon else {})}
             for n in range(count)]
    return validated(ListSlide, {"id": "l", "heading": text("List"), "items": items})


@pytest.mark.parametrize(("count", "screen", "columns"), [
    (4, (1920, 1080), 1),
    (6, (1920, 1080), 2),
    (6, (1080, 1920), 1),
])
def test_long_lists_use_two_columns_on_landscape_screens(
        make_view: MakeView, tmp_path: Path, count: int, screen: tuple[int, int],
        columns: int) -> None:
    slide = list_slide(count)
    view = make_view(slide, deck_of(slide, tmp_path), "en", screen)
    assert isinstance(view, ListView)
    bullets = view.findChildren(Dot)
    assert len(bullets) == count
    assert len({inside(view, dot).x() for dot in bullets}) == columns
    assert overflows(view) == []


def test_a_missing_icon_becomes_a_bullet(make_view: MakeView, tmp_path: Path) -> None:
    slide = list_slide(2, icon="no-such-icon")
    view = make_view(slide, deck_of(slide, tmp_path))
    assert len(view.findChildren(Dot)) == 2
    assert view.findChildren(SvgIcon) == []


def test_each_bullet_sits_on_its_first_line(make_view: MakeView, tmp_path: Path) -> None:
    slide = list_slide(3, icon="heart")
    view = make_view(slide, deck_of(slide, tmp_path))
    for icon, label in zip(view.findChildren(SvgIcon), view.labels[1:], strict=True):
        assert inside(view, icon).top() == inside(view, label).top()


def timeline(count: int) -> TimelineSlide:
    events = [{"date": text(str(2012 + n)), "text": text(f"Event {n}")} for n in range(count)]
    return validated(TimelineSlide, {"id": "t", "heading": text("Dates"), "events": events})


@pytest.mark.parametrize(("count", "screen", "across"), [
    (2, (1920, 1080), True),
    (2, (1080, 1920), False),
    (6, (1920, 1080), False),
])
def test_few_events_run_across_a_wide_screen(make_view: MakeView, tmp_path: Path, count: int,
                                             screen: tuple[int, int], across: bool) -> None:
    slide = timeline(count)
    view = make_view(slide, deck_of(slide, tmp_path), "en", screen)
    assert isinstance(view, TimelineView)
    assert view.horizontal is across
    dots = [inside(view, dot).center() for dot in view.findChildren(Dot)]
    assert len(dots) == count
    if across:
        assert len({point.y() for point in dots}) == 1
        assert len({point.x() for point in dots}) == count
    assert overflows(view) == []


@pytest.mark.parametrize(("count", "screen", "columns"), [
    (2, (1920, 1080), 2),
    (3, (1920, 1080), 3),
    (4, (1920, 1080), 2),
    (6, (1920, 1080), 3),
    (2, (1080, 1920), 1),
    (3, (1080, 1920), 1),
    (4, (1080, 1920), 2),
    (2, (600, 1024), 1),
])
def test_people_cards_wrap_into_rows(make_view: MakeView, tmp_path: Path, count: int,
                                     screen: tuple[int, int], columns: int) -> None:
    people = [{"name": text(f"Ms. A{n} B{n}"), "role": text("Role"), "bio": text("A short bio.")}
              for n in range(count)]
    slide = validated(PeopleSlide, {"id": "p", "heading": text("People"), "people": people})
    view = make_view(slide, deck_of(slide, tmp_path), "en", screen)
    assert isinstance(view, PeopleView)
    cards = {avatar.mapTo(view, avatar.rect().topLeft()).x() for avatar in view.avatars}
    assert len(cards) == columns
    assert overflows(view) == []


def test_text_and_picture_side_by_side_in_landscape_stacked_in_portrait(
        make_view: MakeView, tmp_path: Path) -> None:
    photo = write_photo(tmp_path, QSize(800, 600))
    slide = validated(TextSlide, {"id": "t", "heading": text("H"),
                                      "paragraphs": [text("Some words.")], "image": photo})
    deck = deck_of(slide, tmp_path)
    for screen, beside in (((1920, 1080), True), ((1080, 1920), False)):
        view = make_view(slide, deck, "en", screen)
        assert isinstance(view, TextView)
        box = view.findChild(PictureBox)
        assert box is not None
        paragraph = inside(view, view.labels[1])
        if beside:
            assert inside(view, box).left() > paragraph.right()
        else:
            assert inside(view, box).bottom() < paragraph.top()


# --------------------------------------------------------------------------- touch behaviour


def test_nothing_on_a_slide_takes_focus_or_selects_text(make_view: MakeView) -> None:
    deck = bundled_deck()
    for slide in deck.slides:
        view = make_view(slide, deck, "km", (1024, 600))
        for widget in [view, *view.findChildren(QWidget)]:
            assert widget.focusPolicy() == Qt.FocusPolicy.NoFocus, widget
        for label in view.findChildren(TextLabel):
            assert label.textInteractionFlags() == Qt.TextInteractionFlag.NoTextInteraction
            assert label.contextMenuPolicy() == Qt.ContextMenuPolicy.NoContextMenu


# --------------------------------------------------------------------------- the feedback slide


def feedback_slide(kind: str = "pictures") -> Slide:
    from kiosk.core.content.model import FeedbackSlide

    answers = [{"id": name, "icon": f"face-{name}", "label": text(name.replace("-", " ").title())}
               for name in ("very-happy", "happy", "neutral", "sad")]
    return validated(FeedbackSlide, {"id": "your-view", "type": "feedback", "question": text("Did you like it?"),
                                         "kind": kind, "answers": answers if kind == "pictures" else []})


def test_one_tap_answers_once_with_a_thank_you(make_view: MakeView, qtbot: QtBot, tmp_path: Path) -> None:
    from kiosk.views.slides.feedback import FeedbackView

    slide = feedback_slide()
    view = make_view(slide, deck_of(slide, tmp_path), "en", (1366, 768))
    assert isinstance(view, FeedbackView)
    assert not view.thanks.isVisible()
    assert view.consent.isVisible()
    happy, neutral = view.buttons[1], view.buttons[2]
    with qtbot.waitSignal(view.answer_given) as blocker:
        qtbot.mouseClick(happy, Qt.MouseButton.LeftButton)
    assert blocker.args == ["your-view", "happy"]
    assert view.thanks.isVisible()
    assert view.thanks.accessibleName() == "Thank you!"
    assert happy.chosen
    assert neutral.faded
    with qtbot.assertNotEmitted(view.answer_given):
        qtbot.mouseClick(neutral, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(happy, Qt.MouseButton.LeftButton)
    view.show_answered(None)  # a new visitor
    assert not view.thanks.isVisible()
    assert not neutral.faded
    with qtbot.waitSignal(view.answer_given) as blocker:
        qtbot.mouseClick(neutral, Qt.MouseButton.LeftButton)
    assert blocker.args == ["your-view", "neutral"]


def test_a_press_shows_at_once(make_view: MakeView, qtbot: QtBot, tmp_path: Path) -> None:
    from kiosk.views.slides.feedback import FeedbackView

    slide = feedback_slide()
    view = make_view(slide, deck_of(slide, tmp_path), "en", (1366, 768))
    assert isinstance(view, FeedbackView)
    button = view.buttons[0]
    probe = button.rect().bottomLeft() + QRect(0, 0, 1, 1).topLeft()
    probe.setX(button.width() // 2)
    probe.setY(button.height() - button.radius // 2 - 4)  # card fill, below the words

    def fill() -> str:
        return button.grab().toImage().pixelColor(probe).name()

    assert fill() == QColor(PALETTE.surface_alt).name()
    qtbot.mousePress(button, Qt.MouseButton.LeftButton)
    assert button.isDown()
    assert fill() == QColor(PALETTE.primary_light).name()
    qtbot.mouseRelease(button, Qt.MouseButton.LeftButton)


@pytest.mark.parametrize("screen", SCREENS, ids=[f"{w}x{h}" for w, h in SCREENS])
@pytest.mark.parametrize("kind", ["pictures", "province"])
@pytest.mark.parametrize("language", ["km", "en"])
def test_answers_are_large_touch_targets_and_the_note_is_one_line(
        make_view: MakeView, tmp_path: Path, screen: tuple[int, int], kind: str, language: str) -> None:
    from PySide6.QtGui import QFontMetrics

    from kiosk.views.metrics import TOUCH_TARGET_MM
    from kiosk.views.slides.feedback import FeedbackView

    slide = feedback_slide(kind)
    view = make_view(slide, deck_of(slide, tmp_path), language, screen)
    assert isinstance(view, FeedbackView)
    metrics = view.context.metrics
    assert len(view.buttons) == (4 if kind == "pictures" else 25)
    smallest = min(min(b.width(), b.height()) for b in view.buttons)
    assert smallest >= metrics.target_px >= TOUCH_TARGET_MM * metrics.px_per_mm - 0.5
    assert overflows(view) == []
    note = view.consent
    line = QFontMetrics(note.font()).lineSpacing()
    assert note.heightForWidth(note.width()) < 1.9 * line, "the consent note wraps"


# --------------------------------------------------------------------------- pictures on every type


def picture_slide(kind: str, image: Any) -> Slide:
    """A slide of type ``kind`` with its fewest fields, and ``image``."""
    choices: dict[str, dict[str, Any]] = {
        "title": {"heading": text("Welcome")},
        "text": {"heading": text("Heading"), "paragraphs": [text("A few words about this.")]},
        "people": {"heading": text("People"), "people": [
            {"name": text("Mr. A B"), "role": text("Role"), "bio": text("A short biography.")}]},
        "list": {"heading": text("Values"), "items": [{"text": text("Honesty")}, {"text": text("No profit")}]},
        "timeline": {"heading": text("Milestones"), "events": [{"date": text("2012"), "text": text("Founded")}]},
        "statement": {"text": text("A strong statement about rights.")},
        "contact": {"heading": text("Talk to us"), "entries": [{"label": text("Founded"), "value": text("2012")}]},
        "feedback": {"question": text("Did you like it?"), "answers": [
            {"id": f"a{i}", "icon": "face-happy", "label": text(f"Answer {i}")} for i in range(3)]},
    }
    fields = choices[kind]
    data = {"id": "p", "type": kind, **fields}
    if image is not None:
        data["image"] = image
    return validated(SLIDE_TYPES[kind], data)


WITH_PICTURE = ["text", "people", "list", "timeline", "contact"]


@pytest.mark.parametrize("screen", [(1024, 600), (1920, 1080), (1080, 1920)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("kind", WITH_PICTURE)
def test_every_page_type_lays_out_with_and_without_a_picture(
        make_view: MakeView, tmp_path: Path, kind: str, screen: tuple[int, int]) -> None:
    plain = picture_slide(kind, None)
    view = make_view(plain, deck_of(plain, tmp_path), "en", screen)
    assert view.findChild(PictureBox) is None
    assert overflows(view) == []
    slide = picture_slide(kind, {"illustration": "village", "credit": text("Drawn for this kiosk")})
    view = make_view(slide, deck_of(slide, tmp_path), "en", screen)
    box = view.findChild(PictureBox)
    assert box is not None
    assert box.covers
    assert overflows(view) == []
    heading = inside(view, view.labels[0])
    picture = inside(view, box)
    if screen[0] > screen[1]:
        assert picture.left() > heading.right(), "beside the text in landscape"
        assert picture.height() > view.height() * 0.5, "the picture fills its column"
    else:
        assert picture.bottom() < heading.top(), "above the text in portrait"
    credit = view.labels[-1]
    assert credit.accessibleName() == "Drawn for this kiosk"
    assert inside(view, credit).top() >= picture.bottom()


def test_a_covering_picture_is_cropped_around_its_focus(make_view: MakeView, tmp_path: Path) -> None:
    from PySide6.QtGui import QImage, QPainter

    image = QImage(QSize(1000, 400), QImage.Format.Format_RGB32)  # left half red, right half blue
    image.fill(QColor("#CC0000"))
    painter = QPainter(image)
    painter.fillRect(500, 0, 500, 400, QColor("#0000CC"))
    painter.end()
    assert image.save(str(tmp_path / "wide.png"))
    colours = {}
    for x in (0.0, 1.0):
        slide = picture_slide("text", {"file": "wide.png", "focus": [x, 0.5]})
        # Portrait: a box above the text, of its own shape (beside the text a picture keeps its own).
        view = make_view(slide, deck_of(slide, tmp_path), "en", (1080, 1920))
        box = view.findChild(PictureBox)
        assert box is not None
        colours[x] = box.grab().toImage().pixelColor(box.width() // 2, box.height() // 2)
    assert colours[0.0] == QColor("#CC0000")
    assert colours[1.0] == QColor("#0000CC")


def test_short_text_grows_to_fill_the_page_and_sits_at_its_optical_centre(
        make_view: MakeView, tmp_path: Path) -> None:
    slide = picture_slide("text", None)
    view = make_view(slide, deck_of(slide, tmp_path), "en", (1366, 768))
    assert view.scale > 1.0  # grown from the type scale's size
    paragraph = inside(view, view.labels[-1])
    heading = inside(view, view.labels[0])
    above = heading.top()
    below = view.height() - paragraph.bottom()
    assert above > view.context.metrics.margin  # not stuck to the top ...
    assert above < below  # ... but above the middle


@pytest.mark.parametrize("screen", [(1024, 600), (1080, 1920)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("kind", ["title", "statement"])
def test_centred_types_show_their_picture_as_a_banner_above(
        make_view: MakeView, tmp_path: Path, kind: str, screen: tuple[int, int]) -> None:
    slide = picture_slide(kind, {"illustration": "lotus", "credit": text("Drawn for this kiosk")})
    view = make_view(slide, deck_of(slide, tmp_path), "en", screen)
    box = view.findChild(PictureBox)
    assert box is not None
    assert box.covers
    words = [label for label in view.labels if label.accessibleName() != "Drawn for this kiosk"]
    assert inside(view, box).bottom() < min(inside(view, label).top() for label in words)
    assert box.width() <= box.height() * 2.2 + 1  # not a sliver
    assert overflows(view) == []


@pytest.mark.parametrize("screen", [(1024, 600), (1366, 768), (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_long_unbreakable_value_does_not_squeeze_the_picture_beside_it(
        make_view: MakeView, tmp_path: Path, screen: tuple[int, int]) -> None:
    photo = write_photo(tmp_path, QSize(800, 600))
    long_name = "Internationalorganisationforhumanrightsandminorities (IOHRM)"
    slide = validated(ContactSlide, {"id": "c", "heading": text("Talk to us"), "image": photo,
                                     "entries": [{"label": text("Organisation"), "value": text(long_name)},
                                                 {"label": text("Founded"), "value": text("7 June 2012")}]})
    view = make_view(slide, deck_of(slide, tmp_path), "en", screen)
    assert isinstance(view, PageView)
    assert view.picture_box is not None
    assert view.picture_box.width() == view.picture_size().width()
    assert overflows(view) == []


def test_a_heading_that_wraps_leaves_no_word_alone_on_its_last_line(make_view: MakeView, tmp_path: Path) -> None:
    slide = validated(TextSlide, {"id": "t", "heading": text("What kind of organisation is MIRO?"),
                                  "paragraphs": [text("Words.")], "image": write_photo(tmp_path, QSize(800, 600))})
    view = make_view(slide, deck_of(slide, tmp_path), "en", (1024, 600))
    heading = view.labels[0]
    lines = heading.text().split("<br>")
    assert len(lines) == 2, heading.text()
    assert all(len(line.split()) >= 2 for line in lines), lines


def test_captions_are_one_size_whatever_their_slides_text_does(make_view: MakeView, tmp_path: Path) -> None:
    photo = write_photo(tmp_path, QSize(800, 600))
    caption = {"file": photo, "credit": text("Photo: MIRO")}
    short = validated(TextSlide, {"id": "s", "heading": text("H"), "paragraphs": [text("Few words.")],
                                  "image": caption})
    long = validated(TextSlide, {"id": "l", "heading": text("A long heading for a crowded page"),
                                 "paragraphs": [text(" ".join(["Many words in a long paragraph."] * 9))] * 3,
                                 "image": caption})
    sizes = []
    for slide in (short, long):
        view = make_view(slide, deck_of(slide, tmp_path), "en", (1024, 600))
        sizes.append((view.scale, view.labels[-1].font().pixelSize()))
    (short_scale, short_px), (long_scale, long_px) = sizes
    assert short_scale > long_scale  # the text grew on one and shrank on the other ...
    assert long_px >= round(short_px * 0.9)  # ... its credit line kept (nearly) its size
    assert short_px == round(view.context.metrics.text_px(TextRole.CAPTION))


def test_a_picture_beside_the_text_keeps_its_shape_and_its_lines_under_it(
        make_view: MakeView, tmp_path: Path) -> None:
    slide = validated(TextSlide, {"id": "t", "heading": text("H"), "paragraphs": [text("Words.")],
                                  "image": {"file": write_photo(tmp_path, QSize(800, 600)),
                                            "caption": text("A caption")}})
    view = make_view(slide, deck_of(slide, tmp_path), "en", (1366, 768))
    assert isinstance(view, PageView)
    box = view.picture_box
    assert box is not None
    assert box.height() <= round(box.width() * 0.75 * 1.15) + 1  # not the column's whole height
    caption = inside(view, view.labels[-1])
    assert 0 <= caption.top() - inside(view, box).bottom() <= view.context.metrics.gap
    # At the column's optical centre (40 % of the room left above, 60 % below), not at its top.
    figure = view._figure  # the picture's column, in the view
    assert figure is not None
    column = figure.geometry()
    above, below = inside(view, box).top() - column.top(), column.bottom() - caption.bottom()
    assert 0 < above <= below
