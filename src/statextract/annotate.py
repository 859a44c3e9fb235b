"""Adapters that write razdel's and natasha's analyses onto the spaCy `Doc`.

razdel gives the sentence boundaries (it knows Russian abbreviations such as "тыс." and "т.е.");
natasha's news NER gives `doc.ents` (PER, ORG, LOC), which the speakers stage reads. NER is the
costliest step of the pipeline, so it runs only on documents with figures, only on the sentences
that may name someone (a capitalised word past the first, or a figure), and on a whole batch of
documents in one call.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

# natasha's tagger misses a name in the very first words of its input ("Муканов сообщил, что ...");
# any short lead-in avoids that.
LEAD_IN = ". "
EXCERPT_LIMIT = 1500


def sentence_starts(text: str) -> list[int]:
    """Character offsets where razdel starts a sentence; a line break always starts one.

    >>> sentence_starts("Выросло на 2,2 тыс. человек. Это много.\\n— Да")
    [0, 29, 40]
    """
    from razdel import sentenize

    starts: set[int] = set()
    offset = 0
    for line in text.split("\n"):
        starts.update(offset + sentence.start for sentence in sentenize(line) if sentence.text.strip())
        offset += len(line) + 1
    return sorted(starts)


def set_sentences(doc: Doc, starts: list[int]) -> None:
    wanted = set(starts)
    for token in doc:
        token.is_sent_start = token.i == 0 or token.idx in wanted
    doc.user_data.pop(SENTENCES, None)


SENTENCES = "statextract.sentence_starts"
TEXT = "statextract.text"


def text_of(doc: Doc) -> str:
    """The document's text, joined once: spaCy rebuilds `doc.text` from the tokens on every access."""
    text = doc.user_data.get(TEXT)
    if text is None:
        text = doc.user_data[TEXT] = doc.text
    return text


def sentences(doc: Doc) -> list[Span]:
    """The document's sentences, worked out once: spaCy's `doc.sents` and `span.sent` scan the whole
    document on every call, which the later stages would do thousands of times."""
    starts = sentence_token_starts(doc)
    return [doc[start:end] for start, end in zip(starts, [*starts[1:], len(doc)], strict=True)]


def sentence_token_starts(doc: Doc) -> list[int]:
    starts = doc.user_data.get(SENTENCES)
    if starts is None:
        starts = [t.i for t in doc if t.i == 0 or t.is_sent_start] if len(doc) else [0]
        doc.user_data[SENTENCES] = starts
    return starts


def sentence_of(doc: Doc, i: int) -> Span:
    """The sentence holding token i."""
    starts = sentence_token_starts(doc)
    n = bisect_right(starts, i) - 1
    end = starts[n + 1] if n + 1 < len(starts) else len(doc)
    return doc[starts[max(n, 0)] : end]


@dataclass(frozen=True, slots=True)
class Excerpt:
    """The sentences of a document that NER reads, joined, and where each came from."""

    text: str
    pieces: tuple[tuple[int, int, int], ...]  # (start in excerpt, start in document, length)

    def to_document(self, start: int, end: int) -> tuple[int, int] | None:
        for at, doc_start, length in self.pieces:
            if at <= start and end <= at + length:
                return doc_start + start - at, doc_start + end - at
        return None


def may_name_someone(sent: Span, has_figure: bool) -> bool:
    """Whether NER should read a sentence: it holds a figure, or it may introduce a speaker: a first
    name or surname (pymorphy3's Name/Surn/Patr, a cheap cue), an abbreviation, a title, or a
    reporting verb or cue ("сообщил", "по данным")."""
    if has_figure:
        return True
    from statextract.mentions import speaker_cue

    return any(speaker_cue(token) for token in sent)


def excerpts(doc: Doc, spans_key: str, *, limit: int = EXCERPT_LIMIT) -> list[Excerpt]:
    """The sentences NER should read, in excerpts of at most `limit` characters (natasha pads a batch to
    its longest input, so one long article would otherwise cost memory out of all proportion); none
    when the document has no figure at all."""
    figures = doc.spans.get(spans_key, [])
    if not figures:
        return []
    with_figure = {sentence_of(doc, span.start).start for span in figures}
    found: list[Excerpt] = []
    pieces: list[tuple[int, int, int]] = []
    parts, length = [LEAD_IN], len(LEAD_IN)
    for sent in sentences(doc):
        if not may_name_someone(sent, sent.start in with_figure):
            continue
        if pieces and length + len(sent.text) > limit:
            found.append(Excerpt("".join(parts), tuple(pieces)))
            parts, pieces, length = [LEAD_IN], [], len(LEAD_IN)
        pieces.append((length, sent.start_char, len(sent.text)))
        parts.append(sent.text + "\n")
        length += len(sent.text) + 1
    if pieces:
        found.append(Excerpt("".join(parts), tuple(pieces)))
    return found


class Annotate:
    """The `annotate` component: sentence boundaries and named entities."""

    def __init__(self, name: str = "annotate", *, entities: bool = True, spans_key: str = "quantities") -> None:
        self.name = name
        self.entities = entities
        self.spans_key = spans_key
        self._ner: Any = None
        self.error_handler: Any = None  # spaCy's, set by `Language.set_error_handler`

    def set_error_handler(self, handler: Any) -> None:
        self.error_handler = handler

    @property
    def ner(self) -> Any:
        """natasha's news NER, built on first use: its weights ship inside the natasha wheel."""
        if self._ner is None:
            from natasha import NewsEmbedding, NewsNERTagger

            self._ner = NewsNERTagger(NewsEmbedding())
        return self._ner

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        stream = iter(docs)
        while batch := list(islice(stream, batch_size)):
            try:
                yield from self.annotate(batch)
            except Exception:
                yield from self.one_by_one(batch)  # find the document that fails, keep the others

    def one_by_one(self, batch: list[Doc]) -> Iterator[Doc]:
        for doc in batch:
            try:
                yield from self.annotate([doc])
            except Exception as error:
                if self.error_handler is None:
                    raise
                self.error_handler(self.name, self, [doc], error)

    def annotate(self, batch: list[Doc]) -> list[Doc]:
        wanted: list[list[Excerpt]] = []
        for doc in batch:
            text = text_of(doc)
            if text.strip():
                set_sentences(doc, sentence_starts(text))
            wanted.append(excerpts(doc, self.spans_key) if self.entities and text.strip() else [])
        texts = [excerpt.text for found in wanted for excerpt in found]
        markups = iter(self.ner.map(texts)) if texts else iter(())
        for doc, found in zip(batch, wanted, strict=True):
            if found:
                doc.ents = [span for excerpt in found for span in entities(doc, excerpt, next(markups))]
        return batch


def entities(doc: Doc, found: Excerpt, markup: Any) -> list[Span]:
    """natasha's PER, ORG and LOC spans, mapped back from the excerpt and aligned to tokens."""
    spans: list[Span] = []
    last_end = -1
    for entity in markup.spans:
        place = found.to_document(entity.start, entity.stop)
        span = doc.char_span(*place, label=entity.type, alignment_mode="expand") if place else None
        if span is not None and span.start >= last_end:
            spans.append(span)
            last_end = span.end
    return spans


@Language.factory(
    "statextract_annotate",
    requires=["doc.spans"],
    assigns=["token.is_sent_start", "doc.ents"],
    default_config={"entities": True, "spans_key": "quantities"},
)
def make_annotate(nlp: Language, name: str, entities: bool, spans_key: str) -> Annotate:
    return Annotate(name, entities=entities, spans_key=spans_key)
