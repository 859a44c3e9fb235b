"""Stage 5: the date of the document's statements (`doc._.date`).

Metadata or the `date YYYY-MM-DD` header come first (the reader sets them); else a dateline near
the top of the text ("Астана. 12 марта 2025 года."), the year taken from the dateline or the text.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from statextract import resources
from statextract.annotate import sentence_of, span_text, text_of
from statextract.reader import header_date
from statextract.records import register_extensions

# Months as a dateline writes them, whole or cut short ("9 янв — РИА Новости"), in the year's order.
MONTHS = ("янв", "фев", "мар", "апр", "ма[йя]", "июн", "июл", "авг", "сен", "окт", "ноя", "дек")
MONTH_RE = "|".join(rf"{month}[а-я]*\.?" for month in MONTHS)
DATELINE_RE = re.compile(rf"\b(\d{{1,2}})\s+({MONTH_RE})(?:\s+(\d{{4}}))?(?![а-я])", re.I)
YEAR_RE = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
WORD_RE = re.compile(r"[а-яё]+")
PLACE_RE = re.compile(r"(?:^|\n)[ \t]*[А-ЯЁA-Z][\w .-]{0,40}[,.][ \t]*$")  # "МОСКВА, ", "Астана. "
PREPOSITIONS = frozenset({"с", "со", "до", "к", "по", "на", "от", "после", "перед", "за", "в"})


def month_of(word: str) -> int | None:
    return next((n for n, month in enumerate(MONTHS, start=1) if re.match(month, word, re.I)), None)


def dateline(text: str, *, within: int = 300) -> str | None:
    """The date a text gives itself near its top, ISO: a date after a place that opens a line ("МОСКВА,
    14 ноября", "Астана. 12 марта 2025 года"), else the first date with a year and no preposition before
    it (not the headline's "С 1 октября пенсии вырастут"). A dateline with no year takes the first one
    the text names within `within` characters after it; else the date is unknown.

    >>> dateline("Астана. 12 марта 2025 года. Вице-премьер ...")
    '2025-03-12'
    >>> dateline("С 1 октября пенсии вырастут\\n\\nБИШКЕК, 14 мая 2025 года. Кабинет ...")
    '2025-05-14'
    """
    candidates = []
    for match in DATELINE_RE.finditer(text, 0, within):
        before = WORD_RE.findall(text[max(0, match.start() - 12) : match.start()].lower())
        if before and before[-1] in PREPOSITIONS:
            continue
        place = PLACE_RE.search(text, 0, match.start()) is not None
        if place or match.group(3):  # "30 июля в Москве состоялось ...": an event's day, no dateline
            candidates.append((not place, match.start(), match))
    if not candidates:
        return None
    match = min(candidates, key=lambda c: c[:2])[2]
    month = month_of(match.group(2))
    year = match.group(3) or next(iter(YEAR_RE.findall(text, match.end(), match.end() + within)), None)
    if year is None or month is None:
        return None
    try:
        return date(int(year), month, int(match.group(1))).isoformat()
    except ValueError:
        return None


@cache
def relative_words() -> dict[str, int]:
    return {word: int(days) for word, days in resources.read_table("relative_dates.tsv")}


def statement_date(document_date: str | None, sentence: str) -> str | None:
    """The date of a statement: the document's, moved by a relative word in its sentence.

    >>> statement_date("2025-05-15", "Вчера бюро сообщило, что безработица составила 4,6%.")
    '2025-05-14'
    """
    if document_date is None:
        return None
    shift = next((days for word in WORD_RE.findall(sentence.lower()) if (days := relative_words().get(word))), 0)
    if not shift:
        return document_date
    try:
        return (date.fromisoformat(document_date[:10]) + timedelta(days=shift)).isoformat()
    except ValueError:  # a date the caller gave in another format: no day to count back from
        return document_date


class Dates:
    """The `dates` component: `doc._.date` (when the reader found no metadata or header) and, for a
    figure stated "вчера" or "накануне", `span._.date`."""

    def __init__(self, name: str = "dates", *, spans_key: str = "quantities") -> None:
        self.name = name
        self.spans_key = spans_key
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        if doc._.date is None:
            doc._.date = header_date(text_of(doc)) or dateline(text_of(doc))
        for span in doc.spans.get(self.spans_key, []):
            span._.date = statement_date(doc._.date, span_text(sentence_of(doc, span.start)))
        return doc


@Language.factory(
    "statextract_dates", assigns=["doc._.date", "span._.date"], default_config={"spans_key": "quantities"}
)
def make_dates(nlp: Language, name: str, spans_key: str) -> Dates:
    return Dates(name, spans_key=spans_key)
