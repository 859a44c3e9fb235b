"""What looks like a figure but counts nothing: years and dates, times, ranks, identifiers, numbers that
are part of a name, and page furniture. Real news is full of them ("на выборах 2008", "с 9-00 до 18-00",
"на 59 месте", "Эл № ФС 77-12345", "Boeing 737-800", "7 (495) 123-4567", "[12]"), and each would be a
false claim.

Two layers: `NOT_QUANTITY_RE` finds the patterns that a regular expression tells on the text alone
(phones, written dates, web addresses), and `not_a_quantity` judges a number read by the normaliser from
its tokens and their neighbours. The words that matter (№, статья, месяцы, выборы ...) live in
data/not_quantities.tsv.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from statextract import resources
from statextract.morphology import is_predicate, parses
from statextract.numerals import DASHES, Number, Token, change_of, units

DAY_MONTH_RE = re.compile(r"(0?[1-9]|[12]\d|3[01])\.(0[1-9]|1[0-2])")
HOUR_RE = re.compile(r"[01]?\d|2[0-4]")
TIME_RE = re.compile(r"(?:[01]?\d|2[0-3])\.[0-5]\d")  # "16.30", read as a time after TIME_PREPOSITIONS
TIME_PREPOSITIONS = frozenset(["в", "во", "до", "с", "со", "к", "после", "около"])
YEAR_PREPOSITIONS = frozenset(["в", "во", "к", "до", "по", "с", "со", "за", "от", "на", "из", "после", "между", "и"])
# Phone numbers, written dates (ISO "2025-03-12" as in the `date` header line, "24/06/2016"), seasons and web
# addresses: numbers in them are not claims. "8(?<!\w8)" is "\b8" and "\d(?<!\w\d)" is "\b\d", written so
# that every branch starts with a character: the regex engine then skips straight to a "+", a digit, a
# bracket or an "h"/"w" instead of trying each position of the text.
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


@cache
def not_quantity_words() -> dict[str, frozenset[str]]:
    """Forms of the words of data/not_quantities.tsv, by kind."""
    table: dict[str, set[str]] = {}
    for word, kind in resources.read_table("not_quantities.tsv"):
        forms = resources.word_forms(word)
        table.setdefault(kind, set()).update(forms | {f.rstrip(".") for f in forms})
    return {kind: frozenset(forms) for kind, forms in table.items()}


@dataclass(frozen=True, slots=True)
class At:
    """A number read from tokens[j] to tokens[k], and the tokens either side of it. `before` looks past
    an abbreviation's full stop ("ст. 81") and a colon ("Просмотров: 1234")."""

    text: str
    tokens: Sequence[Token]
    j: int
    number: Number
    before: Token | None
    after: Token | None
    unit: tuple[int, str] | None  # the unit written after the number, as units().match gives it

    @property
    def first(self) -> Token:
        return self.tokens[self.j]

    @property
    def k(self) -> int:
        return self.number.end_i

    @property
    def digits(self) -> bool:
        return self.first.kind == "num"

    @property
    def whole(self) -> bool:
        """A whole number with no scale word: the only kind a year, a day or a designation can be."""
        value = self.number.value
        return value is not None and self.number.magnitude == 1.0 and value == int(value)

    @property
    def glued_after(self) -> Token | None:
        """The token written right after the number, with no space between them, if any."""
        return self.after if self.after is not None and self.after.start == self.first.end else None

    def unit_after(self) -> bool:
        return self.unit is not None


def not_a_quantity(text: str, tokens: Sequence[Token], j: int, number: Number) -> bool:
    """Whether the number read at tokens[j] counts nothing: part of a time or a date, a rank, a title or
    furniture, or an identifier or a name."""
    k = number.end_i
    before = tokens[j - 1] if j else None
    if before is not None and before.text == "." and j >= 2 and tokens[j - 2].end == before.start:
        before = tokens[j - 2]  # "ст. 81"
    if before is not None and before.text == ":" and j >= 2:
        if tokens[j - 2].kind == "num" and tokens[j - 2].end == before.end - 1 == tokens[j].start - 1:
            return True  # the minutes of "10:30"
        before = tokens[j - 2]
    at = At(text, tokens, j, number, before, tokens[k] if k < len(tokens) else None, units().match(tokens, k))
    return time_or_date(at) or rank_title_or_furniture(at) or identifier_or_name(at)


def time_or_date(at: At) -> bool:
    """A time of day, a day, a month or a year: "10:30", "с 9-00", "до 16.30", "08.05", "7 февраля",
    "2018 года", "(1953)", "на выборах 2008"."""
    tokens, j, k, first, before, after = at.tokens, at.j, at.k, at.first, at.before, at.after
    if at.digits:
        if time_with_hyphen(tokens, j) or j >= 2 and time_with_hyphen(tokens, j - 2):
            return True  # "с 9-00 до 15-00": the hour or the minutes of a time of day
        time_word = before is not None and before.lower in TIME_PREPOSITIONS
        if TIME_RE.fullmatch(first.text) and time_word and not at.unit_after():
            return True  # "до 16.30": a time of day
        glued = at.glued_after
        if glued is not None and glued.text == ":" and k + 1 < len(tokens) and tokens[k + 1].kind == "num":
            return True  # "10:30"
        if DAY_MONTH_RE.fullmatch(first.text) and k == j + 1 and not at.unit_after():
            return True  # "08.05", "26.07": a day and a month
        if (
            after is not None
            and after.text in DASHES
            and k + 1 < len(tokens)
            and DAY_MONTH_RE.fullmatch(tokens[k + 1].text)
        ):
            return True  # the first day of "25-26.07"
    if hours_of_day(at) or hours_range(at):
        return True  # "в 4 часа утра", "в шесть часов вечера", "работает с 9 до 18 часов"
    if not at.whole:
        return False
    value, words = at.number.value or 0, not_quantity_words()
    next_word = after.lower.rstrip(".") if after is not None else ""
    if 1 <= value <= 31 and (next_word in words["month"] or skip_range(tokens, k) in words["month"]):
        return True  # "7 февраля", "16 и 17 октября"
    return at.digits and first.text.isdigit() and 1000 <= value <= 2100 and year(at)


def hours_of_day(at: At) -> bool:
    """Whether the number is followed by "часов" and a part of the day: a time, not a length of time."""
    tokens, k, unit = at.tokens, at.k, at.unit
    if unit is None or unit[1] != "час" or k + unit[0] >= len(tokens):
        return False
    return tokens[k + unit[0]].lower in not_quantity_words()["day_part"]


def hours_range(at: At) -> bool:
    """Whether the number is an end of "с N до M часов" that is a stretch of the day (N before M, both
    24 or less) and no change ("сократилось с 10 до 5 часов", "увеличат с 8 до 10 часов")."""
    tokens, j = at.tokens, at.j
    if at.digits and j >= 1 and tokens[j - 1].lower in ("с", "со"):
        start, first = j - 1, j  # "с 9" of "с 9 до 18 часов"
    elif at.digits and j >= 3 and tokens[j - 1].lower == "до" and tokens[j - 3].lower in ("с", "со"):
        start, first = j - 3, j - 2  # "до 18 часов"
    else:
        return False
    if first + 3 >= len(tokens) or tokens[first + 1].lower != "до":
        return False
    hours = [tokens[first].text, tokens[first + 2].text]
    unit = units().match(tokens, first + 3)
    if not all(h.isdigit() for h in hours) or unit is None or unit[1] != "час":
        return False
    opening, closing = map(int, hours)
    if not opening < closing <= 24:
        return False
    return not any(t.kind == "word" and change_of(t.lower) for t in tokens[max(0, start - 8) : start])


def year(at: At) -> bool:
    """Whether a four-digit whole number is a year, by the words around it."""
    tokens, j, k, before, after = at.tokens, at.j, at.k, at.before, at.after
    words = not_quantity_words()
    if year_word_after(tokens, k, words["year"]) or bracketed_years(tokens, j):
        return True  # "2018 года", "«Лили» (1953)", "(2004—2009)"
    chain = glued_start(tokens, j)  # "сезон 2017-2018": the word before the years written together
    if event_before(tokens, chain, words["year_after"]) and not counted_word(after):
        return True  # "на выборах 2008 в Небраске", "на чемпионате мира 2018"
    if before is not None and before.lower.rstrip(".") in words["month"]:
        return True  # "29 апреля 2008"
    if before is not None and before.lower in YEAR_PREPOSITIONS:
        return after is None or after.lower in YEAR_PREPOSITIONS or not counted_word(after)
    if (at.number.value or 0) >= 1900 and before is not None and before.kind == "word" and before.text[0].isupper():
        return after is None or after.kind != "word"  # "Мюнхен 1938.": a year after a name
    return False


def event_before(tokens: Sequence[Token], chain: int, events: frozenset[str]) -> bool:
    """Whether an event's word ends just before tokens[chain], or one word before it that names the event
    further: "на выборах 2008", "на чемпионате мира 2018", "Кубок конфедераций 2017"."""
    if chain >= 1 and tokens[chain - 1].lower in events:
        return True
    return chain >= 2 and tokens[chain - 1].kind == "word" and tokens[chain - 2].lower in events


def rank_title_or_furniture(at: At) -> bool:
    """A rank ("2-й", "на 59 месте"), a title («Три сестры»), another word that reads as a number ("Вашу
    семью"), or the numbering of a list or a clause."""
    text, tokens, j, k, first, after = at.text, at.tokens, at.j, at.k, at.first, at.after
    words = not_quantity_words()
    if first.kind == "word" and quoted_title_opening(tokens, j):
        return True  # «Двенадцать стульев», «Три сестры»: a title, not a count
    if first.lower in words["homonym"] and k == j + 1 and not counted_in_instrumental(after):
        return True  # "Вашу семью": "семья", not "семь"
    if not at.digits:
        return False
    if age_rating(at):
        return True  # "Ресурс может содержать материалы 16+", "(18+)": a content rating
    if ending_written_on(at):
        return True  # "2-й", "5-е", "90-х", "51-летняя", "10-процентный": an ordinal or an adjective
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
        and not at.unit_after()
        and not plural_noun(after)
    ):
        return True  # "1 Отрешить от должности", "3 Указ вступает в силу": a numbered clause
    return ordinal_by_agreement(at)  # "на 59 месте", "ученики 8 класса"


def age_rating(at: At) -> bool:
    """Whether the number is a content rating ("0+", "6+", "12+", "16+", "18+") rather than an age limit
    the text states ("людей в возрасте 60+", "старше 18+")."""
    plus = at.glued_after
    if plus is None or plus.text != "+" or at.first.text not in AGE_RATINGS:
        return False
    before = at.before
    return before is None or not (before.lower.startswith("возраст") or before.lower in ("старше", "от", "с"))


AGE_RATINGS = frozenset({"0", "6", "12", "16", "18"})


def ending_written_on(at: At) -> bool:
    """Whether a hyphen and a word are written on to the digits: "2-й", "90-х", "51-летняя"."""
    hyphen, n = at.glued_after, at.k + 1
    return (
        hyphen is not None
        and hyphen.text in DASHES
        and at.k == at.j + 1
        and n < len(at.tokens)
        and at.tokens[n].start == hyphen.end
        and at.tokens[n].kind == "word"
    )


def identifier_or_name(at: At) -> bool:
    """An identifier ("№919", "статья 81", "№ 7, 15 и 16", "ФС77-57640") or part of a name ("COVID-19",
    «Россия 24», "Nord Stream 2", "5G")."""
    text, tokens, j, k, first, before, after = at.text, at.tokens, at.j, at.k, at.first, at.before, at.after
    words = not_quantity_words()
    if before is not None and (before.lower in words["before"] or before.lower.rstrip(".") in words["before"]):
        return True  # "№919", "статья 81", "тел. 123"
    if at.digits:
        if before is not None and before.end == first.start and attached_to_word(tokens, j):
            return True  # "COVID-19", "Ан-124", "A1", "ФС77-57640"
        if before is not None and before.text == "[" and after is not None and after.text == "]":
            return True  # "инициатива[17]": a note's number
        if name_before(text, tokens, j) and k == j + 1 and not at.unit_after() and not counted_word(after):
            return True  # "Nord Stream 2", "Windows 10 вышла", "Boeing 737-800", "ОД 3628": part of a name
        glued = at.glued_after
        if glued is not None and glued.kind == "word" and k == j + 1 and not at.unit_after():
            return True  # "5G", "3D"
        if glued is not None and glued.text in '»"”“' and quoted_name(tokens, j):
            return True  # «Россия 24», «Северного потока – 2»: a number closing a quoted name
    return at.whole and not at.unit_after() and designated(text, tokens, j)  # "№ 7, 15 и 16"


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
PAIRING = DASHES | {"и", "или", "по", "до", "на", ","}  # "с 4 на 5 января": the night between two days


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
            return not any(t.kind == "word" and is_predicate(t.lower) for t in tokens[j + 1 : n])
        if tokens[n].kind != "word":
            return False
    return False


def plural_noun(token: Token) -> bool:
    """Whether a word is read first as a noun in the plural: what a number before it counts ("10 Вопросов")."""
    found = parses(token.lower)
    return bool(found) and found[0].tag.POS == "NOUN" and found[0].tag.number == "plur"


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


def ordinal_by_agreement(at: At) -> bool:
    """Whether the digits at tokens[j] are an ordinal, as the noun after them tells: a count of five or
    more takes the noun in the plural ("59 мест"), so a noun with no plural reading after it makes the
    number a rank ("на 59 месте", "8 класса"); after 2-4 the count's noun is genitive ("24 места"), so
    another singular case ("на 24 месте") makes it a rank too. Numbers ending in 1 agree in the singular
    ("в 21 регионе") and tell nothing."""
    value, k, noun = at.number.value, at.k, at.after
    if value is None or value != int(value) or not at.first.text.isdigit() or k != at.j + 1 or noun is None:
        return False
    if noun.kind != "word" or not noun.text.islower() or at.unit_after():
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
    return token is not None and any(
        p.tag.case == "ablt" and p.tag.number == "plur" and "Fixd" not in p.tag for p in parses(token.lower)
    )  # not an indeclinable word, which reads in every case: "и" is also the letter's name


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
