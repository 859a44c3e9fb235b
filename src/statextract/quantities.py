"""Stage 1: find every quantity expression and normalise it (value, bounds, relation, change, unit).

`find_quantities(text)` is pure and works on plain text; the `quantities` component puts its results
on the spaCy `Doc` as spans in `doc.spans["quantities"]`, each with `span._.quantity`.

>>> [(q.value, q.relation.value, q.unit) for q in find_quantities("занято порядка 57 тысяч фермеров")]
[(57000.0, '~', None)]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from statextract import resources
from statextract.annotate import text_of
from statextract.morphology import NOUN, best, parses
from statextract.numerals import (
    Number,
    Relation,
    Token,
    adjacent,
    bounds,
    change_of,
    not_quantity_words,
    number_words,
    qualifiers,
    read_number,
    scale_at,
    tokenize,
    units,
)
from statextract.tokenizer import NUMERAL_TOKENS

DASHES = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2212")
DAY_MONTH_RE = re.compile(r"(0?[1-9]|[12]\d|3[01])\.(0[1-9]|1[0-2])")
HOUR_RE = re.compile(r"[01]?\d|2[0-4]")
TIME_RE = re.compile(r"(?:[01]?\d|2[0-3])\.[0-5]\d")  # "16.30", read as a time after TIME_PREPOSITIONS
TIME_PREPOSITIONS = frozenset(["в", "во", "до", "с", "со", "к", "после", "около"])
YEAR_PREPOSITIONS = frozenset(["в", "во", "к", "до", "по", "с", "со", "за", "от", "на", "из", "после", "между", "и"])
# Phone numbers and ISO dates ("2025-03-12", as in the `date` header line): numbers in them are not claims.
# "8(?<!\w8)" is "\b8" and "\d(?<!\w\d)" is "\b\d", written so that every branch starts with a character:
# the regex engine then skips straight to a "+" or a digit instead of trying each position of the text.
NOT_QUANTITY_RE = re.compile(
    r"(?:\+7|8(?<!\w8))[\s-]?\(?\d{3}\)?[\s-]?\d{3}[\s-]?\d{2}[\s-]?\d{2}\b"
    r"|\d(?<!\w\d)\d{2}-\d{2}-\d{2}\b|\d(?<!\w\d)\d{3}-\d{2}-\d{2}\b"
    # A city code in brackets (not a year), the country code before it or not: "7 (495) 645-6601",
    # "(83952)399-999"; the number after it has hyphens or none of its own spaces.
    r"|(?:\+7|7(?<![\w+]7)|8(?<!\w8))[\s-]?\((?!(?:19|20)\d\d\))\d{3,5}\)[\s-]?(?:\d{5,7}|\d{1,3}(?:-\d{2,4}){1,2})\b"
    r"|\((?!(?:19|20)\d\d\))\d{3,5}\)[\s-]?(?:\d{5,7}|\d{1,3}(?:-\d{2,4}){1,2})\b"
    # Dates written with slashes or hyphens ("24/06/2016", "2-5-1967"), seasons ("2005/06"), web addresses.
    r"|\d(?<!\w\d)\d?/\d\d?/\d\d(?:\d\d)?\b|\d(?<!\w\d)\d?-\d\d?-(?:19|20)\d\d\b|\d(?<!\w\d)\d{3}/\d\d(?:\d\d)?\b"
    r"|h(?<!\wh)ttps?://\S+|w(?<!\ww)ww\.\S+"
    # A range of years whose second is written short: "1989-90", "(1996—98)".
    r"|1(?<!\w1)[5-9]\d\d[-–—]\d\d\b|2(?<!\w2)0\d\d[-–—]\d\d\b"
)
SENTENCE_BREAK_RE = re.compile(r"[.!?…]\s+[А-ЯЁA-Z«\"„“—–-]|\n")
SIGNS = DASHES | {"+"}  # before a number: "-5", "+3"
MONEY_UNITS = frozenset(["KZT", "RUB", "USD", "EUR", "CNY", "KGS", "UAH", "BYN", "UZS", "GEL", "AMD", "GBP"])


@cache
def comparatives() -> dict[str, str]:
    """ "больше" -> "up": a comparative after "на N" makes N an amount of change."""
    return dict((word, direction) for word, direction in resources.read_table("comparatives.tsv"))


@dataclass(frozen=True, slots=True)
class Quantity:
    """A normalised quantity expression at text[start:end]; fields as in the record contract."""

    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    relation: Relation
    qualifier: str | None
    change: str | None
    unit: str | None
    magnitude: float = 1.0  # the scale written with it ("млн"): lets "из них 250" inherit it
    lead: str = ""  # the expression's first word, lower case ("до", "около")
    before: str = ""  # the word before the expression, lower case ("на" in "выросла на 9%")


def find_quantities(text: str, tokens: list[Token] | None = None) -> list[Quantity]:
    """Every quantity expression in a text, in order; years, dates, ordinals and identifiers are left out.

    >>> [(q.low, q.high, q.unit) for q in find_quantities("от 10 до 15 тысяч рублей")]
    [(10000.0, 15000.0, 'RUB')]
    """
    tokens = tokenize(text) if tokens is None else tokens
    excluded = [m.span() for m in NOT_QUANTITY_RE.finditer(text)]
    found: list[Quantity] = []
    starters = starting_words()
    # Most words cannot start a quantity: only the tokens that can are tried.
    can_start = [n for n, t in enumerate(tokens) if t.kind == "num" or t.lower in starters or t.text in starters]
    i = 0  # the first token no expression has read yet
    for start in can_start:
        if start < i:
            continue
        matched = match_quantity(text, tokens, start)
        if matched is None:
            continue
        quantity, i = matched
        if quantity is None or alone_on_line(text, quantity):
            continue
        if not any(s < quantity.end and quantity.start < e for s, e in excluded):  # "от 24/06/2016"
            found.append(quantity)
    return apply_context(text, tokens, found)


@cache
def starting_words() -> frozenset[str]:
    """Every word or symbol a quantity expression may start with: number words, qualifiers, "от",
    "между", "в" (of "в 7 раз"), currency signs and signs."""
    words = set(number_words()) | {"от", "между", "в", "во"} | DASHES | {"+"}
    words |= set(qualifiers()["before"].by_first) | set(units().by_first)
    return frozenset(words)


def parse_quantity(text: str) -> Quantity | None:
    """The first quantity an expression states, read without its document: "порядка 57 тысяч", "254".

    >>> parse_quantity("минус двадцать пять тысяч тридцать семь").value
    -25037.0
    """
    tokens = tokenize(text)
    for i in range(len(tokens)):
        matched = match_quantity(text, tokens, i)
        if matched is not None:
            return matched[0]
    return None


def alone_on_line(text: str, quantity: Quantity) -> bool:
    """A bare number alone on its line is page furniture (a view counter, a page number)."""
    line_start = text.rfind("\n", 0, quantity.start) + 1
    line_end = text.find("\n", quantity.end)
    line = text[line_start : line_end if line_end >= 0 else len(text)].strip().rstrip(".")
    return line == text[quantity.start : quantity.end] and re.fullmatch(r"[\d\s.,]+", line) is not None


@dataclass(frozen=True, slots=True)
class Lead:
    """What stands before the number: a hedge or bound, "от"/"между", "в" (of "в 7 раз"), "$", a sign."""

    qualifier: tuple[int, str] | None  # (tokens, relation)
    range_word: str | None
    multiplier: bool
    unit: str | None
    sign: float
    number_i: int  # where the number starts

    @property
    def bare(self) -> bool:
        return not (self.qualifier or self.range_word or self.multiplier or self.unit)


def read_lead(tokens: Sequence[Token], i: int) -> Lead | None:
    j = i
    qualifier = qualifiers()["before"].match(tokens, j)
    j += qualifier[0] if qualifier else 0
    word = tokens[j].lower if j < len(tokens) else ""
    range_word = word if word in ("от", "между") else None
    multiplier = word in ("в", "во")
    j += 1 if range_word or multiplier else 0
    prefix_unit = units().match(tokens, j) if j < len(tokens) and tokens[j].kind == "sym" else None
    j += prefix_unit[0] if prefix_unit else 0
    sign = 1.0
    word_sign = number_words().get(tokens[j].lower) if j < len(tokens) else None
    if word_sign is not None and word_sign.kind == "sign" and j + 1 < len(tokens):  # "минус пять"
        sign, j = word_sign.value, j + 1
    signed = j + 1 < len(tokens) and tokens[j].text in SIGNS and tokens[j + 1].kind == "num"
    if signed and tokens[j].end == tokens[j + 1].start and (j == 0 or tokens[j - 1].kind != "num"):
        sign, j = (1.0 if tokens[j].text == "+" else -1.0), j + 1
    if j >= len(tokens) or (j > i and not adjacent(tokens, j)):
        return None
    return Lead(qualifier, range_word, multiplier, prefix_unit[1] if prefix_unit else None, sign, j)


def match_quantity(text: str, tokens: Sequence[Token], i: int) -> tuple[Quantity | None, int] | None:
    """The quantity starting at tokens[i] and the index after it; (None, index) skips a non-quantity."""
    lead = read_lead(tokens, i)
    if lead is None:
        return None
    j = lead.number_i
    number = read_number(tokens, j, singular=bool(lead.qualifier or lead.range_word))
    if number is None:
        return None
    if not_a_quantity(text, tokens, j, number):
        return None, number.end_i
    k = number.end_i
    relation = Relation(lead.qualifier[1]) if lead.qualifier else Relation.EXACT
    written = text[tokens[i].start : tokens[i + lead.qualifier[0] - 1].end] if lead.qualifier else None
    after = qualifiers()["after"].match(tokens, k)
    scale = scale_at(tokens, k + after[0]) if after and number.value is not None else None
    if after and scale and number.value is not None:  # "20 с лишним тысяч"
        written = text[tokens[k].start : tokens[k + after[0] - 1].end]
        k += after[0] + scale[1]
        number = replace(number, value=number.value * scale[0], magnitude=scale[0], end_i=k)
        relation = Relation(after[1])
    unit, k, number = read_unit(tokens, k, lead.unit, number)
    unit = unit or ("раз" if is_multiplier(tokens[j]) else None)
    second: Number | None = None
    connector = tokens[k].lower if k < len(tokens) and adjacent(tokens, k) else ""
    dash_range = connector in DASHES and k + 1 < len(tokens) and tokens[k + 1].kind == "num"
    if dash_range and unit is not None:  # "5%–7%" is a range; "три года — 41 млрд" is not
        dash_range = tokens[k - 1].end == tokens[k].start and tokens[k].end == tokens[k + 1].start
    ranged = (lead.range_word, connector) in (("от", "до"), ("между", "и")) or dash_range
    if ranged and number.value is not None:
        second = read_number(tokens, k + 1, singular=True)
        if second is None or second.value is None or not_a_quantity(text, tokens, k + 1, second):
            second = None
        elif scale_range(number, second)[0] > second.value:
            second = None  # "1-0" is a score, not a range
        else:
            second_unit, k, second = read_unit(tokens, second.end_i, None, second)
            unit = second_unit or unit
    if not scale and (after := qualifiers()["after"].match(tokens, k)):
        written = text[tokens[k].start : tokens[k + after[0] - 1].end]
        relation, k = Relation(after[1]), k + after[0]
        if unit is None:  # "20 с лишним лет"
            unit, k, number = read_unit(tokens, k, None, number)
    if unit is None and tokens[j].kind == "word" and number.value == 1:
        return None  # "один из", "одна": a pronoun far more often than a count
    if (lead.multiplier and unit != "раз") or (lead.range_word == "между" and second is None):
        return None
    signed = j > 0 and (lead.sign < 0 or tokens[j - 1].text == "+")  # j - 1 of the first token is the last
    start = tokens[j - signed if lead.bare else i].start
    end = span_end(text, tokens, k)
    before = tokens[i - 1].lower if i else ""
    direction = change_word_before(tokens, i)
    window = tokens[max(0, i - 4) : i]
    if any(t.lower.startswith("состав") for t in window):  # "рост ... составил 2%": only a noun of change
        direction = change_word_before(tokens, i, nouns_only=True)
        change = direction if direction != "level" else None
    else:
        change = direction if (before == "на" or lead.multiplier) and direction != "level" else None
    if before == "на" and k < len(tokens) and tokens[k].lower in comparatives():
        change = comparatives()[tokens[k].lower]  # "на 7% больше, чем годом ранее"
    if written is not None and written.lower() == "до" and direction:
        relation, written = Relation.EXACT, None  # "вырастет до 120 тысяч": a level, not a bound
    if second is not None or number.value is None:
        low, high = scale_range(number, second) if second else (number.low, number.high)
        magnitude = (second or number).magnitude
        quantity = Quantity(start, end, None, low, high, Relation.RANGE, written, change, unit, magnitude)
        return replace(quantity, lead=tokens[i].lower, before=before), k
    if lead.range_word == "от":
        relation, written = Relation.AT_LEAST, tokens[i].text
    value = lead.sign * number.value
    low, high = bounds(relation, value)
    quantity = Quantity(start, end, value, low, high, relation, written, change, unit, number.magnitude)
    return replace(quantity, lead=tokens[i].lower, before=before), k


def read_unit(tokens: Sequence[Token], k: int, unit: str | None, number: Number) -> tuple[str | None, int, Number]:
    """The unit written at tokens[k], if any, the index after it, and the number it may rescale.

    "т." is a tonne, except before money, where it abbreviates "тысяч": "5 т. руб." is 5000 RUB.
    """
    found = units().match(tokens, k) if k < len(tokens) and adjacent(tokens, k) else None
    if found is None:
        return unit, k, number
    following = units().match(tokens, k + found[0]) if k + found[0] < len(tokens) else None
    if tokens[k].lower == "т" and following and following[1] in MONEY_UNITS and number.value is not None:
        number = replace(number, value=number.value * 1000, magnitude=1000.0)
        return following[1], k + found[0] + following[0], number
    return found[1], k + found[0], number


def is_multiplier(token: Token) -> bool:
    """ "вдвое", "втрое": a number of times with no unit word."""
    word = number_words().get(token.lower)
    return word is not None and word.kind == "multiplier"


def scale_range(first: Number, second: Number) -> tuple[float, float]:
    """Bounds of "от 10 до 15 тысяч": the magnitude after the second number also scales the first."""
    low, high = first.value or 0.0, second.value or 0.0
    if first.magnitude == 1.0 and second.magnitude > 1.0 and low * second.magnitude <= high:
        low *= second.magnitude
    return low, high


def span_end(text: str, tokens: Sequence[Token], k: int) -> int:
    """End of the expression; an abbreviation's dot that also ends the sentence stays out ("5 млн.")."""
    last = tokens[k - 1]
    if last.text == "." and k - 2 >= 0 and (k < 3 or tokens[k - 3].text != "."):
        following = tokens[k] if k < len(tokens) else None
        if following is None or following.text[0].isupper() or "\n" in text[last.end : following.start]:
            return tokens[k - 2].end
    return last.end


def not_a_quantity(text: str, tokens: Sequence[Token], j: int, number: Number) -> bool:
    """Whether the number at tokens[j] is a year, a date, a time, an ordinal, an identifier or furniture."""
    words = not_quantity_words()
    first, k = tokens[j], number.end_i
    before = tokens[j - 1] if j else None
    after = tokens[k] if k < len(tokens) else None
    if before is not None and before.text == "." and j >= 2 and tokens[j - 2].end == before.start:
        before = tokens[j - 2]  # "ст. 81"
    if before is not None and before.text == ":" and j >= 2:
        if tokens[j - 2].kind == "num" and tokens[j - 2].end == before.end - 1 == first.start - 1:
            return True  # the minutes of "10:30"
        before = tokens[j - 2]
    if before is not None and (before.lower in words["before"] or before.lower.rstrip(".") in words["before"]):
        return True
    if first.kind == "word" and quoted_title_opening(tokens, j):
        return True  # «Двенадцать стульев», «Три сестры»: a title, not a count
    if first.lower in words["homonym"] and number.end_i == j + 1 and not counted_in_instrumental(after):
        return True  # "Вашу семью": "семья", not "семь"
    if first.kind == "num":
        if time_with_hyphen(tokens, j) or j >= 2 and time_with_hyphen(tokens, j - 2):
            return True  # "с 9-00 до 15-00": the hour or the minutes of a time of day
        if before is not None and before.end == first.start and attached_to_word(tokens, j):
            return True  # "COVID-19", "Ан-124", "A1", "ФС77-57640"
        if before is not None and before.text == "[" and after is not None and after.text == "]":
            return True  # "инициатива[17]": a note's number
        if (
            name_before(text, tokens, j)
            and number.end_i == j + 1
            and units().match(tokens, k) is None
            and not counted_word(after)
        ):
            return True  # "Nord Stream 2", "Windows 10 вышла", "Boeing 737-800", "ОД 3628": part of a name
        if (
            TIME_RE.fullmatch(first.text)
            and before is not None
            and before.lower in TIME_PREPOSITIONS
            and units().match(tokens, k) is None
        ):
            return True  # "до 16.30": a time of day
        if after is not None and after.start == first.end:
            glued = k + 1 < len(tokens) and tokens[k + 1].start == after.end and tokens[k + 1].kind == "word"
            if after.text in DASHES and glued and number.end_i == j + 1:
                return True  # "2-й", "5-е", "90-х", "51-летняя", "10-процентный": an ordinal or an adjective
            if after.text == ":" and k + 1 < len(tokens) and tokens[k + 1].kind == "num":
                return True  # "10:30"
            if after.kind == "word" and number.end_i == j + 1 and units().match(tokens, k) is None:
                return True  # "5G", "3D"
        if after is not None and after.text in '»"”“' and after.start == first.end and quoted_name(tokens, j):
            return True  # «Россия 24», «Северного потока – 2»: a number closing a quoted name
        if DAY_MONTH_RE.fullmatch(first.text) and number.end_i == j + 1 and units().match(tokens, k) is None:
            return True  # "08.05", "26.07": a day and a month
        if (
            after is not None
            and after.text in DASHES
            and k + 1 < len(tokens)
            and DAY_MONTH_RE.fullmatch(tokens[k + 1].text)
        ):
            return True  # the first day of "25-26.07"
        line_start = text.rfind("\n", 0, first.start) + 1
        if (
            not text[line_start : first.start].strip(" \t(")
            and after is not None
            and after.text in ".)"
            and (k + 1 >= len(tokens) or tokens[k + 1].text[:1].isupper())
        ):
            return True  # "9. Семья просит убежище", "(1) ODS имеет": the number of a list item
        if (
            not text[line_start : first.start].strip()
            and first.text.isdigit()
            and len(first.text) <= 2
            and after is not None
            and after.kind == "word"
            and after.text[0].isupper()
            and not after.text.isupper()
            and units().match(tokens, k) is None
            and not plural_noun(after)
        ):
            return True  # "1 Отрешить от должности", "3 Указ вступает в силу": a numbered clause
        if ordinal_by_agreement(tokens, j, number):
            return True  # "на 59 месте", "ученики 8 класса"
    value = number.value
    if value is None or number.magnitude != 1.0 or value != int(value):
        return False
    if units().match(tokens, k) is None and designated(text, tokens, j):
        return True  # "№ 7, 15 и 16", "№ ФС 77-69486"
    next_word = after.lower.rstrip(".") if after is not None else ""
    if 1 <= value <= 31 and (next_word in words["month"] or skip_range(tokens, k) in words["month"]):
        return True
    if 1000 <= value <= 2100 and first.kind == "num" and first.text.isdigit():
        if year_word_after(tokens, k, words["year"]) or bracketed_years(tokens, j):
            return True  # "2018 года", "«Лили» (1953)", "(2004—2009)"
        chain = glued_start(tokens, j)  # "сезон 2017-2018": the word before the years written together
        if chain >= 1 and tokens[chain - 1].lower in words["year_after"] and not counted_word(after):
            return True  # "на выборах 2008 в Небраске"
        if before is not None and before.lower.rstrip(".") in words["month"]:
            return True  # "29 апреля 2008"
        if before is not None and before.lower in YEAR_PREPOSITIONS:
            return after is None or after.lower in YEAR_PREPOSITIONS or not counted_word(after)
        if 1900 <= value <= 2100 and before is not None and before.kind == "word" and before.text[0].isupper():
            return after is None or after.kind != "word"  # "Мюнхен 1938.": a year after a name
    return False


def designated(text: str, tokens: Sequence[Token], j: int) -> bool:
    """Whether the number at tokens[j] goes on a designation that a word such as "№" or "статья" opened,
    through other numbers, codes in capitals, commas, hyphens and "и" on the same line: "№ 7, 15 и 16",
    "Эл № ФС 77-69486", "статьи 5 и 6"."""
    words = not_quantity_words()["before"]
    for n in range(j - 1, max(-1, j - 12), -1):
        token = tokens[n]
        if "\n" in text[token.end : tokens[n + 1].start]:
            return False
        if token.lower in words or token.lower.rstrip(".") in words:
            return True
        if token.text == "." and n >= 1 and tokens[n - 1].end == token.start and tokens[n - 1].lower + "." in words:
            return True  # "ст. 318 и 212"
        code = token.kind == "word" and token.text.isupper() and len(token.text) <= 4
        if not (token.kind == "num" or code or token.lower in DESIGNATION_MARKS):
            return False
    return False


DESIGNATION_MARKS = DASHES | {",", "/", "и"}
PAIRING = DASHES | {"и", "или", "по", "до", ","}


def quoted_title_opening(tokens: Sequence[Token], j: int) -> bool:
    """Whether the capitalised number word at tokens[j] opens a short quoted title with no verb in it:
    «Три сестры», «Двенадцать стульев» (a quoted count is in lower case: "встреч было «две или три»")."""
    first = tokens[j].text
    if j == 0 or tokens[j - 1].text not in '«„“"' or tokens[j - 1].end != tokens[j].start:
        return False
    if not first[0].isupper() or first.isupper():
        return False
    for n in range(j + 1, min(len(tokens), j + 6)):
        if tokens[n].text in '»"”“':
            return not any(verb_form(t) for t in tokens[j + 1 : n])
        if tokens[n].kind != "word":
            return False
    return False


def plural_noun(token: Token) -> bool:
    """Whether a word is read first as a noun in the plural: what a number before it counts ("10 Вопросов")."""
    found = parses(token.lower)
    return bool(found) and found[0].tag.POS == "NOUN" and found[0].tag.number == "plur"


def verb_form(token: Token) -> bool:
    found = parses(token.lower) if token.kind == "word" else ()
    return bool(found) and found[0].tag.POS in ("VERB", "INFN", "PRTS", "GRND")


def quoted_name(tokens: Sequence[Token], j: int) -> bool:
    """Whether the number at tokens[j] ends a short quoted name (at most four words after its opening mark)."""
    for n in range(j - 1, max(-1, j - 6), -1):
        if tokens[n].text in '«"„“':
            return sum(t.kind == "word" for t in tokens[n + 1 : j]) <= 4
    return False


def time_with_hyphen(tokens: Sequence[Token], h: int) -> bool:
    """Whether tokens[h:h + 3] are a time of day written with a hyphen, its minutes with a leading zero
    ("9-00", "15-05"): no range ends below where it starts."""
    if h + 2 >= len(tokens):
        return False
    hour, dash, minutes = tokens[h : h + 3]
    return (
        hour.kind == "num"
        and HOUR_RE.fullmatch(hour.text) is not None
        and dash.text in DASHES
        and len(minutes.text) == 2
        and minutes.text[0] == "0"
        and minutes.text.isdigit()
        and hour.end == dash.start
        and dash.end == minutes.start
    )


def ordinal_by_agreement(tokens: Sequence[Token], j: int, number: Number) -> bool:
    """Whether the digits at tokens[j] are an ordinal, as the noun after them tells: a count of five or
    more takes the noun in the plural ("59 мест"), so a noun with no plural reading after it makes the
    number a rank ("на 59 месте", "8 класса"); after 2-4 the count's noun is genitive ("24 места"), so
    another singular case ("на 24 месте") makes it a rank too. Numbers ending in 1 agree in the singular
    ("в 21 регионе") and tell nothing."""
    value, k = number.value, number.end_i
    if value is None or value != int(value) or not tokens[j].text.isdigit() or k != j + 1 or k >= len(tokens):
        return False
    noun = tokens[k]
    if noun.kind != "word" or not noun.text.islower() or units().match(tokens, k) is not None:
        return False
    found = parses(noun.lower)
    if not found or found[0].tag.POS != "NOUN" or any(p.tag.number == "plur" for p in found):
        return False
    if not resources.morph().word_is_known(noun.lower):
        return False  # "420 млдр": a guessed analysis tells no number
    n = int(value)
    if 11 <= n % 100 <= 19 or n % 10 in (0, 5, 6, 7, 8, 9):
        return True
    return n % 10 in (2, 3, 4) and not any(p.tag.case == "gent" for p in found)


def bracketed_years(tokens: Sequence[Token], j: int) -> bool:
    """Whether the number at tokens[j] is among years alone in brackets: "(1953)", "(1994, 1997)",
    "(2004—2009)", "(, 2006)"."""

    def year_list(token: Token) -> bool:
        return token.text in ",;" or token.text in DASHES or YEAR_RE.fullmatch(token.text) is not None

    if not YEAR_RE.fullmatch(tokens[j].text):
        return False
    start = j - 1
    while start >= 0 and year_list(tokens[start]):
        start -= 1
    end = j + 1
    while end < len(tokens) and year_list(tokens[end]):
        end += 1
    return start >= 0 and tokens[start].text == "(" and end < len(tokens) and tokens[end].text == ")"


YEAR_RE = re.compile(r"1[5-9]\d\d|20\d\d")


def counted_in_instrumental(token: Token | None) -> bool:
    """Whether a word can be counted by an instrumental number word: "семью голосами", "с семью детьми"."""
    return token is not None and any(p.tag.case == "ablt" and p.tag.number == "plur" for p in parses(token.lower))


def counted_word(token: Token | None) -> bool:
    """Whether a token is a lower-case word read first as a noun or an adjective: what a number before it
    counts ("Ryanair 600 рейсов", "в 2000 российских семей"); a verb, an adverb or a preposition after a
    name's number or a year is no count ("Windows 10 вышла", "в 2018 будет")."""
    if token is None or token.kind != "word" or not token.text.islower():
        return False
    found = parses(token.lower)
    return bool(found) and found[0].tag.POS in COUNTED_POS and "Apro" not in found[0].tag  # "эта" counts nothing


COUNTED_POS = frozenset({"NOUN", "ADJF", "PRTF"})


def glued_start(tokens: Sequence[Token], j: int) -> int:
    """The first token of the numbers and hyphens written together up to tokens[j] ("737-800", "77-57640")."""
    while (
        j >= 1
        and tokens[j - 1].end == tokens[j].start
        and (tokens[j - 1].kind == "num" or tokens[j - 1].text in DASHES)
    ):
        j -= 1
    return j


def attached_to_word(tokens: Sequence[Token], j: int) -> bool:
    """Whether the number at tokens[j] is glued to a word before it, directly, by a hyphen, or through
    other numbers and hyphens ("ФС77-57640")."""
    start = glued_start(tokens, j)
    return start >= 1 and tokens[start - 1].end == tokens[start].start and tokens[start - 1].kind == "word"


def name_before(text: str, tokens: Sequence[Token], j: int) -> bool:
    """Whether the number at tokens[j] (with the numbers and hyphens written together with it) follows a
    capitalised word in Latin letters or an abbreviation in capitals, a space apart: "Nord Stream 2",
    "Boeing 737-800", "Приказ ОД 3628"."""
    start = glued_start(tokens, j)
    word = tokens[start - 1] if start >= 1 else None
    return (
        word is not None
        and word.kind == "word"
        and word.text[0].isupper()
        and (word.text.isascii() or len(word.text) > 1 and word.text.isupper())
        and text[word.end : tokens[start].start] == " "
        and tokens[j].text.isdigit()
    )


def year_word_after(tokens: Sequence[Token], k: int, years: frozenset[str]) -> bool:
    """Whether a year word follows a number (or its range's second number) at tokens[k], an adjective
    between them allowed: "2018 года", "2018-2019 финансового года", "в 2019 учебном году"."""
    at = after_numbers(tokens, k)
    if at < len(tokens) and tokens[at].lower.rstrip(".") in years:
        return True
    if at + 1 >= len(tokens) or tokens[at].kind != "word":
        return False
    found = parses(tokens[at].lower)
    return bool(found) and found[0].tag.POS in ("ADJF", "PRTF") and tokens[at + 1].lower.rstrip(".") in years


def after_numbers(tokens: Sequence[Token], k: int) -> int:
    """The first token after the numbers that go on from tokens[k] in ranges and pairs: "7–8 февраля",
    "с 25 по 28 июля", "1985—1990 и 2006—2011 годы"."""
    while k + 2 < len(tokens) and tokens[k].lower in PAIRING and tokens[k + 1].kind == "num":
        k += 2
    return k


def skip_range(tokens: Sequence[Token], k: int) -> str:
    """The word after a range's or a pair's last number: "февраля" in "7–8 февраля", "16 и 17 октября"."""
    at = after_numbers(tokens, k)
    return tokens[at].lower.rstrip(".") if at > k else ""


def change_word_before(tokens: Sequence[Token], i: int, *, nouns_only: bool = False) -> str | None:
    """The direction ("up", "down", "level") of the nearest change word in the eight tokens before tokens[i].

    With `nouns_only`, a verb of change ("выросла") ends the search: "выросла и составила 300" is a level.
    """
    for token in reversed(tokens[max(0, i - 8) : i]):
        if token.kind != "word" or not (direction := change_of(token.lower)):
            continue
        if nouns_only and best(token.lower, NOUN) is None:
            return None
        return direction
    return None


def apply_context(text: str, tokens: Sequence[Token], found: list[Quantity]) -> list[Quantity]:
    """What a figure takes from the one before it in the same sentence.

    A bare figure takes its unit (and scale): "410 млрд рублей, из них 250 – федеральных". An elided
    change keeps its direction: "выросли на 15%, а зарплаты врачей — на 11%". A "до" after a level
    names a level too: "увеличила на 21%, до 1,14 трлн, а прибыль — до 31,6 млрд".
    """
    ends = {t.end: n for n, t in enumerate(tokens)}
    result: list[Quantity] = []
    for quantity in found:
        previous = result[-1] if result else None
        if previous is None or SENTENCE_BREAK_RE.search(text, previous.end, quantity.start):
            result.append(quantity)
            continue
        after = ends.get(quantity.end, len(tokens)) + 1
        followed_by_word = after < len(tokens) and tokens[after].kind == "word"
        if quantity.unit is None and previous.unit not in (None, "%") and not followed_by_word:
            scale = previous.magnitude if quantity.magnitude == 1.0 and (quantity.value or 0) < 1000 else 1.0
            value = quantity.value * scale if quantity.value is not None else None
            low, high = bounds(quantity.relation, value, quantity.low, quantity.high)
            quantity = replace(
                quantity,
                value=value,
                low=low,
                high=high,
                unit=previous.unit,
                magnitude=max(scale, quantity.magnitude),
            )
        if quantity.change is None and quantity.before == "на" and previous.change is not None:
            quantity = replace(quantity, change=previous.change)
        is_level = previous.lead == "до" and previous.relation == Relation.EXACT
        if quantity.lead == "до" and quantity.relation == Relation.AT_MOST and is_level:
            quantity = replace(quantity, relation=Relation.EXACT, qualifier=None, low=quantity.value)
        result.append(quantity)
    return result


class Quantities:
    """The `quantities` component: `doc.spans[spans_key]`, one span per quantity, with `span._.quantity`."""

    def __init__(self, name: str = "quantities", *, spans_key: str = "quantities") -> None:
        self.name = name
        self.spans_key = spans_key
        if not Span.has_extension("quantity"):
            Span.set_extension("quantity", default=None)

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, find_quantities(text_of(doc), doc.user_data.get(NUMERAL_TOKENS)))
        return doc

    def set_annotations(self, doc: Doc, found: list[Quantity]) -> None:
        spans = []
        for quantity in found:
            span = doc.char_span(quantity.start, quantity.end, alignment_mode="expand")
            if span is not None:
                span._.quantity = quantity
                spans.append(span)
        doc.spans[self.spans_key] = spans


@Language.factory(
    "statextract_quantities",
    assigns=["doc.spans", "span._.quantity"],
    default_config={"spans_key": "quantities"},
)
def make_quantities(nlp: Language, name: str, spans_key: str) -> Quantities:
    return Quantities(name, spans_key=spans_key)
