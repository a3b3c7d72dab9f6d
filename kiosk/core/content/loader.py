"""Loads and validates a content folder, reporting every problem at once with file, line and hint.

It is long (about 450 lines) because every pydantic error is turned here into a message for the
person fixing the file; the table of those messages is most of it.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import BaseModel, ValidationError

from kiosk.core.content import model
from kiosk.core.content.loaded import DECK_FILE, ContentReport, LoadedContent, MissingTranslation
from kiosk.core.content.textscan import text_problems
from kiosk.core.content.validation import (
    SLIDE_TYPES,
    DeckFile,
    Language,
    LocalizedText,
    Slide,
    TopicFile,
    to_plain,
)
from kiosk.core.content.yamlsource import (
    Path_,
    YamlDocument,
    decode_content_bytes,
    parse_yaml_text,
    read_yaml_file,
)
from kiosk.core.errors import ContentError, Location, ProblemCollector, did_you_mean, display_path
from kiosk.core.storage.assets import available_illustrations
from kiosk.core.storage.filegroup import RecoveryError, recover_interrupted_import
from kiosk.core.text.wordlist import WORDS_FILE, parse_word_file

# What loading gives lives in kiosk.core.content.loaded (no pydantic there); named here too.
__all__ = ["DECK_FILE", "ContentReport", "LoadedContent", "MissingTranslation", "content_report", "load_content"]

def _check_root(root: Path, problems: ProblemCollector) -> None:
    """Stop at once when ``root`` is no content folder; finish an interrupted sheet import first."""
    root_display = display_path(root)
    try:
        root_exists, root_is_dir = root.exists(), root.is_dir()
    except OSError:  # e.g. a name longer than the file system allows
        root_exists = root_is_dir = False
    if not root_exists:
        problems.add(Location(root_display), "content folder not found",
                     "give the folder that holds deck.yaml")
        problems.raise_if_any()
    if not root_is_dir:
        problems.add(Location(root_display), "this is a file, but a content folder is expected",
                     "give the folder that holds deck.yaml")
        problems.raise_if_any()
    try:
        recover_interrupted_import(root)  # every command that reads the folder sees all old or all new
    except RecoveryError as exc:
        problems.add(Location(display_path(exc.journal)),
                     f"an interrupted 'kiosk strings import' cannot be finished: {exc.reason}",
                     "make the folder writable and run any kiosk command again; if the journal is "
                     "damaged, delete it and any .kiosk-import-* files, then check the texts")
        problems.raise_if_any()


def _load_topic(name: str, doc: YamlDocument, context: dict[str, Any], seen_ids: dict[str, Location],
                problems: ProblemCollector) -> model.Topic | None:
    """One topic file's title, icon and slides, as the plain model (None when its own fields are wrong)."""
    topic_file = _validate(TopicFile, doc.data, doc, (), context, problems)
    # Slides are checked even when the title or icon is wrong: every problem shows at once.
    raw_slides = doc.data.get("slides")
    slides: list[Slide] = []
    for i, raw in enumerate(raw_slides if isinstance(raw_slides, list) else []):
        if not isinstance(raw, dict):
            continue  # reported with the topic file
        slide = _validate_slide(raw, doc, ("slides", i), context, problems)
        if slide is None:
            continue
        loc = doc.location(("slides", i, "id"))
        if slide.id in seen_ids:
            problems.add(loc, f"slide id '{slide.id}' is used twice (first at {seen_ids[slide.id]})",
                         "give every slide its own id")
        else:
            seen_ids[slide.id] = loc
        slides.append(slide)
    if topic_file is None:
        return None
    return model.Topic(file=name, title=to_plain(topic_file.title), icon=topic_file.icon,
                       slides=tuple(to_plain(s) for s in slides), picture=to_plain(topic_file.picture))


def load_content(root: Path, icons: list[str] | None = None,
                 overrides: dict[str, str] | None = None) -> LoadedContent:
    """Load ``root``/deck.yaml and its topic files; raise ContentError listing every problem.

    ``overrides`` maps a file name to text to use instead of the file (to check an edit before
    writing it).
    """
    problems = ProblemCollector()
    overrides = overrides or {}
    _check_root(root, problems)
    documents: dict[str, YamlDocument] = {}
    deck_doc = _read(root / DECK_FILE, problems, overrides.get(DECK_FILE))
    if deck_doc is None:
        problems.raise_if_any()
    assert deck_doc is not None
    documents[DECK_FILE] = deck_doc
    languages = _languages(deck_doc, problems)
    context: dict[str, Any] = {"languages": languages, "root": root, "icons": icons or [],
                               "illustrations": available_illustrations()}
    deck_file = _validate(DeckFile, deck_doc.data, deck_doc, (), context, problems)
    topic_names: list[str] = deck_file.topics if deck_file else _raw_topics(deck_doc)

    topics: list[model.Topic] = []
    seen_ids: dict[str, Location] = {}
    seen_files: set[str] = set()
    for index, name in enumerate(topic_names):
        where = deck_doc.location(("topics", index))
        topic_path = _topic_path(root, name, where, problems)
        if topic_path is None:
            continue
        if name in seen_files:
            problems.add(where, f"topic file '{name}' is listed twice", "remove one of the lines")
            continue
        seen_files.add(name)
        doc = _read(topic_path, problems, overrides.get(name))
        if doc is None:
            continue
        documents[name] = doc
        topic = _load_topic(name, doc, context, seen_ids, problems)
        if topic is not None:
            topics.append(topic)

    words = _read_words(root, problems, overrides.get(WORDS_FILE))
    problems.raise_if_any()
    assert deck_file is not None
    deck = model.Deck(
        root=root, name=to_plain(deck_file.name), short_name=to_plain(deck_file.short_name),
        tagline=to_plain(deck_file.tagline), languages=tuple(to_plain(lang) for lang in deck_file.languages),
        idle_timeout_s=deck_file.idle_timeout, topics=tuple(topics), interface=to_plain(deck_file.interface),
        words=words, log_keep_days=deck_file.log_keep_days, keep_together=tuple(deck_file.keep_together),
    )
    return LoadedContent(deck=deck, report=content_report(deck), documents=documents)


def _read(path: Path, problems: ProblemCollector, text: str | None = None) -> YamlDocument | None:
    try:
        if text is not None:
            doc = parse_yaml_text(text, path, display_path(path))
        else:
            doc = read_yaml_file(path, display_path(path))
    except ContentError as exc:
        problems.extend(exc.problems)
        return None
    if not isinstance(doc.data, dict):
        problems.add(doc.location(()), "expected 'key: value' lines at the top of the file",
                     "see the comments at the top of the bundled files for the layout")
        return None
    problems.extend(text_problems(doc))
    return doc


def _read_words(root: Path, problems: ProblemCollector, text: str | None = None) -> tuple[str, ...]:
    """The words of the optional ``khmer-words.txt`` that no line may break inside."""
    path = root / WORDS_FILE
    display = display_path(path)
    if text is None:
        try:
            if not path.is_file():
                return ()
            text = decode_content_bytes(path.read_bytes(), display)
        except ContentError as exc:
            problems.extend(exc.problems)
            return ()
        except OSError as exc:
            problems.add(Location(display), f"cannot read this file ({exc.strerror})")
            return ()
    entries, found = parse_word_file(text, display)
    problems.extend(found)
    return tuple(e.word for e in entries)


def _languages(doc: YamlDocument, problems: ProblemCollector) -> list[str]:
    """The deck's language codes, validated on their own so every other text can be checked."""
    raw = doc.data.get("languages")
    if not isinstance(raw, list):
        return []
    codes: list[str] = []
    for item in raw:
        try:
            codes.append(Language.model_validate(item).code)
        except ValidationError:
            continue  # reported with the whole deck file
    if len(set(codes)) != len(codes):
        problems.add(doc.location(("languages",)), "a language is listed twice",
                     "list each language once")
    return codes


def _raw_topics(doc: YamlDocument) -> list[str]:
    raw = doc.data.get("topics")
    if isinstance(raw, list):
        return [t for t in raw if isinstance(t, str)]
    return []


def _topic_path(root: Path, name: str, where: Location, problems: ProblemCollector) -> Path | None:
    pure = PurePosixPath(name)
    if pure.is_absolute() or ".." in pure.parts or "\\" in name or ":" in name:
        problems.add(where, f"topic file '{name}' must be inside the content folder",
                     "give just the file name, e.g. mission.yaml")
        return None
    if pure.suffix not in (".yaml", ".yml"):
        problems.add(where, f"topic file '{name}' must end in .yaml", "e.g. mission.yaml")
        return None
    path = root / pure
    try:
        is_dir, exists = path.is_dir(), path.exists()
    except OSError:  # e.g. a name longer than the file system allows
        is_dir = exists = False
    if is_dir:
        problems.add(where, f"'{name}' is a folder, but a topic file is expected",
                     "name a .yaml file")
        return None
    if not exists and _is_link(path):  # dangling or looping: read_yaml_file says which
        return path
    if not exists:
        existing = [p.name for p in root.glob("*.yaml")] + [p.name for p in root.glob("*.yml")]
        problems.add(where, f"topic file '{name}' not found",
                     did_you_mean(name, existing, cutoff=0.8) or f"create {display_path(path)}")
        return None
    return path


def _is_link(path: Path) -> bool:
    try:
        return path.is_symlink()
    except OSError:
        return False


def _validate_slide(raw: dict[str, Any], doc: YamlDocument, prefix: Path_, context: dict[str, Any],
                    problems: ProblemCollector) -> Slide | None:
    kinds = ", ".join(SLIDE_TYPES)
    kind = raw.get("type")
    if kind is None:
        problems.add(doc.location(prefix), "this slide has no 'type'", f"add 'type:' with one of: {kinds}")
        return None
    if not isinstance(kind, str) or kind not in SLIDE_TYPES:
        problems.add(doc.location((*prefix, "type")), f"unknown slide type '{kind}'",
                     did_you_mean(str(kind), SLIDE_TYPES) or f"use one of: {kinds}")
        return None
    slide: Slide | None = _validate(SLIDE_TYPES[kind], raw, doc, prefix, context, problems)
    return slide


def _validate(model: type[Any], data: Any, doc: YamlDocument, prefix: Path_, context: dict[str, Any],
              problems: ProblemCollector) -> Any:
    try:
        return model.model_validate(data, context=context)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            _add_error(err, model, data, doc, prefix, problems)
        return None


@dataclass
class _Error:
    """One pydantic error, with what the message for the person fixing the file needs."""

    kind: str
    name: str
    loc: tuple[str | int, ...]
    value: Any
    ctx: dict[str, Any]
    msg: str
    model: type[BaseModel]
    doc: YamlDocument
    prefix: Path_
    where: Location
    hint: str

    def at(self, path: tuple[Any, ...], *, key: bool = False) -> Location:
        return self.doc.location((*self.prefix, *path), key=key)


#: What a message handler gives: where the problem is, the message, and the hint.
_Said = tuple[Location, str, str]


def _missing(e: _Error) -> _Said:
    hint = f"add '{e.name}:' with a line for each language" if _field_is_text(e.model, e.loc) else (
        f"add a line '{e.name}: ...'")
    return e.at(e.loc[:-1]), f"'{e.name}' is missing", hint


def _extra(e: _Error) -> _Said:
    allowed = _fields_at(e.model, e.loc[:-1])
    return (e.at(e.loc, key=True), f"unknown field '{e.name}'",
            did_you_mean(e.name, allowed) or "allowed here: " + ", ".join(allowed))


def _unknown_language(e: _Error) -> _Said:
    code = str(e.ctx.get("code", e.ctx.get("key", "")))
    return (e.at((*e.loc, e.ctx.get("key", "")), key=True), e.msg,
            did_you_mean(code, e.ctx.get("choices", [])) or "languages are declared in deck.yaml")


def _not_a_mapping(e: _Error) -> _Said:
    if e.value == "" and _field_is_text(e.model, e.loc):
        return e.where, f"'{e.name}' is empty", "add a line for each language below it, e.g.  km: ...  and  en: ..."
    if isinstance(e.value, str) and _field_is_text(e.model, e.loc):
        return (e.where, f"'{e.name}' needs a text in every language, not a single text",
                "write it as a line for each language, e.g.  km: ...  and  en: ...")
    return (e.where, f"'{e.name}' should be 'key: value' lines, not {_describe(e.value)}",
            "indent the lines below it by two spaces")


_HANDLERS: dict[str, Callable[[_Error], _Said]] = {
    "missing": _missing,
    "extra_forbidden": _extra,
    "unknown_language": _unknown_language,
    "unknown_review_language": _unknown_language,
    "missing_default_language": lambda e: (
        e.where, e.msg, "every text needs the default language; other languages may follow later"),
    "string_type": lambda e: (
        e.where, f"'{e.name}' should be a text, not {_describe(e.value)}",
        "put the text on the same line after the colon"),
    "dict_type": _not_a_mapping,
    "model_type": _not_a_mapping,
    "model_attributes_type": _not_a_mapping,
    "list_type": lambda e: (
        e.where, f"'{e.name}' should be a list, not {_describe(e.value)}", "start each item on its own line with '- '"),
    "too_short": lambda e: (e.where, f"'{e.name}' needs at least {e.ctx.get('min_length', 1)} item(s)", e.hint),
    "too_long": lambda e: (
        e.where, f"'{e.name}' has too many items: at most {e.ctx.get('max_length')} fit on one slide",
        e.hint or "move some items to another slide"),
    "int_parsing": lambda e: (e.where, f"'{e.name}' should be a whole number, not '{e.value}'", e.hint),
    "int_type": lambda e: (e.where, f"'{e.name}' should be a whole number, not '{e.value}'", e.hint),
    "int_from_float": lambda e: (e.where, f"'{e.name}' should be a whole number, not '{e.value}'", e.hint),
}


def _raw_at(data: Any, loc: tuple[str | int, ...]) -> Any:
    """The value the file gave at ``loc`` (None where there is none)."""
    for part in loc:
        in_list = isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data)
        if not (in_list or (isinstance(data, dict) and part in data)):
            return None
        data = data[part]
    return data


def _add_error(err: Any, model: type[BaseModel], data: Any, doc: YamlDocument, prefix: Path_,
               problems: ProblemCollector) -> None:
    loc: tuple[str | int, ...] = tuple(p for p in err["loc"] if not _is_tag(p))
    if loc and loc[-1] == "file" and isinstance(_raw_at(data, loc[:-1]), str):
        loc = loc[:-1]  # `image: photo.jpg`, the short form of `image: {file: photo.jpg}`
    ctx: dict[str, Any] = err.get("ctx") or {}
    error = _Error(kind=err["type"], name=str(loc[-1]) if loc else "this", loc=loc, value=err.get("input"),
                   ctx=ctx, msg=err["msg"], model=model, doc=doc, prefix=prefix,
                   where=doc.location((*prefix, *loc)), hint=str(ctx.get("hint", "")))
    handler = _HANDLERS.get(error.kind)
    if handler is not None:
        where, message, hint = handler(error)
    elif error.kind.startswith(("greater_than", "less_than")):
        where, message, hint = error.where, f"'{error.name}': {error.msg.lower()}", error.hint
    else:
        where, message, hint = error.where, f"'{error.name}': {error.msg}", error.hint
    problems.add(where, message, hint)


def _is_tag(part: Any) -> bool:
    return isinstance(part, str) and ("[" in part or part.startswith("function-"))


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "'key: value' lines"
    if isinstance(value, list):
        return "a list"
    if value is None or value == "":
        return "nothing"
    return f"'{value}'"


def _model_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        info = current.model_fields.get(part)
        if info is None:
            return None
        current = _unwrap(info.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (list, tuple) or origin is typing.Union or origin is types.UnionType:
            args = [a for a in typing.get_args(annotation) if a is not type(None) and a is not Ellipsis]
            annotation = args[0] if args else None
        else:
            return annotation


def _fields_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    inner = _model_at(model, loc)
    return list(inner.model_fields) if inner is not None else []


def _field_is_text(model: type[BaseModel], loc: tuple[str | int, ...]) -> bool:
    parent = _model_at(model, loc[:-1])
    if parent is None or not loc or isinstance(loc[-1], int):
        inner = _model_at(model, loc)
        return inner is LocalizedText
    info = parent.model_fields.get(str(loc[-1]))
    return info is not None and _unwrap(info.annotation) is LocalizedText


def content_report(deck: model.Deck) -> ContentReport:
    """Counts of slides and texts, texts awaiting review, and texts missing a language."""
    report = ContentReport(slides=len(deck.slides), topics=len(deck.topics),
                           languages=deck.language_codes)
    deck_texts = [(key, text) for key, text in (("name", deck.name), ("short_name", deck.short_name),
                                                ("tagline", deck.tagline)) if text is not None]
    deck_texts += [(f"interface.{key}", text) for key, text in deck.interface.items()]
    sources: list[tuple[str, str, list[tuple[str, model.LocalizedText]]]] = [(DECK_FILE, "", deck_texts)]
    for topic in deck.topics:
        sources.append((topic.file, "", [("title", topic.title)]))
        sources.extend((topic.file, s.id, list(model.iter_texts(s))) for s in topic.slides)
    for file, slide_id, texts in sources:
        for field_path, text in texts:
            report.texts += 1
            if text.awaiting_review:
                report.awaiting_review += 1
            for code in deck.language_codes:
                if not text.has(code):
                    report.missing.append(MissingTranslation(file, slide_id, field_path, code))
    return report
