"""Adapters that write natasha's and razdel's analyses onto the spaCy `Doc`.

spaCy's own Russian tokenizer gives the tokens (it is fast); razdel gives the sentence boundaries
(it knows Russian abbreviations such as "тыс." and "т.е."); natasha's news NER gives `doc.ents`
(PER, ORG, LOC), which the speakers stage reads.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span


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
    # a token that covers a start without beginning at it (rare with spaCy's tokenizer) starts nothing


class Annotate:
    """The `annotate` component: sentence boundaries and named entities."""

    def __init__(self, name: str = "annotate", *, entities: bool = True) -> None:
        self.name = name
        self.entities = entities
        self._ner: Any = None

    @property
    def ner(self) -> Any:
        """natasha's news NER, built on first use: its weights ship inside the natasha wheel."""
        if self._ner is None:
            from natasha import NewsEmbedding, NewsNERTagger

            self._ner = NewsNERTagger(NewsEmbedding())
        return self._ner

    def __call__(self, doc: Doc) -> Doc:
        if not doc.text.strip():
            return doc
        set_sentences(doc, sentence_starts(doc.text))
        if self.entities:
            doc.ents = find_entities(doc, self.ner)
        return doc


def find_entities(doc: Doc, ner: Any) -> list[Span]:
    """natasha's PER, ORG and LOC spans, aligned to spaCy tokens.

    The tagger reads the whole text at once: on a sentence alone it misses names it finds in context.
    """
    spans: list[Span] = []
    last_end = -1
    for found in ner(doc.text).spans:
        span = doc.char_span(found.start, found.stop, label=found.type, alignment_mode="expand")
        if span is not None and span.start >= last_end:
            spans.append(span)
            last_end = span.end
    return spans


@Language.factory(
    "statextract_annotate",
    assigns=["token.is_sent_start", "doc.ents"],
    default_config={"entities": True},
)
def make_annotate(nlp: Language, name: str, entities: bool) -> Annotate:
    return Annotate(name, entities=entities)
