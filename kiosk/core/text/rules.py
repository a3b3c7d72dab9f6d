"""Where a line may break: ICU's Khmer words, then rules, word lists and the deck's names that veto breaks.

The layers, each of which can only take breaks away (except the word list's repair, below):

1. ICU's dictionary breaks, computed on the text spelt with ្ត and again spelt with ្ដ (ICU's list
   knows some words in one spelling only); a break survives only if both spellings allow it.
2. Never inside a cluster, before ។ ៕ ៖ ៗ ? ! ) » or between a digit and what it is attached to
   (ឆ្នាំ២០១២); a space before such a sign becomes a no-break space.
3. Dates (៧ មិថុនា ២០១២, ថ្ងៃទី២៨ មករា ២០១៣, 7 June 2012) and a number with its unit
   (១០ វិនាទី, {seconds} seconds) hold together with no-break spaces.
4. The word lists (bundled compounds and names, the content folder's ``khmer-words.txt``) veto
   breaks inside their entries. Where ICU had put a break inside an entry it misread the
   words around it (ជាម|ន្ត្រី): the entry's own edges become the breaks instead (ជា|មន្ត្រី).
5. Protected phrases (the deck's names, every person's name) are kept whole, spaces included,
   and a title stays with the name after it (លោក ស៊ួន, Mr. Butmao).

Layers 4 and 5 are the lists' opinion: when a kept-together stretch is wider than the line,
:meth:`Breaker.mark_to_fit` gives those breaks back, and failing that breaks between syllables.

No-break spaces are U+00A0, not U+202F: U+00A0 has the width of the space the author typed, so
a kept-together date looks exactly as written, and every font the kiosk uses has it, while
U+202F (narrow) would change the spacing and fall back to another font where it is missing.

It is long (about 450 lines) because the layers decide together which break wins (a date over ICU, a
name over a list), and they must be read side by side.
"""

from __future__ import annotations

import functools
import html
import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from kiosk.core.text.linebreak import KhmerLineBreaker, default_breaker
from kiosk.core.text.syllables import cluster_starts, is_cluster_boundary, syllable_breaks, to_da, to_ta
from kiosk.core.text.wordlist import WordList, bundled_names, bundled_words

ZWSP = "\u200b"
NBSP = "\u00a0"
WORD_JOINER = "\u2060"  # no break here: after the hyphen of ACTED-PSF, which Qt would break

_MARKUP = re.compile(r"<[A-Za-z/!][^<>]*>|&(?:#\d+|#[xX][0-9A-Fa-f]+|[A-Za-z]+);")
_KHMER_RUN = re.compile("[\u1780-\u17ff\u19e0-\u19ff\u200c\u200d]+")
_DIGIT = re.compile("[0-9\u17e0-\u17e9]")
# No line may start with these: Khmer khan, bariyoosan, colon, repetition sign, the lek too and
# koomuut, and the Latin closing signs.
_CLOSING = frozenset("\u17d4\u17d5\u17d6\u17d7\u17d8\u17da\u17db?!)]}»›”’:;,.%…")
_OPENING = frozenset("([{«‹“‘")

# --- the tables of the date and unit rules (Khmer spelt with ្ត, see to_ta) -------------------
_KM_MONTHS = ("មករា", "កុម្ភៈ", "មីនា", "មេសា", "ឧសភា", "មិថុនា", "កក្កដា", "សីហា", "កញ្ញា", "តុលា",
              "វិច្ឆិកា", "ធ្នូ")
_KM_WEEKDAYS = ("ច័ន្ទ", "អង្គារ", "ពុធ", "ព្រហស្បតិ៍", "សុក្រ", "សៅរ៍", "អាទិត្យ")
# Words written before a number they count or name: ឆ្នាំ ២០១២, ថ្ងៃទី ៧, លេខ ៥.
_KM_BEFORE_NUMBER = ("ថ្ងៃទី", "ទី", "ឆ្នាំ", "ខែ", "លេខ", "ម៉ោង", "ព.ស.", "គ.ស.", "ជំពូក", "មាត្រា")
# Units and counters written after a number: ១០ វិនាទី, ២ នាក់, ៥០ ភាគរយ.
_KM_UNITS = ("វិនាទី", "នាទី", "ម៉ោង", "ថ្ងៃ", "សប្តាហ៍", "ខែ", "ឆ្នាំ", "ទសវត្សរ៍", "សតវត្សរ៍", "នាក់",
             "រូប", "អង្គ", "ក្បាល", "គ្រួសារ", "ខេត្ត", "ភូមិ", "ឃុំ", "ដុល្លារ", "រៀល", "ភាគរយ",
             "គីឡូម៉ែត្រ", "ម៉ែត្រ", "គីឡូក្រាម", "ហិកតា", "លាន", "ពាន់", "ម៉ឺន", "សែន", "ប៊ីលាន", "ដង", "លើក",
             "ព្រឹក", "រសៀល", "ល្ងាច", "យប់")
_EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug",
              "Sep", "Sept", "Oct", "Nov", "Dec")
_EN_UNITS = ("seconds", "second", "secs", "sec", "s", "minutes", "minute", "mins", "min", "hours",
             "hour", "h", "days", "day", "weeks", "week", "months", "month", "years", "year",
             "people", "persons", "person", "families", "provinces", "villages", "km", "m", "cm",
             "kg", "ha", "USD", "riels", "riel", "percent", "million", "billion", "thousand",
             "hundred", "times", "pages", "page", "%")
_EN_TITLES = ("Mr", "Mrs", "Ms", "Dr", "Prof", "H.E", "Lok", "Neak")
# Khmer titles kept with the name after them (the names come from the deck and the names list).
KM_TITLES = ("លោក", "លោកស្រី", "អ្នកស្រី", "អ្នកនាង", "កញ្ញា", "ឯកឧត្តម", "លោកជំទាវ", "សម្តេច",
             "បណ្ឌិត", "សាស្ត្រាចារ្យ", "លោកគ្រូ", "អ្នកគ្រូ", "ព្រះតេជព្រះគុណ", "ឧកញ៉ា")


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(to_ta(w)) for w in sorted(set(words), key=len, reverse=True))


_SP = "[ \u00a0]"
_NUM = r"(?:[0-9\u17e0-\u17e9]+(?:[.,:/][0-9\u17e0-\u17e9]+)*|\{[A-Za-z_][A-Za-z0-9_]*\})"


@dataclass(frozen=True)
class _NumberRules:
    """The compiled date and unit rules (compiled for the first text with a number in it)."""

    khmer: tuple[re.Pattern[str], ...]   # dates, words before a number, units after one, 11 / 14
    english: tuple[re.Pattern[str], ...]  # dates and units


@dataclass(frozen=True)
class _WordRules:
    """The compiled title and acronym rules (compiled on first use, not at import)."""

    english_title: re.Pattern[str]
    acronym_hyphen: re.Pattern[str]


_NO_WORDS = WordList(())

_NUMBERED = re.compile(r"[0-9\u17e0-\u17e9{]")  # a digit, or a placeholder such as {seconds}


@functools.cache
def _number_rules() -> _NumberRules:
    km_month = rf"(?:ខែ)?(?:{_alternation(_KM_MONTHS)})"
    km_day = rf"(?:ថ្ងៃ(?:{_alternation(_KM_WEEKDAYS)}){_SP}+)?(?:ថ្ងៃ)?(?:ទី)?{_SP}*{_NUM}"
    km_year = rf"(?:ឆ្នាំ)?{_SP}*{_NUM}"
    en_month = "|".join(sorted(_EN_MONTHS, key=len, reverse=True))
    en_unit = "|".join(sorted(map(re.escape, _EN_UNITS), key=len, reverse=True))
    return _NumberRules(
        khmer=(
            re.compile(rf"{km_day}{_SP}+{km_month}(?:{_SP}+{km_year})?|{km_month}{_SP}+{km_year}"),
            re.compile(rf"(?:{_alternation(_KM_BEFORE_NUMBER)}){_SP}+{_NUM}"),
            re.compile(rf"{_NUM}{_SP}+(?:{_alternation(_KM_UNITS)})"),
            re.compile(rf"{_NUM}{_SP}+/{_SP}+{_NUM}"),  # the page counter: 11 / 14
        ),
        english=(
            re.compile(rf"(?<!\w){_NUM}{_SP}+(?:{en_month})\b\.?(?:,?{_SP}+{_NUM})?"
                       rf"|\b(?:{en_month})\b\.?{_SP}+{_NUM}(?:,?{_SP}+{_NUM})?"),
            re.compile(rf"(?<!\w){_NUM}{_SP}+(?:{en_unit})(?![A-Za-z])"),
        ),
    )


@functools.cache
def _word_rules() -> _WordRules:
    return _WordRules(
        english_title=re.compile(rf"\b(?:{'|'.join(map(re.escape, _EN_TITLES))})\.?{_SP}+(?=[A-Z])"),
        acronym_hyphen=re.compile(r"(?<![A-Za-z0-9])[A-Z][A-Z0-9]+-(?=[A-Za-z0-9])"),
    )


@dataclass(frozen=True)
class Breaks:
    """The break decisions for one text without markup.

    ``allowed``: offsets where a line may start (after a breakable space, or where a ZWSP goes).
    ``no_break_spaces``: offsets of spaces that must not break (they become U+00A0).
    ``relaxable`` / ``relaxable_spaces``: breaks that only the word lists or names took away.
    ``joined``: offsets after the hyphen of a Latin acronym (ACTED-PSF) where a word joiner goes.
    ``never``: offsets no fallback may break at (inside a cluster, before punctuation, in a date).
    """

    text: str
    allowed: frozenset[int]
    no_break_spaces: frozenset[int]
    relaxable: frozenset[int]
    relaxable_spaces: frozenset[int]
    joined: frozenset[int] = frozenset()
    never: frozenset[int] = frozenset()

    def marked(self, allowed: Iterable[int] | None = None, no_break_spaces: Iterable[int] | None = None) -> str:
        """The text with ZWSP at the allowed breaks that are not spaces, and U+00A0 for kept spaces."""
        return _render_plain(self.text, frozenset(self.allowed if allowed is None else allowed),
                             frozenset(self.no_break_spaces if no_break_spaces is None else no_break_spaces),
                             self.joined)

    def pieces(self) -> list[str]:
        """The text cut at every allowed break (for tools and tests)."""
        cuts = [0, *sorted(self.allowed), len(self.text)]
        return [self.text[a:b] for a, b in itertools.pairwise(cuts)]


class Breaker:
    """Marks a text for Qt's line breaker: ZWSP where a line may break, U+00A0 where a space must not."""

    def __init__(self, words: WordList | None = None, phrases: Iterable[str] = (),
                 names: Iterable[str] = (), finder: KhmerLineBreaker | None = None,
                 base_words: WordList | None = None) -> None:
        self._words = words if words is not None else bundled_words()
        # The vocabulary without the deck's names: what a name too wide for the line falls back on.
        self._base_words = base_words if base_words is not None else self._words
        self._finder = finder
        kept = sorted({p.strip() for p in phrases if p.strip()}, key=len, reverse=True)
        self.phrases: tuple[str, ...] = tuple(kept)
        self._phrase_pattern = re.compile("|".join(
            f"{_SP}+".join(re.escape(to_ta(token)) for token in phrase.split()) for phrase in kept
        )) if kept else None
        self._names = frozenset(to_ta(n) for n in (*names, *bundled_names(), *KM_TITLES))
        self._name_list = WordList(self._names)
        self._titles = tuple(to_ta(t) for t in KM_TITLES)
        self._cached = functools.lru_cache(maxsize=4096)(self._mark)

    @classmethod
    def for_names(cls, phrases: Iterable[str], words: Iterable[str] = ()) -> Breaker:
        """A breaker that keeps every phrase in ``phrases`` (names of the organisation, of people)
        on one line, with the bundled lists plus ``words`` (a content folder's own list).

        ``kiosk.core.content.breaking.breaker_for`` builds one from a deck.
        """
        kept = [p for p in phrases if p.strip()]
        khmer_tokens = [token for phrase in kept for token in phrase.split() if _KHMER_RUN.fullmatch(token)]
        base = bundled_words().union(words)
        return cls(base.union(khmer_tokens), phrases=kept, names=khmer_tokens, base_words=base)

    @property
    def method(self) -> str:
        return self.finder.method

    @property
    def finder(self) -> KhmerLineBreaker:
        return self._finder or default_breaker()

    def mark(self, text: str, language: str | None = None) -> str:
        """``text`` (plain or the kiosk's rich text) ready for Qt: ZWSP at allowed breaks, U+00A0 at kept spaces.

        ``language`` selects the tables for Latin-script words (English months, units and titles
        apply for ``en`` or when it is not given); the Khmer rules apply whatever it is. Authored
        ZWSPs stay where a rule allows a break. Results are cached: the same texts come back often.
        """
        return self._cached(text, language)

    def _mark(self, text: str, language: str | None) -> str:
        if not text:
            return text
        source = _Source.parse(text)
        breaks = self.analyse_plain(source.plain, language, source.authored)
        return source.render(breaks.allowed, breaks.no_break_spaces, breaks.joined)

    def analyse(self, text: str, language: str | None = None) -> Breaks:
        """The break decisions for ``text`` (markup and authored ZWSPs taken out first)."""
        source = _Source.parse(text)
        return self.analyse_plain(source.plain, language, source.authored)

    def analyse_plain(self, text: str, language: str | None = None,
                      authored: frozenset[int] = frozenset()) -> Breaks:
        canon = to_ta(text)
        n = len(text)
        candidates: set[int] = set(authored)
        never: set[int] = set()           # clusters, punctuation, digits, dates: no list may undo these
        kept: set[int] = set()            # vetoed by a word list or a name
        space_breaks = {i + 1 for i, c in enumerate(text) if c == " " and i + 1 < n and text[i + 1] != " "}
        hard_spaces: set[int] = set()
        soft_spaces: set[int] = set()

        for match in _KHMER_RUN.finditer(text):
            start, run = match.start(), match.group()
            agreed, disputed = self._icu_breaks(run)
            mine = {p - start for p in authored if start < p < match.end()}
            for p in range(1, len(run)):
                if not is_cluster_boundary(run, p) or _DIGIT.match(run[p - 1]) or _DIGIT.match(run[p]) \
                        or run[p] in _CLOSING:
                    never.add(start + p)
            found, vetoed = self._word_matches(canon[start:match.end()], agreed, disputed)
            kept |= {start + p for p in vetoed}
            candidates |= {start + p for p in found | mine}
        never |= {p for p in authored if text[p] in _CLOSING or text[p - 1] in _OPENING}

        hard_spaces |= _spaces_held_by_punctuation(text)

        latin_tables = language is None or language.split("-")[0] == "en"
        rules = _word_rules()
        patterns: list[re.Pattern[str]] = []
        if _NUMBERED.search(text):  # every date and unit rule needs a number: most texts have none
            numbers = _number_rules()
            patterns = [*numbers.khmer, *(numbers.english if latin_tables else ())]
        for pattern in patterns:
            for m in pattern.finditer(canon):
                self._hold(text, m.start(), m.end(), never, hard_spaces)
        if latin_tables:
            for m in rules.english_title.finditer(text):
                self._hold(text, m.start(), m.end() + 1, kept, soft_spaces)
        if self._phrase_pattern is not None:
            for m in self._phrase_pattern.finditer(canon):
                self._hold(text, m.start(), m.end(), kept, soft_spaces)
        soft_spaces |= self._title_spaces(canon)

        allowed = (candidates | space_breaks) - never - kept - {0, n}
        allowed -= {i + 1 for i in hard_spaces | soft_spaces}
        relaxable = ((candidates & kept) - never) - {0, n}
        nbsp = hard_spaces | soft_spaces
        joined = frozenset(m.end() for m in rules.acronym_hyphen.finditer(text))
        return Breaks(text, frozenset(allowed - joined), frozenset(nbsp), frozenset(relaxable),
                      frozenset(soft_spaces - hard_spaces), joined, frozenset(never | joined))

    def _icu_breaks(self, run: str) -> tuple[set[int], set[int]]:
        """ICU's breaks in a Khmer run that both spellings of subscript ta agree on, and the other
        breaks ICU finds in the run as it is spelt (disputed: the other spelling does not have them)."""
        ta, da = to_ta(run), to_da(run)
        on_ta = self._icu(ta)
        if da == ta:
            return on_ta, set()
        on_da = self._icu(da)
        as_spelt = on_ta if run == ta else on_da if run == da else self._icu(run)
        agreed = on_ta & on_da
        return agreed, as_spelt - agreed

    def _icu(self, run: str) -> set[int]:
        return {p for p in self.finder.breaks(run) if is_cluster_boundary(run, p)}

    def _word_matches(self, run: str, agreed: set[int], disputed: set[int], words: WordList | None = None,
                      name_list: WordList | None = None) -> tuple[set[int], set[int]]:
        """The breaks of a run after the word lists had their say, and the breaks the lists vetoed.

        ``run`` is spelt with ្ត. An entry vetoes every break inside it. Where ICU (on either
        spelling) had put a break inside an entry, it misread the words around it, so the entry's
        edges become breaks (ជាម|ន្ត្រី becomes ជា|មន្ត្រី). An entry that crosses a break at which
        another vocabulary entry, not inside it, ends or starts straddles two words (the រក of
        ការ|កសាង) and is ignored. A break the two spellings dispute is kept where one vocabulary
        entry ends and another starts (ទទួល|ពាក្យ), unless an entry spans it.
        """
        starts = [*cluster_starts(run), len(run)]
        raw = agreed | disputed
        vocabulary = self._find(run, starts, self._words if words is None else words)
        # A name that overlaps a word only in part (the surname ជាម in ជា|មន្ត្រី) is not this name.
        names = [(a, b) for a, b in self._find(run, starts, self._name_list if name_list is None else name_list)
                 if not any(a < b2 and a2 < b and not (a <= a2 and b2 <= b) and not (a2 <= a and b <= b2)
                            for a2, b2 in vocabulary)]
        matches = vocabulary + [m for m in names if m not in vocabulary]
        vetoed: set[int] = set()
        edges: set[int] = set()
        for a, b in matches:
            crossed = {p for p in raw if a < p < b}
            if any(c in (a2, b2) and not (a <= a2 and b2 <= b) for c in crossed for a2, b2 in vocabulary):
                continue
            vetoed |= {p for p in starts if a < p < b}
            if crossed:
                edges |= {a, b} - {0, len(run)}
        ends = {b for _a, b in vocabulary}
        begins = {a for a, _b in vocabulary}
        restored = {p for p in disputed if p in ends and p in begins}
        return (agreed | restored | edges) - vetoed, vetoed

    @staticmethod
    def _find(run: str, starts: list[int], words: WordList) -> list[tuple[int, int]]:
        """Every (start, end) where an entry of ``words`` stands in ``run``, on cluster boundaries."""
        found: list[tuple[int, int]] = []
        for i, a in enumerate(starts):
            for b in starts[i + 1:]:
                if b - a > words.longest:
                    break
                if words.contains_key(run[a:b]):
                    found.append((a, b))
        return found

    def _title_spaces(self, canon: str) -> set[int]:
        """Spaces between a title or name and the name after it (លោក ស៊ួន ប៊ុតម៉ៅ)."""
        spaces: set[int] = set()
        for i, char in enumerate(canon):
            if char not in " \u00a0":
                continue
            left = canon[:i].rsplit(None, 1)[-1] if canon[:i].strip() else ""
            right = canon[i + 1:].split(None, 1)[0] if canon[i + 1:].strip() else ""
            right = right.rstrip("".join(_CLOSING)).lstrip("".join(_OPENING))
            if not left or right not in self._names:
                continue
            if left in self._names or any(
                    left == t or (left.endswith(t) and is_cluster_boundary(left, len(left) - len(t)))
                    for t in self._titles):
                spaces.add(i)
        return spaces

    @staticmethod
    def _hold(text: str, start: int, end: int, inside: set[int], spaces: set[int]) -> None:
        """No break strictly inside ``text[start:end]``: its spaces become no-break spaces."""
        inside.update(range(start + 1, end))
        spaces.update(i for i in range(start, end) if text[i] == " " and start < i + 1 < end)

    def mark_to_fit(self, text: str, width: float, measure: Callable[[str], float],
                    language: str | None = None) -> str:
        """Like :meth:`mark`, for plain ``text`` drawn ``width`` wide; ``measure`` gives a string's width.

        A stretch wider than the line gets back, one step at a time and only where a piece is
        still too wide: the breaks the deck's phrases and names took away; the word breaks inside
        a name (the vocabulary without the deck's names); ICU's own breaks; and last the breaks
        between syllables (never inside a cluster, a date or before punctuation), so nothing is
        clipped and a word is split only when no word boundary is left. A word that ICU and the
        lists read as one (សាស្ត្រាចារ្យ, ជនជាតិភាគតិច) is not guessed apart before that last step.
        """
        breaks = self.analyse(text, language)
        allowed = set(breaks.allowed)
        plain = breaks.text
        for step in [*self._word_steps(breaks), self._syllable_step(breaks)]:
            wide = [(a, b) for a, b in _stretches(plain, allowed) if measure(plain[a:b].strip()) > width]
            if not wide:
                break
            for a, b in wide:
                allowed |= {p for p in step(a, b) if a < p < b} - breaks.never
        spaces = breaks.no_break_spaces - {i for i in breaks.relaxable_spaces if i + 1 in allowed}
        return _render_plain(plain, frozenset(allowed), frozenset(spaces), breaks.joined)

    def word_boundaries(self, text: str, language: str | None = None) -> frozenset[int]:
        """Every offset in plain ``text`` where a word ends, for a line that must be broken somewhere:
        the breaks :meth:`mark_to_fit` may use before it falls back on syllables (for tests and tools)."""
        breaks = self.analyse(text, language)
        found = set(breaks.allowed)
        for step in self._word_steps(breaks):
            for a, b in _stretches(breaks.text, found):
                found |= {p for p in step(a, b) if a < p < b} - breaks.never
        return frozenset(found)

    def _word_steps(self, breaks: Breaks) -> list[Callable[[int, int], set[int]]]:
        """The fallbacks of :meth:`mark_to_fit` that break only between words, in order: the
        phrases' and names' breaks, the words inside a name, ICU's words."""
        plain = breaks.text
        canon = to_ta(plain)

        def phrases(a: int, b: int) -> set[int]:
            return {p for p in breaks.relaxable if a < p < b} | {
                i + 1 for i in breaks.relaxable_spaces if a <= i < b}

        def between_words(vocabulary: WordList) -> Callable[[int, int], set[int]]:
            """ICU's breaks after ``vocabulary`` vetoed those inside its entries; never in a name."""
            def step(a: int, b: int) -> set[int]:
                found: set[int] = set()
                for m in _KHMER_RUN.finditer(plain, a, b):
                    agreed, disputed = self._icu_breaks(m.group())
                    inner = self._word_matches(canon[m.start():m.end()], agreed, disputed, vocabulary,
                                               self._names_proper)[0]
                    found |= {m.start() + p for p in inner}
                return found
            return step

        words, icu = between_words(self._base_words), between_words(_NO_WORDS)
        return [phrases, words, icu]

    @functools.cached_property
    def _names_proper(self) -> WordList:
        """The names that are not compounds of the vocabulary: people's names and មីរ៉ូ, which no
        word-level fallback may split (អង្គការសិទ្ធិជនជាតិភាគតិច is made of words and may break between them)."""
        return WordList(n for n in self._names if not self._is_compound(n))

    def _is_compound(self, key: str) -> bool:
        """Whether ``key`` (spelt with ្ត) is two or more entries of the vocabulary without the names."""
        starts = [*cluster_starts(key), len(key)]
        reached = {0}
        for i, a in enumerate(starts):
            if a in reached:
                reached |= {b for b in starts[i + 1:]
                            if b - a < len(key) and self._base_words.contains_key(key[a:b])}
        return len(key) in reached

    @staticmethod
    def _syllable_step(breaks: Breaks) -> Callable[[int, int], set[int]]:
        def syllables(a: int, b: int) -> set[int]:
            return {m.start() + p for m in _KHMER_RUN.finditer(breaks.text, a, b)
                    for p in syllable_breaks(m.group())}
        return syllables

    def break_opportunities(self, text: str, language: str | None = None) -> list[int]:
        """Offsets in plain ``text`` where this breaker leaves a line free to start (spaces included)."""
        return sorted(self.analyse(text, language).allowed)


def _stretches(text: str, allowed: set[int]) -> list[tuple[int, int]]:
    """``text`` cut at every offset in ``allowed``, as (start, end) pairs."""
    cuts = [0, *sorted(p for p in allowed if 0 < p < len(text)), len(text)]
    return list(itertools.pairwise(cuts))


def _render_plain(text: str, allowed: frozenset[int], spaces: frozenset[int],
                  joined: frozenset[int] = frozenset()) -> str:
    out: list[str] = []
    for i, char in enumerate(text):
        if i in allowed and i > 0 and text[i - 1] not in " \n":
            out.append(ZWSP)
        elif i in joined:
            out.append(WORD_JOINER)
        out.append(NBSP if i in spaces else char)
    return "".join(out)


@dataclass(frozen=True)
class _Source:
    """A text as pieces: markup kept verbatim, the visible characters, authored ZWSPs taken out."""

    segments: tuple[tuple[int, str], ...]  # (plain index or -1 for markup, original text)
    plain: str
    authored: frozenset[int]

    @classmethod
    def parse(cls, text: str) -> _Source:
        segments: list[tuple[int, str]] = []
        plain: list[str] = []
        authored: set[int] = set()
        pos = 0
        for m in [*_MARKUP.finditer(text), None]:
            stop = m.start() if m else len(text)
            for char in text[pos:stop]:
                if char == ZWSP:
                    authored.add(len(plain))
                    continue
                segments.append((len(plain), char))
                plain.append(char)
            if m is None:
                break
            token = m.group()
            if token.startswith("&"):
                char = html.unescape(token)
                segments.append((len(plain), token))
                plain.append(char[:1] or "\ufffc")
            else:
                segments.append((-1, token))
            pos = m.end()
        text_plain = "".join(plain)
        return cls(tuple(segments), text_plain, frozenset(p for p in authored if 0 < p < len(text_plain)))

    def render(self, allowed: frozenset[int], spaces: frozenset[int], joined: frozenset[int]) -> str:
        out: list[str] = []
        for index, original in self.segments:
            if index >= 0:
                if index in allowed and index > 0 and self.plain[index - 1] not in " \n":
                    out.append(ZWSP)
                elif index in joined:
                    out.append(WORD_JOINER)
                out.append(NBSP if index in spaces else original)
            else:
                out.append(original)
        return "".join(out)


@functools.cache
def default_rules() -> Breaker:
    """The breaker without a deck: bundled word lists only (for texts drawn before a deck loads)."""
    return Breaker()


def _spaces_held_by_punctuation(text: str) -> set[int]:
    """Spaces no line may break at: before a closing mark (» ) ។) or after an opening one (« ()."""
    return {i for i, char in enumerate(text)
            if char == " " and (text[i + 1:i + 2] in _CLOSING or text[i - 1:i] in _OPENING)}


def unmark(text: str) -> str:
    """``text`` without the marks :meth:`Breaker.mark` adds (an authored U+00A0 comes back as a space too)."""
    return text.replace(ZWSP, "").replace(WORD_JOINER, "").replace(NBSP, " ")


def lines_with_bars(text: str, positions: Sequence[int]) -> str:
    """``text`` with ``|`` inserted at every offset in ``positions`` (for ``kiosk breaks``)."""
    out = text
    for p in sorted(set(positions), reverse=True):
        out = out[:p] + "|" + out[p:]
    return out


def wrap_khmer(text: str) -> str:
    """``text`` ready for Qt's line breaker, with the bundled word lists but no deck's names.

    Kept for the callers that have no deck at hand; a view that has one marks its texts with
    ``breaker_for(deck).mark(text, language)`` (kiosk.core.content.breaking), the same layers plus
    the deck's names and word list. Cached there: the same texts are shown again and again.
    """
    return default_rules().mark(text)


def keep_together(text: str, words: tuple[str, ...]) -> str:
    """Remove break opportunities inside ``words`` (names a dictionary does not know, e.g. មីរ៉ូ)."""
    for word in words:
        if len(word) > 1 and _KHMER_RUN.search(word):
            pattern = "\u200b?".join(re.escape(char) for char in word)
            text = re.sub(pattern, word, text)
    return text
