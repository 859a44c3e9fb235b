"""The one Russian normalisation layer: digits, number words, magnitudes, hedges and units.

Everything language-specific comes from the tables in `data/`; this module turns them into lookups
and composes values. It knows nothing of spaCy and never raises on any input.

>>> parse_digits("57 000")
57000.0
>>> parse_digits("3,3")
3.3
>>> words_value("двумястами пятьюдесятью шестью")
256.0
>>> words_value("полтора миллиона")
1500000.0
>>> words_value("ноль целых пятнадцать сотых")
0.15
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache, lru_cache
from typing import NamedTuple

from statextract import resources

SPACES = " \u00a0\u202f\u2009"
DASHES = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2212")
LETTER = r"[^\W\d_\u00bc-\u00be\u2150-\u215e]"  # a letter: a word character, no digit, no fraction sign
# Words first (most tokens are words, and a word cannot start a number), then numbers, then symbols.
TOKEN_RE = re.compile(
    rf"""(?P<word>{LETTER}+(?:[-\u2010]{LETTER}+)*)
      |(?P<num>\d{{1,3}}(?:[{SPACES}]\d{{3}})+(?![\d]|[.,]\d{{3}})(?:[.,]\d+)?
        |\d*[\u00bc-\u00be\u2150-\u215e]
        |\d+(?:[.,]\d+)*(?:/\d+)?)
      |(?P<sym>\S)""",
    re.X,
)


class Token(NamedTuple):
    start: int
    end: int
    text: str
    kind: str  # "num", "word" or "sym"
    lower: str  # lower case, "ё" read as "е": the form every lookup uses


def tokenize(text: str) -> list[Token]:
    """Numbers (with grouping and decimals), words (hyphens kept) and single symbols.

    >>> [t.text for t in tokenize("свыше 1 200 000 т.")]
    ['свыше', '1 200 000', 'т', '.']
    """
    new = tuple.__new__  # a NamedTuple built as a plain tuple: the tokenizer makes half a million a minute
    lowered = text.lower().replace("ё", "е")
    if len(lowered) != len(text):  # a letter whose lower case is longer ("İ"): lower each token alone
        return [
            new(Token, (m.start(), m.end(), word := m.group(), m.lastgroup, word.lower().replace("ё", "е")))
            for m in TOKEN_RE.finditer(text)
        ]
    tokens = []
    end = 0
    for space, token, word, number, _ in SPACED_TOKEN_RE.findall(text):
        start = end + len(space)
        end = start + len(token)
        kind = "word" if word else "num" if number else "sym"
        tokens.append(new(Token, (start, end, token, kind, lowered[start:end])))
    return tokens


# TOKEN_RE with the whitespace before each token: `findall` gives plain strings, 15% faster than a match
# object per token, and the whitespace's length tells where the token starts.
SPACED_TOKEN_RE = re.compile(rf"(\s*)({TOKEN_RE.pattern})", re.X)


class Relation(StrEnum):
    EXACT = "="
    APPROX = "~"
    MORE = ">"
    AT_LEAST = ">="
    LESS = "<"
    AT_MOST = "<="
    RANGE = "range"


def parse_digits(text: str, *, decimal_only: bool = False) -> float | None:
    """A written number: "57 000", "3,3", "2.5", "20,000" (English grouping), "2.300", "1/3", "½".

    The comma is the Russian decimal mark: "2,003" is 2.003, and only "20,000" (three zeros, which no
    decimal needs) groups thousands. A dot before exactly three digits groups them ("2.300"), as
    does any separator used twice ("1.200.000"); a magnitude after (`decimal_only`: "1,125 млн") or a
    whole part of 0 keeps a decimal.

    >>> parse_digits("20,00"), parse_digits("20,000"), parse_digits("2,003"), parse_digits("2.300")
    (20.0, 20000.0, 2.003, 2300.0)
    """
    s = "".join(ch for ch in text if ch not in SPACES)
    try:
        if s and unicodedata.category(s[-1]) == "No":
            return float(s[:-1] or 0) + unicodedata.numeric(s[-1])
        if "/" in s:
            numerator, denominator = s.split("/")
            return float(numerator) / float(denominator) if float(denominator) else None
        separators = [ch for ch in s if ch in ",."]
        if not separators:
            return float(s)
        if len(set(separators)) == 2:  # "1,234.5" or "1.234,5": the last one is the decimal mark
            decimal = s[max(s.rfind(","), s.rfind("."))]
            grouping = "," if decimal == "." else "."
            return float(s.replace(grouping, "").replace(decimal, "."))
        if len(separators) > 1:  # "1.200.000", "20,000,000"; not a date "12.03.2025"
            groups = re.split(r"[.,]", s)
            if len(groups[0]) > 3 or any(len(g) != 3 for g in groups[1:]):
                return None
            return float("".join(groups))
        whole, fraction = s.replace(",", ".").split(".")
        grouped = fraction == "000" or separators[0] == "."
        if len(fraction) == 3 and grouped and not decimal_only and whole.lstrip("0"):
            return float(whole + fraction)
        return float(f"{whole}.{fraction}")
    except (ValueError, OverflowError):
        return None


@dataclass(frozen=True, slots=True)
class NumberWord:
    value: float
    kind: str  # a `kind` of number_words.tsv
    plural: bool | None  # grammatical number of the form: None when it may be either ("тысячи")


@cache
def number_words() -> dict[str, NumberWord]:
    """Every inflected form of every number word, from data/number_words.tsv."""
    table: dict[str, NumberWord] = {}
    for lemma, value, kind in resources.read_table("number_words.tsv"):
        numbers: dict[str, set[str]] = {}
        for parse in resources.morph().parse(lemma):
            if parse.normal_form != lemma:
                continue
            for form in parse.lexeme:
                numbers.setdefault(form.word.replace("ё", "е"), set()).add(str(form.tag.number))
        numbers.setdefault(lemma, {"sing"})
        for form, grammatical in numbers.items():
            plural = None if len(grammatical) > 1 else grammatical == {"plur"}
            table.setdefault(form, NumberWord(float(value), kind, plural))
    return table


class Phrase(NamedTuple):
    forms: tuple[frozenset[str], ...]
    payload: str


@dataclass(frozen=True, slots=True)
class PhraseTable:
    """Multi-token phrases from a data file, found by their first token and matched longest first."""

    by_first: dict[str, tuple[Phrase, ...]]

    @classmethod
    def from_rows(cls, rows: Sequence[tuple[str, str]]) -> PhraseTable:
        by_first: dict[str, list[Phrase]] = {}
        for phrase, payload in rows:
            for forms in resources.phrase_forms(phrase):
                for first in forms[0]:
                    by_first.setdefault(first, []).append(Phrase(forms, payload))
        return cls({k: tuple(sorted(v, key=lambda p: -len(p.forms))) for k, v in by_first.items()})

    def match(self, tokens: Sequence[Token], i: int) -> tuple[int, str] | None:
        """(number of tokens, payload) of the longest phrase starting at tokens[i], if any."""
        if i >= len(tokens):
            return None
        for phrase in self.by_first.get(tokens[i].lower, ()):
            n = len(phrase.forms)
            if i + n <= len(tokens) and all(
                tokens[i + k].lower in phrase.forms[k] and adjacent(tokens, i + k) for k in range(1, n)
            ):
                return n, phrase.payload
        return None


def adjacent(tokens: Sequence[Token], i: int) -> bool:
    """Whether tokens[i] continues a phrase: on the same line as the token before it."""
    return "\n" not in tokens[i - 1 : i + 1][0].text and tokens[i].start - tokens[i - 1].end <= 2


@cache
def qualifiers() -> dict[str, PhraseTable]:
    """Hedge and bound phrases by position ("before", "after"); payload: the relation."""
    rows = resources.read_table("qualifiers.tsv")
    return {
        position: PhraseTable.from_rows([(p, r) for p, r, where in rows if where == position])
        for position in ("before", "after")
    }


@cache
def units() -> PhraseTable:
    return PhraseTable.from_rows([(p, u) for p, u in resources.read_table("units.tsv")])


@cache
def magnitudes() -> PhraseTable:
    return PhraseTable.from_rows([(p, v) for p, v in resources.read_table("magnitudes.tsv")])


@cache
def change_prefixes() -> tuple[tuple[str, str], ...]:
    """(word beginning, direction) pairs: "вырос" up, "сократ" down, "довед" level."""
    return tuple((row[0], row[1]) for row in resources.read_table("changes.tsv"))


@cache
def object_change_prefixes() -> tuple[str, ...]:
    """The beginnings of verbs of change whose object is the amount itself: "прибавил 12%"."""
    return tuple(row[0] for row in resources.read_table("changes.tsv") if row[2:] == ["object"])


@lru_cache(maxsize=50_000)
def change_of(word: str) -> str | None:
    """Direction of change a word marks: "up", "down", "level" or None (asked for the eight words before
    every figure: cached, the prefixes are tried one by one)."""
    lower = word.lower()
    return next((d for prefix, d in change_prefixes() if lower.startswith(prefix)), None)


@dataclass(frozen=True, slots=True)
class Number:
    """A number read from tokens[start_i:end_i]; `low`/`high` set for a vague count ("сотни")."""

    value: float | None
    end_i: int
    magnitude: float = 1.0  # the scale written after the digits: "3,3 млн" -> 1e6
    low: float | None = None
    high: float | None = None


def read_number(tokens: Sequence[Token], i: int, *, singular: bool = False) -> Number | None:
    """The number written from tokens[i]: digits, number words, magnitudes, or a mix of them.

    `singular` reads an ambiguous "тысячи" as one thousand (after "около", "более") rather than "thousands".
    """
    words = number_words()
    total, group, magnitude, last_scale = 0.0, None, 1.0, float("inf")
    place = 10  # the smallest decimal place the group has used: words must come in falling order
    base = None  # the scale of a vague count: "десятки тысяч" -> 10_000
    j = i
    while j < len(tokens):
        token = tokens[j]
        if j > i and not adjacent(tokens, j):
            break
        word = words.get(token.lower) if token.kind == "word" else None
        scale = scale_at(tokens, j)
        if token.kind == "num" and group is None and base is None and (j == i or scale_at(tokens, j + 1)):
            group = parse_digits(token.text, decimal_only=bool(scale_at(tokens, j + 1)))
            if group is None:
                return None
            place, j = 0, j + 1
        elif scale is not None:
            value, width = scale
            if value >= last_scale:
                break
            if group is None and base is None:
                word_number = words.get(token.lower)
                plural = word_number.plural if word_number else False
                if plural or (plural is None and not singular):
                    base = value
                    j += width
                    continue
            if base is not None:
                base *= value
            else:
                total += (group if group is not None else 1.0) * value
                magnitude = value if magnitude == 1.0 else magnitude
            group, place, last_scale = None, 10, value
            j += width
        elif word is None:
            if token.lower == "с" and j + 1 < len(tokens) and _is_half(tokens[j + 1]) and group is not None:
                group += 0.5
                place, j = 0, j + 2
                continue
            break
        elif word.kind in ("unit", "teen", "ten", "hundred"):
            word_place = {"unit": 1, "teen": 1, "ten": 2, "hundred": 3}[word.kind]
            if word_place >= place or base is not None:
                break
            group = (group or 0.0) + word.value
            place, j = word_place if word.kind != "teen" else 0, j + 1
        elif word.kind == "fraction" and group is None:
            group, place, j = word.value, 0, j + 1
        elif word.kind == "integer" and group is not None:
            fraction = read_fraction(tokens, j + 1)
            if fraction is None:
                break
            group, j = group + fraction[0], fraction[1]
            place = 0
        elif word.kind == "vague" and group is None and not total:
            if base is not None:
                base *= word.value
            elif word.plural is False or (word.plural is None and singular):
                group, place = word.value, 0
            else:
                base = word.value
            j += 1
        elif word.kind == "some" and j == i:
            base, j = 1.0, j + 1
        elif word.kind == "multiplier" and j == i:
            return Number(word.value, j + 1)
        else:
            break
    if base is not None:
        if base == 1.0 or group is not None or total:
            return None  # "несколько" alone counts nothing we can bound
        return Number(None, j, base, low=2 * base, high=10 * base - 1)
    if group is None and not total:
        return None
    return Number(total + (group or 0.0), j, magnitude if total else 1.0)


def scale_at(tokens: Sequence[Token], j: int) -> tuple[float, int] | None:
    """(value, tokens used) of a magnitude word or abbreviation at tokens[j]: "млн", "тыс.", "миллионов"."""
    if j >= len(tokens):
        return None
    word = number_words().get(tokens[j].lower)
    if word is not None and word.kind == "magnitude":
        return word.value, 1
    found = magnitudes().match(tokens, j)
    return (float(found[1]), found[0]) if found else None


def read_fraction(tokens: Sequence[Token], i: int) -> tuple[float, int] | None:
    """The part after "целых": "пятнадцать сотых" -> (0.15, end); an "и" may come first."""
    if i < len(tokens) and tokens[i].lower == "и":
        i += 1
    number = read_number(tokens, i)
    if number is None or number.value is None or number.end_i >= len(tokens):
        return None
    word = number_words().get(tokens[number.end_i].lower)
    if word is None or word.kind != "denominator":
        return None
    return number.value * word.value, number.end_i + 1


def _is_half(token: Token) -> bool:
    word = number_words().get(token.lower)
    return word is not None and word.kind == "half"


def words_value(text: str) -> float | None:
    """The value of a number written in words (and digits), or None.

    >>> words_value("3 миллиона 200 тысяч"), words_value("двадцать одним миллионом")
    (3200000.0, 21000000.0)
    """
    tokens = tokenize(text)
    number = read_number(tokens, 0) if tokens else None
    return number.value if number and number.end_i == len(tokens) else None


def bounds(
    relation: Relation, value: float | None, low: float | None = None, high: float | None = None
) -> tuple[float | None, float | None]:
    """`low`, `high` of the record contract for a relation and a stated value."""
    if relation == Relation.RANGE:
        return low, high
    if relation == Relation.EXACT:
        return value, value
    if relation in (Relation.MORE, Relation.AT_LEAST):
        return value, None
    if relation in (Relation.LESS, Relation.AT_MOST):
        return None, value
    return None, None
