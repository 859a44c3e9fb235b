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
from statextract.morphology import NOUN, best, is_predicate, parses
from statextract.not_quantities import NOT_QUANTITY_RE, not_a_quantity
from statextract.numerals import (
    DASHES,
    Number,
    Relation,
    Token,
    adjacent,
    bounds,
    change_of,
    number_words,
    object_change_prefixes,
    qualifiers,
    read_number,
    scale_at,
    tokenize,
    units,
)
from statextract.tokenizer import NUMERAL_TOKENS

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


def counts_one(tokens: Sequence[Token], i: int, k: int, relation: Relation) -> bool:
    """Whether "один" (any form) counts: bounded from below or hedged ("по крайней мере один", "не менее
    одного"), or naming how many people a clause is about ("погиб один человек", "застрелил двух полицейских
    и одного случайного прохожего", "в том числе одна женщина"). Mostly it is an article or a pronoun: "один
    из", "ни один", "ещё один кандидат", "по одному", "на одну женщину", "голос одного выборщика", "в одной
    программе", so it counts only after a verb, a conjunction, a punctuation mark or nothing, and only
    before an animate noun (adjectives between allowed)."""
    if relation in (Relation.AT_LEAST, Relation.MORE, Relation.APPROX):
        return True
    if relation != Relation.EXACT:
        return False  # "до одной десятой"
    before = tokens[i - 1] if i else None
    if (
        before is not None
        and before.kind == "word"
        and not (before.lower in ("и", "а", "но", "числе") or is_predicate(before.lower))
    ):
        return False
    last_person = False  # whether the word before may be an adjective that names someone ("прохожего")
    for n in range(k, min(len(tokens), k + 3)):
        token = tokens[n]
        found = parses(token.lower) if token.kind == "word" and token.text.islower() else []
        if not found or found[0].tag.POS not in ("NOUN", "ADJF", "PRTF") or "Apro" in found[0].tag:
            return last_person
        if found[0].tag.POS == "NOUN":
            return "anim" in found[0].tag and found[0].tag.number == "sing"
        last_person = any("Subx" in p.tag or p.tag.POS == "NOUN" and "anim" in p.tag for p in found)
    return False


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
    elif relation == Relation.EXACT and plus_after(tokens, k):
        written, relation, k = "+", Relation.AT_LEAST, k + 1  # "в возрасте 60+", "100+ рублей"
        if unit is None:
            unit, k, number = read_unit(tokens, k, None, number)
    if unit is None and tokens[j].kind == "word" and number.value == 1 and not counts_one(tokens, i, k, relation):
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
        amount = before == "на" or lead.multiplier or before.startswith(object_change_prefixes())
        change = direction if amount and direction != "level" else None
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


def plus_after(tokens: Sequence[Token], k: int) -> bool:
    """Whether tokens[k] is a "+" written on to the number before it that means "or more": "в возрасте
    60+", "100+ рублей", "50+ сотрудников"; not a sum ("5+3", "750+ председатель")."""
    if not 0 < k < len(tokens) or tokens[k].text != "+" or tokens[k].start != tokens[k - 1].end:
        return False
    following = tokens[k + 1] if k + 1 < len(tokens) else None
    if following is None or following.kind == "sym" or units().match(tokens, k + 1) is not None:
        return True
    found = parses(following.lower) if following.kind == "word" else ()
    return bool(found) and found[0].tag.number == "plur"


def change_word_before(tokens: Sequence[Token], i: int, *, nouns_only: bool = False) -> str | None:
    """The direction ("up", "down", "level") of the nearest change word in the twelve tokens before tokens[i]
    in its sentence ("повысили зарплаты кассиров, продавцов и кладовщиков в среднем на 22%").

    With `nouns_only`, a verb of change ("выросла") ends the search: "выросла и составила 300" is a level.
    """
    for n in range(i - 1, max(-1, i - 13), -1):
        token = tokens[n]
        if token.text in "!?" or token.text == "." and tokens[n + 1].text[:1].isupper():
            return None  # the sentence before ends here
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
    last_change: str | None = None  # the direction of the sentence's last change so far
    for quantity in found:
        previous = result[-1] if result else None
        if previous is None or SENTENCE_BREAK_RE.search(text, previous.end, quantity.start):
            result.append(quantity)
            last_change = quantity.change
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
        if starting_level(text, previous, quantity):
            result[-1] = previous = with_unit_of(previous, quantity)
        elided = quantity.before == "на" or quantity.unit == "раз" and quantity.lead == "в"
        if quantity.change is None and elided and last_change is not None:
            quantity = replace(quantity, change=last_change)  # "трафик – на 5,2%", "запчасти — в полтора раза"
        is_level = previous.lead == "до" and previous.relation == Relation.EXACT
        if quantity.lead == "до" and quantity.relation == Relation.AT_MOST and is_level:
            quantity = replace(quantity, relation=Relation.EXACT, qualifier=None, low=quantity.value)
        result.append(quantity)
        last_change = quantity.change or last_change
    return result


def starting_level(text: str, first: Quantity, second: Quantity) -> bool:
    """Whether two figures are the levels of a change written "с X до Y unit" ("с 43 до 47 рублей",
    "с 3,1 до 2,9 млн человек", "с 74,3 до 77,1%"), the first bare: it has the second's unit and scale."""
    return (
        first.before in ("с", "со")
        and first.unit is None
        and first.magnitude == 1.0
        and first.value is not None
        and second.lead == "до"
        and (second.unit is not None or second.magnitude > 1.0)
        and not text[first.end : second.start].strip()
    )


def with_unit_of(first: Quantity, second: Quantity) -> Quantity:
    """The first level of "с X до Y unit" with Y's unit, and its scale where X at that scale is of Y's order
    ("с 3,1 до 2,9 млн"; not "с 800 до 1,2 тыс.")."""
    value = first.value or 0.0
    scaled = value * second.magnitude
    if second.value and second.magnitude > 1.0 and 0.1 <= scaled / second.value <= 10:
        value = scaled
    low, high = bounds(first.relation, value, first.low, first.high)
    return replace(first, value=value, low=low, high=high, unit=second.unit, magnitude=value / (first.value or 1.0))


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
