"""The claim record: one contract for every output format, and the `claims` component that builds it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from enum import StrEnum
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from statextract.numerals import Relation
from statextract.quantities import Quantity

__all__ = ["Change", "Claim", "FIELDS", "Relation", "Speech", "claim_from_span"]


class Change(StrEnum):
    UP = "up"
    DOWN = "down"


class Speech(StrEnum):
    DIRECT = "direct"  # a quote or a dialogue line
    INDIRECT = "indirect"  # по словам, сообщил, что ...
    SOURCE = "source"  # по данным ..., сообщает ... со ссылкой на ...


@dataclass(frozen=True, slots=True)
class Claim:
    """One quantity expression and what the document says about it; the README's record contract."""

    doc_id: str
    start: int  # character offset into the document text as read; `end` is exclusive
    end: int
    text: str  # document[start:end]
    value: float | None  # None for a range: see `low`, `high`
    low: float | None
    high: float | None
    relation: Relation
    approximate: bool  # relation != "="
    qualifier: str | None
    change: Change | None
    unit: str | None
    subject: str | None
    subject_text: str | None
    professions: tuple[str, ...]
    speaker: str | None
    speaker_role: str | None
    speech: Speech | None
    date: str | None
    sentence: str

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready values: enums as their strings, professions as a list."""
        record = asdict(self)
        record["professions"] = list(self.professions)
        for name in ("relation", "change", "speech"):
            record[name] = None if record[name] is None else str(record[name])
        return record


FIELDS: tuple[str, ...] = tuple(field.name for field in fields(Claim))


def register_extensions() -> None:
    """Every extension the stages write, registered once (spaCy's registry is global)."""
    for name, default in (("doc_id", None), ("date", None), ("claims", None), ("quotes", None)):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name in ("quantity", "subject", "subject_text", "professions", "speaker", "speaker_role", "speech", "date"):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


def claim_from_span(doc: Doc, span: Span) -> Claim:
    """The one way in: a quantity span and what the stages wrote on it."""
    quantity: Quantity = span._.quantity
    sentence = span.sent.text if doc.has_annotation("SENT_START") else doc.text
    return Claim(
        doc_id=doc._.doc_id or "",
        start=quantity.start,
        end=quantity.end,
        text=doc.text[quantity.start : quantity.end],
        value=quantity.value,
        low=quantity.low,
        high=quantity.high,
        relation=quantity.relation,
        approximate=quantity.relation != Relation.EXACT,
        qualifier=quantity.qualifier,
        change=Change(quantity.change) if quantity.change else None,
        unit=quantity.unit,
        subject=span._.subject,
        subject_text=span._.subject_text,
        professions=tuple(span._.professions or ()),
        speaker=span._.speaker,
        speaker_role=span._.speaker_role,
        speech=Speech(span._.speech) if span._.speech else None,
        date=span._.date or doc._.date,
        sentence=sentence.strip(),
    )


def claims_of(doc: Doc, spans: Iterable[Span]) -> list[Claim]:
    return [claim_from_span(doc, span) for span in spans if span._.quantity is not None]


class Claims:
    """The `claims` component: `doc._.claims`, one `Claim` per quantity span, in text order."""

    def __init__(self, name: str = "claims", *, spans_key: str = "quantities") -> None:
        self.name = name
        self.spans_key = spans_key
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        doc._.claims = claims_of(doc, doc.spans.get(self.spans_key, []))
        return doc


@Language.factory(
    "statextract_claims",
    requires=["doc.spans", "span._.quantity"],
    assigns=["doc._.claims"],
    default_config={"spans_key": "quantities"},
)
def make_claims(nlp: Language, name: str, spans_key: str) -> Claims:
    return Claims(name, spans_key=spans_key)
