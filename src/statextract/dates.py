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

MONTHS = {
    m: n
    for n, m in enumerate(
        [
            "января",
            "февраля",
            "марта",
            "апреля",
            "мая",
            "июня",
            "июля",
            "августа",
            "сентября",
            "октября",
            "ноября",
            "декабря",
        ],
        start=1,
    )
}
DATELINE_RE = re.compile(rf"\b(\d{{1,2}})\s+({'|'.join(MONTHS)})(?:\s+(\d{{4}}))?", re.I)
YEAR_RE = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
WORD_RE = re.compile(r"[а-яё]+")


def dateline(text: str, *, within: int = 300) -> str | None:
    """The date a text gives itself near its top, ISO.

    >>> dateline("Астана. 12 марта 2025 года. Вице-премьер ...")
    '2025-03-12'
    """
    match = DATELINE_RE.search(text, 0, within)
    if match is None:
        return None
    year = match.group(3) or next(iter(YEAR_RE.findall(text)), None)
    if year is None:
        return None
    try:
        return date(int(year), MONTHS[match.group(2).lower()], int(match.group(1))).isoformat()
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
