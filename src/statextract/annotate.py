"""Adapters that write razdel's and natasha's analyses onto the spaCy `Doc`.

razdel gives the sentence boundaries (it knows Russian abbreviations such as "тыс." and "т.е.");
natasha's news NER (run by ner.py) gives `doc.ents` (PER, ORG, LOC), which the speakers stage reads.
NER is the costliest step of the pipeline, so it runs only on documents with figures, only on the
sentences that may name someone or hold a figure, only around their capitalised words, and on a
whole batch of documents in one call.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from functools import cache, lru_cache
from itertools import islice
from typing import Any

import numpy
from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from statextract import ner
from statextract.quotes import speech_quotes
from statextract.tokenizer import TEXT, WORDS

# Tokens NER reads either side of a capitalised word: its three-token receptive field, and one more so
# that the tags of a whole name or organisation come out as the whole sentence would give them.
WINDOW = 4
# A segment that starts a sentence is read after a full stop, as natasha reads a sentence in running
# text: at the very start of its input the tagger takes almost any capitalised word for a name.
LEAD_IN = "."
TRAILING = frozenset(".,:;!?(«„—–-")


def lead_in(doc: Doc, start: int) -> list[int]:
    """[-1] (the lead-in's position) before a segment that starts a sentence, else nothing."""
    return [-1] if start in sentence_token_starts(doc) else []


def sentence_starts(text: str) -> list[int]:
    """Character offsets where razdel starts a sentence; a line break always starts one.

    >>> sentence_starts("Выросло на 2,2 тыс. человек. Это много.\\n— Да")
    [0, 29, 40]
    """
    from razdel import sentenize

    starts: set[int] = set()
    offset = 0
    for line in text.split("\n"):
        if one_sentence(line):  # a third of the lines of news: razdel would find the one start too
            if line.strip():
                starts.add(offset + len(line) - len(line.lstrip()))
        else:
            starts.update(offset + sentence.start for sentence in sentenize(line) if sentence.text.strip())
        offset += len(line) + 1
    return sorted(starts)


def one_sentence(line: str) -> bool:
    """Whether razdel can only find one sentence in a line: none of its delimiters (".", "?", "!", "…",
    ";", quotes, closing brackets, smileys) comes before the line's last word.

    >>> one_sentence("Заняты 57 тысяч сварщиков."), one_sentence("Т.е. 57 тысяч"), one_sentence("Да. Нет")
    (True, False, False)
    """
    found = sentence_delimiter().search(line)
    return found is None or not any(ch.isalnum() or ch.isspace() for ch in line[found.start() :].rstrip())


@cache
def sentence_delimiter() -> re.Pattern[str]:
    from razdel.segmenters.sentenize import DELIMITER

    return re.compile(DELIMITER)


def set_sentences(doc: Doc, starts: list[int]) -> None:
    """Mark the tokens that start a sentence, in one array write: setting `token.is_sent_start` one token
    at a time makes spaCy rescan the whole document for each token."""
    offsets = doc.to_array(IDX)  # ascending: each start's token is found by bisection (`isin` sorts both)
    at = numpy.minimum(numpy.searchsorted(offsets, starts), len(offsets) - 1)
    first = at[offsets[at] == starts]
    values = numpy.full((len(doc), 1), -1, dtype="int64").view("uint64")
    values[first] = 1
    values[0] = 1
    first_tokens = sorted({0, *first.tolist()})
    doc.from_array([SENT_START], values)  # type: ignore[arg-type]
    doc.user_data[SENTENCES] = first_tokens
    doc.user_data.pop(SENTENCE_SPANS, None)


SENTENCES = "statextract.sentence_starts"


def text_of(doc: Doc) -> str:
    """The document's text, joined once: spaCy rebuilds `doc.text` from the tokens on every access."""
    text = doc.user_data.get(TEXT)
    if text is None:
        text = doc.user_data[TEXT] = doc.text
    return text


LOWER_WORDS = "statextract.lower_words"


def words_of(doc: Doc) -> list[str]:
    """Every token's text, listed once (the tokenizer keeps them): the stages scan them often, and spaCy
    makes a new `Token` object on every `doc[i]`."""
    words = doc.user_data.get(WORDS)
    if words is None or len(words) != len(doc):
        words = doc.user_data[WORDS] = [token.text for token in doc]
    return words


def lower_words(doc: Doc) -> list[str]:
    """Every token's text in lower case, listed once."""
    words = doc.user_data.get(LOWER_WORDS)
    if words is None:
        words = doc.user_data[LOWER_WORDS] = list(map(str.lower, words_of(doc)))
    return words


ENTITIES = "statextract.entities"


def entities_within(doc: Doc, start: int, end: int) -> list[Span]:
    """The named entities wholly inside tokens start..end-1, as `span.ents` gives them, without spaCy
    rebuilding every entity of the document on each call."""
    found = doc.user_data.get(ENTITIES)
    if found is None:
        found = doc.user_data[ENTITIES] = list(doc.ents)
    return [ent for ent in found if start <= ent.start and ent.end <= end]


def sentences(doc: Doc) -> list[Span]:
    """The document's sentences, worked out once: spaCy's `doc.sents` and `span.sent` scan the whole
    document on every call, which the later stages would do thousands of times."""
    found = doc.user_data.get(SENTENCE_SPANS)
    if found is None:
        starts = sentence_token_starts(doc)
        ends = [*starts[1:], len(doc)]
        found = doc.user_data[SENTENCE_SPANS] = [doc[start:end] for start, end in zip(starts, ends, strict=True)]
    return found


SENTENCE_SPANS = "statextract.sentences"


def sentence_token_starts(doc: Doc) -> list[int]:
    starts = doc.user_data.get(SENTENCES)
    if starts is None:
        starts = [t.i for t in doc if t.i == 0 or t.is_sent_start] if len(doc) else [0]
        doc.user_data[SENTENCES] = starts
    return starts


def sentence_of(doc: Doc, i: int) -> Span:
    """The sentence holding token i."""
    return sentences(doc)[max(bisect_right(sentence_token_starts(doc), i) - 1, 0)]


def span_text(span: Span) -> str:
    """A span's text, cut from the document's: `span.text` joins its tokens anew on every call."""
    return text_of(span.doc)[span.start_char : span.end_char]


def may_name_someone(doc: Doc, sent: Span) -> bool:
    """Whether a sentence may introduce a speaker: it holds a first name or surname (pymorphy3's
    Name/Surn/Patr, a cheap cue), an abbreviation, a title, or a reporting verb or cue ("сообщил",
    "по данным")."""
    from statextract.mentions import speaker_cue

    return any(map(speaker_cue, words_of(doc)[sent.start : sent.end]))


@lru_cache(maxsize=10_000)
def ordinary_first_word(word: str) -> bool:
    """A sentence's first word that is capitalised only for being first: a preposition, conjunction,
    pronoun, adverb or verb ("По", "Однако", "Это", "Сообщается"), which starts no name."""
    from statextract.morphology import NAME_TAGS, parses

    found = parses(word.lower())
    if not found or word.isupper() or any(tag in parse.tag for parse in found for tag in NAME_TAGS):
        return False  # "Цветков назвал": a short adjective first, and a surname as likely
    return found[0].tag.POS in NOT_NAME_STARTS


NOT_NAME_STARTS = frozenset(
    {"PREP", "CONJ", "PRCL", "ADVB", "NPRO", "VERB", "INFN", "GRND", "PRED", "INTJ", "COMP", "NUMR", "PRTS", "ADJS"}
)


def segments(doc: Doc, spans_key: str, *, reach: int = WINDOW, quotes: bool = True) -> list[tuple[int, int]]:
    """The stretches of tokens NER reads: `reach` tokens either side of every capitalised word (no
    name, organisation or place is all lower case) in the sentences that hold a figure or may name
    someone, merged and kept within their sentence; none when the document has neither a figure nor a
    quote (nor a figure, when the quotes are not wanted), since nothing then needs a speaker."""
    figures = doc.spans.get(spans_key, [])
    if not figures and not (quotes and speech_quotes(text_of(doc))):
        return []
    with_figure = {sentence_of(doc, span.start).start for span in figures}
    words = words_of(doc)
    found: list[tuple[int, int]] = []
    for sent in sentences(doc):
        capitalised = [
            i
            for i in range(sent.start, sent.end)
            if words[i][:1].isupper() and not (i == sent.start and ordinary_first_word(words[i]))
        ]
        if capitalised and (sent.start in with_figure or may_name_someone(doc, sent)):
            found += windows(capitalised, sent.start, sent.end, reach)
    return found


def windows(centres: Sequence[int], first: int, end: int, reach: int) -> list[tuple[int, int]]:
    """Windows of `reach` tokens either side of each centre, merged where they meet, within first..end.

    >>> windows([3, 5, 30], 0, 40, reach=2)
    [(1, 8), (28, 33)]
    """
    found: list[tuple[int, int]] = []
    for centre in centres:
        start, stop = max(first, centre - reach), min(end, centre + reach + 1)
        if found and found[-1][1] >= start:
            found[-1] = (found[-1][0], stop)
        else:
            found.append((start, stop))
    return found


class Annotate:
    """The `annotate` component: sentence boundaries and named entities."""

    def __init__(self, name: str = "annotate", *, entities: bool = True, spans_key: str = "quantities") -> None:
        self.name = name
        self.entities = entities
        self.spans_key = spans_key
        self.error_handler: Any = None  # spaCy's, set by `Language.set_error_handler`

    def set_error_handler(self, handler: Any) -> None:
        self.error_handler = handler

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32, quotes: bool = True) -> Iterator[Doc]:
        """Annotated docs. Without `quotes` (spaCy's `component_cfg`, from a stream of claims or profession
        mentions) NER skips the documents that have quotes but no figure: only their quotes need it."""
        stream = iter(docs)
        while batch := list(islice(stream, batch_size)):
            try:
                yield from self.annotate(batch, quotes)
            except Exception:
                yield from self.one_by_one(batch, quotes)  # find the document that fails, keep the others

    def one_by_one(self, batch: list[Doc], quotes: bool) -> Iterator[Doc]:
        for doc in batch:
            try:
                yield from self.annotate([doc], quotes)
            except Exception as error:
                if self.error_handler is None:
                    raise
                self.error_handler(self.name, self, [doc], error)

    def annotate(self, batch: list[Doc], quotes: bool = True) -> list[Doc]:
        wanted: list[list[tuple[int, int]]] = []
        for doc in batch:
            text = text_of(doc)
            if text.strip():
                set_sentences(doc, sentence_starts(text))
            wanted.append(segments(doc, self.spans_key, quotes=quotes) if self.entities and text.strip() else [])
        pieces: list[tuple[int, list[int]]] = []  # (document, its token positions; -1 for the lead-in)
        words: list[list[str]] = []
        for n, (doc, found) in enumerate(zip(batch, wanted, strict=True)):
            texts = words_of(doc)
            for start, end in found:
                positions = [*lead_in(doc, start), *(i for i in range(start, end) if not texts[i].isspace())]
                pieces.append((n, positions))
                words.append([LEAD_IN if i < 0 else texts[i] for i in positions])
        found_entities: list[list[Span]] = [[] for _ in batch]
        for (n, positions), tagged in zip(pieces, ner.tagger().tag(words), strict=True):
            texts = words_of(batch[n])
            for entity in ner.entities(tagged, 0):
                inside = [i for i in positions[entity.start : entity.end] if i >= 0]
                while inside and texts[inside[-1]] in TRAILING:
                    inside.pop()  # "Би-би-си." or "Министерство доходов (" at a segment's end
                if inside:
                    found_entities[n].append(Span(batch[n], inside[0], inside[-1] + 1, label=entity.label))
        for doc, spans in zip(batch, found_entities, strict=True):
            if spans:
                doc.ents = spans
            doc.user_data.pop(ENTITIES, None)
        return batch


@Language.factory(
    "statextract_annotate",
    requires=["doc.spans"],
    assigns=["token.is_sent_start", "doc.ents"],
    default_config={"entities": True, "spans_key": "quantities"},
)
def make_annotate(nlp: Language, name: str, entities: bool, spans_key: str) -> Annotate:
    return Annotate(name, entities=entities, spans_key=spans_key)
