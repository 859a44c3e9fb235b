"""Stage 3: profession mentions anywhere in a document (`doc.spans["professions"]`, `span._.profession`)
and the professions each quantity counts (`span._.professions`).

Mentions come from the compiled lexicon (ОКПДТР names, job roles and our own everyday names, matched
by lemmas so every inflected form counts: "сварщиков", "операторов машинного доения") and, where a
trained model is present in models/profession_ner, from that model too. A quantity counts the
professions of its subject: a phrase whose nominative form or head is a profession ("опытных
сварщиков"), a qualified generic head ("специалисты автосферы", "медицинские работники"), or a
profession in a complement ("вакансии учителей" -> "учитель").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from statextract import resources
from statextract.errors import ModelError
from statextract.morphology import NOUN, best, lemma, nominative
from statextract.records import register_extensions
from statextract.subjects import NounPhrase


@dataclass(frozen=True, slots=True)
class Entry:
    name: str  # nominative singular, lower case: "оператор машинного доения"
    lemmas: tuple[str, ...]  # ("оператор", "машинный", "доение")


@cache
def lexicon() -> dict[str, tuple[Entry, ...]]:
    """Profession names by the lemma of their first word, longest first (scripts/build_professions.py)."""
    path = resources.model_path("professions", "lexicon.tsv")
    try:
        rows = resources.read_rows(path)
    except OSError as error:
        raise ModelError(f"{path}: profession lexicon missing; run scripts/build_professions.py") from error
    by_first: dict[str, list[Entry]] = {}
    for name, lemmas in rows:
        entry = Entry(name, tuple(lemmas.split()))
        by_first.setdefault(entry.lemmas[0], []).append(entry)
    return {first: tuple(sorted(entries, key=lambda e: -len(e.lemmas))) for first, entries in by_first.items()}


@cache
def names() -> frozenset[str]:
    return frozenset(entry.name for entries in lexicon().values() for entry in entries)


@cache
def people_words() -> dict[str, bool]:
    """Generic words for people, and whether a qualifier makes an occupational group of them."""
    return {word: qualifiable == "yes" for word, qualifiable in resources.read_table("people_words.tsv")}


def token_lemma(token: Token) -> str:
    return lemma(token.lower_).replace("ё", "е")


def lexicon_mentions(doc: Doc) -> list[tuple[int, int, str]]:
    """(start token, end token, profession) of every lexicon name in the text, longest match first."""
    entries, generic = lexicon(), people_words()
    found: list[tuple[int, int, str]] = []
    i = 0
    while i < len(doc):
        token = doc[i]
        candidates = entries.get(token_lemma(token), ()) if token.is_alpha or "-" in token.text else ()
        match = next((e for e in candidates if matches(doc, i, e.lemmas)), None)
        if match is None or match.name in generic:
            i += 1
            continue
        found.append((i, i + len(match.lemmas), match.name))
        i += len(match.lemmas)
    return found


def matches(doc: Doc, i: int, lemmas: Sequence[str]) -> bool:
    if i + len(lemmas) > len(doc):
        return False
    return all(token_lemma(doc[i + n]) == wanted for n, wanted in enumerate(lemmas[1:], start=1))


def normal_profession(span: Span) -> str:
    """A mention the model found, in the nominative singular: "главных инженеров" -> "главный инженер"."""
    words = [t.text for t in span]
    head = next((n for n, t in enumerate(span) if best(t.lower_, NOUN) is not None), len(words) - 1)
    return nominative(words, head)


def professions_of(phrases: Iterable[NounPhrase]) -> list[str]:
    """Normalised professions among a subject's phrases, in order, without repeats.

    >>> professions_of([NounPhrase(0, 8, "опытный сварщик", "сварщик", ())])
    ['сварщик']
    """
    known, generic = names(), people_words()
    found: list[str] = []
    for phrase in phrases:
        normal = phrase.normal.replace("ё", "е")
        head = phrase.head_lemma.replace("ё", "е")
        if head in generic:
            if generic[head] and normal != head:
                found.append(phrase.normal)  # "специалист автосферы", "медицинский работник"
        elif normal in known:
            found.append(phrase.normal)
        elif head in known:
            found.append(phrase.head_lemma)
        found.extend(c for c in phrase.complements if c in known and c not in generic)
    return list(dict.fromkeys(found))


class Professions:
    """The `professions` component: mentions in `doc.spans[mentions_key]` with `span._.profession`, and
    `span._.professions` on every quantity."""

    def __init__(
        self, name: str = "professions", *, spans_key: str = "quantities", mentions_key: str = "professions"
    ) -> None:
        self.name = name
        self.spans_key = spans_key
        self.mentions_key = mentions_key
        self.model: Any = None
        register_extensions()
        if not Span.has_extension("profession"):
            Span.set_extension("profession", default=None)
        lexicon()  # fail at load time, not on the first document

    def __call__(self, doc: Doc) -> Doc:
        mentions = []
        for start, end, profession in lexicon_mentions(doc):
            span = doc[start:end]
            span._.profession = profession
            mentions.append(span)
        doc.spans[self.mentions_key] = mentions
        for span in doc.spans.get(self.spans_key, []):
            span._.professions = professions_of(span._.subject_phrases or ())
        return doc


@Language.factory(
    "statextract_professions",
    requires=["span._.subject_phrases"],
    assigns=["doc.spans", "span._.profession", "span._.professions"],
    default_config={"spans_key": "quantities", "mentions_key": "professions"},
)
def make_professions(nlp: Language, name: str, spans_key: str, mentions_key: str) -> Professions:
    return Professions(name, spans_key=spans_key, mentions_key=mentions_key)
