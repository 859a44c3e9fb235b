"""Stage 5: the date of the document's statements (`doc._.date`).

Metadata or the `date YYYY-MM-DD` header come first (the reader sets them); else a dateline near
the top of the text ("Астана. 12 марта 2025 года."), the year taken from the dateline or the text.
"""

from __future__ import annotations

import re
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

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


class Dates:
    """The `dates` component: fills `doc._.date` when the reader found no metadata or header."""

    def __init__(self, name: str = "dates") -> None:
        self.name = name
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        if doc._.date is None:
            doc._.date = header_date(doc.text) or dateline(doc.text)
        return doc


@Language.factory("statextract_dates", assigns=["doc._.date"])
def make_dates(nlp: Language, name: str) -> Dates:
    return Dates(name)
