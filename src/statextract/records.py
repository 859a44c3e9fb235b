"""The claim record: one contract for every output format, and the `claims` component that builds it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from enum import StrEnum
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from statextract.annotate import sentence_of, span_text, text_of
from statextract.numerals import Relation
from statextract.quantities import Quantity

__all__ = [
    "Change",
    "Claim",
    "FIELDS",
    "ProfessionMention",
    "Quotation",
    "Record",
    "Relation",
    "Speech",
    "claim_from_span",
    "fields_of",
]


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
        return plain(self)


@dataclass(frozen=True, slots=True)
class Quotation:
    """A quote or a dialogue line: who says it, and the claims inside it (`--what quotes`)."""

    doc_id: str
    start: int  # the quoted words at document[start:end], quote marks and dashes excluded
    end: int
    text: str
    cue: str | None  # the reporting verb of its attribution, as written ("отчиталась"), or None
    speaker: str | None
    speaker_role: str | None
    speech: Speech | None  # direct
    date: str | None
    claims: tuple[str, ...]  # the claims inside it, as written
    claim_starts: tuple[int, ...]  # their `start` offsets: join with the claims on doc_id and start

    def to_dict(self) -> dict[str, Any]:
        return plain(self)


@dataclass(frozen=True, slots=True)
class ProfessionMention:
    """A profession named anywhere in a document (`--what professions`)."""

    doc_id: str
    start: int
    end: int
    text: str  # as written: "операторов машинного доения"
    profession: str  # nominative singular: "оператор машинного доения"
    claim_start: int | None  # the `start` of the claim whose subject holds it, if any
    claim_text: str | None

    def to_dict(self) -> dict[str, Any]:
        return plain(self)


Record = Claim | Quotation | ProfessionMention


def plain(record: Record) -> dict[str, Any]:
    """JSON-ready values, fields in contract order: enums as their strings, tuples as lists."""
    values = asdict(record)
    return {k: list(v) if isinstance(v, tuple) else str(v) if isinstance(v, StrEnum) else v for k, v in values.items()}


def fields_of(record_type: type) -> tuple[str, ...]:
    return tuple(field.name for field in fields(record_type))


FIELDS: tuple[str, ...] = fields_of(Claim)


def register_extensions() -> None:
    """Every extension the stages write, registered once (spaCy's registry is global)."""
    for name, default in (
        ("doc_id", None),
        ("date", None),
        ("claims", None),
        ("quotations", None),
        ("profession_mentions", None),
    ):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name in (
        "quantity",
        "subject",
        "subject_text",
        "professions",
        "speaker",
        "speaker_role",
        "speech",
        "date",
        "cue",
        "profession",
    ):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


def claim_from_span(doc: Doc, span: Span) -> Claim:
    """The one way in: a quantity span and what the stages wrote on it."""
    quantity: Quantity = span._.quantity
    sentence = span_text(sentence_of(doc, span.start))
    return Claim(
        doc_id=doc._.doc_id or "",
        start=quantity.start,
        end=quantity.end,
        text=text_of(doc)[quantity.start : quantity.end],
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


def quotations_of(doc: Doc, quotes: Iterable[Span], claims: list[Claim]) -> list[Quotation]:
    found = []
    for quote in quotes:
        inside = [c for c in claims if quote.start_char <= c.start < quote.end_char]
        found.append(
            Quotation(
                doc_id=doc._.doc_id or "",
                start=quote.start_char,
                end=quote.end_char,
                text=span_text(quote),
                cue=quote._.cue,
                speaker=quote._.speaker,
                speaker_role=quote._.speaker_role,
                speech=Speech(quote._.speech) if quote._.speech else None,
                date=doc._.date,
                claims=tuple(c.text for c in inside),
                claim_starts=tuple(c.start for c in inside),
            )
        )
    return found


def mentions_of(doc: Doc, mentions: Iterable[Span], subjects: list[tuple[Claim, int, int]]) -> list[ProfessionMention]:
    """Profession mentions as records; `subjects`: each claim with the character range of its subject."""
    found = []
    for mention in mentions:
        owner = next((c for c, start, end in subjects if start <= mention.start_char and mention.end_char <= end), None)
        found.append(
            ProfessionMention(
                doc_id=doc._.doc_id or "",
                start=mention.start_char,
                end=mention.end_char,
                text=span_text(mention),
                profession=mention._.profession,
                claim_start=owner.start if owner else None,
                claim_text=owner.text if owner else None,
            )
        )
    return found


class Claims:
    """The `claims` component: `doc._.claims`, one `Claim` per quantity span, in text order; and the
    quotes (`doc._.quotations`) and profession mentions (`doc._.profession_mentions`) as records."""

    def __init__(
        self,
        name: str = "claims",
        *,
        spans_key: str = "quantities",
        quotes_key: str = "quotes",
        mentions_key: str = "professions",
    ) -> None:
        self.name = name
        self.spans_key = spans_key
        self.quotes_key = quotes_key
        self.mentions_key = mentions_key
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        spans = [span for span in doc.spans.get(self.spans_key, []) if span._.quantity is not None]
        claims = [claim_from_span(doc, span) for span in spans]
        subjects = [
            (claim, span._.subject_phrases[0].start, span._.subject_phrases[-1].end)
            for claim, span in zip(claims, spans, strict=True)
            if span.has_extension("subject_phrases") and span._.subject_phrases
        ]
        doc._.claims = claims
        doc._.quotations = quotations_of(doc, doc.spans.get(self.quotes_key, []), claims)
        doc._.profession_mentions = mentions_of(doc, doc.spans.get(self.mentions_key, []), subjects)
        return doc


@Language.factory(
    "statextract_claims",
    requires=["doc.spans", "span._.quantity"],
    assigns=["doc._.claims", "doc._.quotations", "doc._.profession_mentions"],
    default_config={"spans_key": "quantities", "quotes_key": "quotes", "mentions_key": "professions"},
)
def make_claims(nlp: Language, name: str, spans_key: str, quotes_key: str, mentions_key: str) -> Claims:
    return Claims(name, spans_key=spans_key, quotes_key=quotes_key, mentions_key=mentions_key)
