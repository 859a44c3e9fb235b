"""Stage 3: the professions a quantity counts (`span._.professions`), from the compiled lexicon.

A phrase names a profession when its nominative form or its head is in the lexicon ("сварщик",
"оператор машинного доения"), when a generic head is qualified ("специалист автосферы",
"медицинский работник"), or when a profession is its complement ("вакансии учителей" -> "учитель").
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from statextract import resources
from statextract.errors import ModelError
from statextract.records import register_extensions
from statextract.subjects import NounPhrase


@cache
def lexicon() -> frozenset[str]:
    """Lower-case nominative singular profession names, built by scripts/build_professions.py."""
    path = resources.model_path("professions", "lexicon.txt")
    try:
        return frozenset(path.read_text(encoding="utf-8").split("\n")) - {""}
    except OSError as error:
        raise ModelError(f"{path}: profession lexicon missing; run scripts/build_professions.py") from error


@cache
def people_words() -> dict[str, bool]:
    """Generic words for people, and whether a qualifier makes an occupational group of them."""
    return {lemma: qualifiable == "yes" for lemma, qualifiable in resources.read_table("people_words.tsv")}


def professions_of(phrases: Iterable[NounPhrase]) -> list[str]:
    """Normalised professions among a subject's phrases, in order, without repeats.

    >>> professions_of([NounPhrase(0, 8, "опытный сварщик", "сварщик", ())])
    ['сварщик']
    """
    names = lexicon()
    generic = people_words()
    found: list[str] = []
    for phrase in phrases:
        normal = phrase.normal.replace("ё", "е")
        head = phrase.head_lemma.replace("ё", "е")
        if head in generic:
            if generic[head] and normal != head:
                found.append(phrase.normal)
        elif normal in names:
            found.append(phrase.normal)
        elif head in names:
            found.append(phrase.head_lemma)
        found.extend(c for c in phrase.complements if c in names and c not in generic)
    return list(dict.fromkeys(found))


class Professions:
    """The `professions` component: `span._.professions` from `span._.subject_phrases`."""

    def __init__(self, name: str = "professions", *, spans_key: str = "quantities") -> None:
        self.name = name
        self.spans_key = spans_key
        register_extensions()
        lexicon()  # fail at load time, not on the first document

    def __call__(self, doc: Doc) -> Doc:
        for span in doc.spans.get(self.spans_key, []):
            span._.professions = professions_of(span._.subject_phrases or ())
        return doc


@Language.factory(
    "statextract_professions",
    requires=["span._.subject_phrases"],
    assigns=["span._.professions"],
    default_config={"spans_key": "quantities"},
)
def make_professions(nlp: Language, name: str, spans_key: str) -> Professions:
    return Professions(name, spans_key=spans_key)
