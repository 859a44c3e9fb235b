"""The pipeline in stage order, and `Extractor`, which loads it once and streams claims."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from functools import cache
from itertools import islice
from typing import TYPE_CHECKING, TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from statextract import annotate, dates, professions, quantities, records, speakers, subjects, tokenizer  # noqa: F401
from statextract.errors import InputError, StatextractError
from statextract.reader import Document, make_document
from statextract.records import Claim, ProfessionMention, Quotation, Record, register_extensions

if TYPE_CHECKING:
    import pandas as pd

# Documents per spaCy memory zone (see Extractor.stream): each zone creates its words anew; on news, 1,024
# documents keep 10-15 MB more of them than 256 do, and run 2% faster.
ZONE = 1024
# Allocations between two collections of Python's youngest generation while records stream (see
# `fewer_collections`); Python's own default is 700.
YOUNG_COLLECTION_EVERY = 10_000
R = TypeVar("R")

STAGES = ("quantities", "annotate", "subjects", "professions", "speakers", "dates", "claims")


def build() -> Language:
    """A `spacy.blank("ru")` pipeline with every statextract stage, under its short name."""
    register_extensions()
    nlp = spacy.blank("ru", config={"nlp": {"tokenizer": {"@tokenizers": "statextract.tokenizer.v1"}}})
    for stage in STAGES:
        nlp.add_pipe(f"statextract_{stage}", name=stage)
    return nlp


@cache
def load() -> Language:
    """The pipeline, built once per process; `nlp(text)._.claims` holds the claims."""
    return build()


def as_document(item: Document | str, number: int) -> Document:
    return item if isinstance(item, Document) else make_document(f"text{number}", item)


WARM_UP = "Вице-премьер Аида Балаева сообщила, что сейчас в стране работают порядка 57 тысяч сварщиков и вахтовиков."


def warm_up(extractor: Extractor) -> None:
    """Run one sentence through the pipeline, so that the models that load on first use (NER, the
    profession model) are loaded before the first real document."""
    list(extractor.pipe([WARM_UP]))


class Extractor:
    """Loads everything once; `pipe` streams claims from many texts, `to_frame` tabulates them."""

    def __init__(
        self,
        nlp: Language | None = None,
        *,
        batch_size: int = 16,
        on_error: Callable[[StatextractError], None] | None = None,
        debug: bool = False,
    ) -> None:
        self.nlp = nlp or load()
        self.batch_size = batch_size
        self.on_error = on_error
        self.debug = debug
        self.in_zone = False  # inside `memory_zone`: streams open no zone of their own

    def failed(self, stage: str, proc: object, docs: list[Doc], error: Exception) -> None:
        """A bug hit one document: report it as one line and go on with the others."""
        if self.on_error is None or self.debug:
            raise error
        for doc in docs:
            problem = f"failed in stage {stage!r} ({type(error).__name__}: {error}); this is a bug, please report it"
            self.on_error(InputError(doc._.doc_id or "<text>", problem))

    def docs(self, items: Iterable[Document | str], *, quotes: bool = True) -> Iterator[Doc]:
        """Annotated docs, with `doc._.doc_id` and `doc._.date` taken from each `Document`; without
        `quotes`, the quotes of documents with no figure have no speakers (NER skips those documents)."""

        def prepared() -> Iterator[Doc]:
            for number, item in enumerate(items, start=1):
                document = as_document(item, number)
                doc = self.nlp.make_doc(document.text)
                doc._.doc_id = document.doc_id
                doc._.date = document.date
                yield doc

        self.nlp.set_error_handler(self.failed)  # type: ignore[arg-type]
        yield from self.nlp.pipe(prepared(), batch_size=self.batch_size, component_cfg={"annotate": {"quotes": quotes}})

    def pipe(self, items: Iterable[Document | str]) -> Iterator[Claim]:
        """Every claim of every text, in order."""
        return self.stream(items, lambda doc: doc._.claims, quotes=False)

    def quotes(self, items: Iterable[Document | str]) -> Iterator[Quotation]:
        """Every quote of every text, with its speaker and the claims inside it."""
        return self.stream(items, lambda doc: doc._.quotations, quotes=True)

    def professions(self, items: Iterable[Document | str]) -> Iterator[ProfessionMention]:
        """Every profession mention of every text, with the claim it belongs to, if any."""
        return self.stream(items, lambda doc: doc._.profession_mentions, quotes=False)

    def records(self, items: Iterable[Document | str], what: str = "claims") -> Iterator[Record]:
        """Claims, quotes or professions, by name (the CLI's `--what`)."""
        streams: dict[str, Callable[[Iterable[Document | str]], Iterator[Record]]] = {
            "claims": self.pipe,
            "quotes": self.quotes,
            "professions": self.professions,
        }
        return streams[what](items)

    def stream(
        self, items: Iterable[Document | str], pick: Callable[[Doc], Iterable[R]], *, quotes: bool
    ) -> Iterator[R]:
        """The records `pick` takes from each doc, `ZONE` documents at a time in a spaCy memory zone: the
        words those documents add to the vocabulary are freed after them, so memory stays flat over an
        archive of any size. Records are plain values and outlive the zone; docs do not."""
        numbered = (as_document(item, number) for number, item in enumerate(items, start=1))
        with fewer_collections():
            while chunk := list(islice(numbered, ZONE)):
                found: list[R] = []
                with nullcontext() if self.in_zone else self.nlp.memory_zone():
                    for doc in self.docs(chunk, quotes=quotes):
                        found += pick(doc)
                        doc.user_data.clear()  # its spans and values refer to it: freed now, not by a GC pass
                yield from found

    @contextmanager
    def memory_zone(self) -> Iterator[None]:
        """One spaCy memory zone for all the streams run inside it, which then open none of their own: a
        batch worker keeps one over several small tasks, whose common words a zone each would create
        anew task after task (in zones of 25 documents, building the Docs took twice as long)."""
        with self.nlp.memory_zone():
            self.in_zone = True
            try:
                yield
            finally:
                self.in_zone = False

    def to_frame(self, items: Iterable[Document | str], what: str = "claims") -> pd.DataFrame:
        """A pandas DataFrame of the records, the contract's columns in order."""
        from statextract.output import RECORD_TYPES, What, to_frame

        return to_frame(self.records(items, what), RECORD_TYPES[What(what)])


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Python's cyclic garbage collector run less often while records stream. The extraction allocates
    millions of small objects that outlive a document (the caches of word analyses, the records), and at
    the default threshold each full collection walks them all again: 14% of the time on real news. The
    docs themselves are freed as soon as their records are taken (`stream`), so memory stays as flat.
    Streams may run interleaved: the first to start sets the threshold, the last to end restores it."""
    if COLLECTOR.streams == 0:
        COLLECTOR.before = gc.get_threshold()
        gc.set_threshold(max(COLLECTOR.before[0], YOUNG_COLLECTION_EVERY), *COLLECTOR.before[1:])
    COLLECTOR.streams += 1
    try:
        yield
    finally:
        COLLECTOR.streams -= 1
        if COLLECTOR.streams == 0:
            gc.set_threshold(*COLLECTOR.before)


@dataclass
class CollectorSetting:
    """How many record streams run, and the collector's threshold from before the first of them."""

    streams: int = 0
    before: tuple[int, int, int] = (700, 10, 10)


COLLECTOR = CollectorSetting()


def extract(text: str, *, doc_id: str | None = None, date: str | None = None) -> list[Claim]:
    """Every claim in one text.

    >>> [c.value for c in extract("Заняты порядка 57 тысяч фермеров.")]
    [57000.0]
    """
    document = make_document(doc_id or "text", text, date)
    return list(Extractor().pipe([document]))
