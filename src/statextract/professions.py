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

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import islice
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from statextract import resources
from statextract.annotate import lower_words, sentence_of, windows, words_of
from statextract.errors import ModelError
from statextract.morphology import (
    NAME_TAGS,
    NOUN,
    best,
    function_word,
    lemma,
    may_be_animate_noun,
    nominative,
    parses,
)
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


@lru_cache(maxsize=50_000)
def lemmas_of(word: str) -> frozenset[str]:
    """Every lemma a word form may have: "слесари" is "слесарь" as well as the verb "слесарить"."""
    return frozenset(p.normal_form.replace("ё", "е") for p in parses(word))


def lexicon_mentions(doc: Doc) -> list[tuple[int, int, str]]:
    """(start token, end token, profession) of every lexicon name in the text, longest match first."""
    words, generic, forms = lower_words(doc), people_words(), first_forms()
    found: list[tuple[int, int, str]] = []
    end = 0
    for i, word in enumerate(words):
        if i < end:
            continue  # inside the last mention
        if forms is not None and "-" not in word and (word.replace("ё", "е") if "ё" in word else word) not in forms:
            continue  # no name starts with this form: told without analysing the word (hyphenated ones are)
        entries = starting_with(word)
        match = next((e for e in entries if matches(words, i, e.lemmas)), None) if entries else None
        if match is None or match.name in generic:  # a generic word ("специалист") names no profession
            continue
        end, name = i + len(match.lemmas), match.name
        if len(match.lemmas) == 1 and match.name in with_object():
            end, name = with_its_object(doc, i, match.name)  # "операторов добычи" -> "оператор добычи"
        found.append((i, end, name))
    return found


@cache
def first_forms() -> frozenset[str] | None:
    """Every inflected form of the names' first words (scripts/build_professions.py), or None without it."""
    path = resources.model_path("professions", "first_forms.txt")
    return frozenset(path.read_text(encoding="utf-8").split()) if path.is_file() else None


@lru_cache(maxsize=50_000)
def starting_with(word: str) -> tuple[Entry, ...]:
    """The lexicon names a word form may start, longest first, leaving out those the word is likelier
    something else for (`lexicon_mentions` asks only for forms in `first_forms`, and hyphenated words
    such as "премьера-министра")."""
    if not (word.isalpha() or "-" in word):
        return ()
    entries = lexicon()
    candidates = sorted((e for lem in lemmas_of(word) for e in entries.get(lem, ())), key=lambda e: -len(e.lemmas))
    return tuple(entry for entry in candidates if likely(word, entry.lemmas[0]))


def with_object() -> frozenset[str]:
    return resources.word_set("professions_with_object.txt")


def with_its_object(doc: Doc, i: int, name: str) -> tuple[int, str]:
    """A profession named with its object: the lower-case genitive nouns (and their adjectives) after it."""
    end = i + 1
    while end < len(doc) and end - i <= 3 and doc[end].is_alpha and doc[end].is_lower and genitive_word(doc[end]):
        end += 1
    if end == i + 1 or best(doc[end - 1].lower_, NOUN) is None:
        return i + 1, name
    return end, " ".join([name, *(t.lower_ for t in doc[i + 1 : end])])


def genitive_word(token: Token) -> bool:
    return any(p.tag.case == "gent" and p.tag.POS in ("NOUN", "ADJF") for p in parses(token.lower_)[:2])


def likely(word: str, wanted: str) -> bool:
    """Whether a word is the profession rather than another noun it may also be: "слесари" (a verb
    first, "слесарить") is, "статистики" (first "статистика") is not."""
    if function_word(word):
        return False  # "после" is a preposition before it is the locative of "посол"
    found = parses(word)
    first = found[0] if found else None
    return first is None or first.tag.POS != "NOUN" or first.normal_form.replace("ё", "е") == wanted


def matches(words: Sequence[str], i: int, lemmas: Sequence[str]) -> bool:
    if i + len(lemmas) > len(words):
        return False
    return all(wanted in lemmas_of(words[i + n]) for n, wanted in enumerate(lemmas[1:], start=1))


def normal_profession(span: Span) -> str:
    """A mention the model found, in the nominative singular: "главных инженеров" -> "главный инженер"."""
    words = [t.text for t in span]
    head = next((n for n, t in enumerate(span) if best(t.lower_, NOUN) is not None), len(words) - 1)
    return nominative(words, head)


def field_adjectives() -> frozenset[str]:
    return resources.word_set("field_adjectives.txt")


def occupational_group(phrase: NounPhrase) -> bool:
    """A generic head made specific by a field: "специалист автосферы", "медицинский работник",
    not "молодой специалист" or "работающий гражданин"."""
    generic = people_words()
    head = phrase.head_lemma.replace("ё", "е")
    if not generic.get(head) or phrase.normal.replace("ё", "е") == head:
        return False
    qualifiers = phrase.normal.replace("ё", "е").split(head)
    before = qualifiers[0].split()
    after = head.join(qualifiers[1:]).strip()
    return bool(after) or any(lemma(word) in field_adjectives() for word in before)


def model_profession(span: Span) -> str | None:
    """The profession a model mention names, or None when it names none: the model, trained on
    encyclopaedic news, now and then tags a thing ("ипотеки") or a generic group ("сотрудники")."""
    head = next((t for t in span if best(t.lower_, NOUN) is not None), None)
    parse = best(head.lower_, NOUN) if head is not None else None
    if parse is None or "anim" not in parse.tag:
        return None
    normal = normal_profession(span)
    generic = people_words().get(parse.normal_form.replace("ё", "е"))
    if generic is not None and not (generic and normal.replace("ё", "е") != parse.normal_form.replace("ё", "е")):
        return None
    return normal


def professions_of(phrases: Sequence[NounPhrase], mentions: Sequence[Span]) -> list[str]:
    """Normalised professions a subject counts, in text order, without repeats: occupational groups
    among its phrases and the profession mentions inside it ("зарплата врачей и медсестёр").

    >>> professions_of([NounPhrase(0, 17, "специалист автосферы", "специалист", ())], [])
    ['специалист автосферы']
    """
    if not phrases:
        return []
    start, end = phrases[0].start, phrases[-1].end
    found = [(p.start, p.normal) for p in phrases if occupational_group(p)]
    found += [(m.start_char, m._.profession) for m in mentions if start <= m.start_char and m.end_char <= end]
    found.sort()
    groups = {p.normal for p in phrases if occupational_group(p)}
    return list(dict.fromkeys(name for at, name in found if name in groups or not inside_group(at, phrases)))


def inside_group(at: int, phrases: Sequence[NounPhrase]) -> bool:
    """Whether a mention lies inside an occupational group already counted ("специалист" of "специалист автосферы")."""
    return any(p.start <= at < p.end and occupational_group(p) for p in phrases)


@cache
def profession_model() -> Any:
    """The spaCy NER trained on NEREL's PROFESSION mentions (scripts/train_profession_ner.py), or None
    when models/profession_ner is absent; loaded once per process."""
    path = resources.model_path("profession_ner")
    if not (path / "config.cfg").is_file():
        return None
    import spacy
    from thinc.api import NumpyOps

    # The model reads Docs the pipeline has built, never text: statextract's tokenizer instead of the
    # saved rule-based one, whose special cases and patterns took a quarter of a second to build.
    ours = {"nlp": {"tokenizer": {"@tokenizers": "statextract.tokenizer.v1"}}}
    model = spacy.load(path, exclude=["tokenizer"], config=ours)
    # Its matrix products through numpy's BLAS rather than thinc's default, blis: three times as fast here.
    numpy_blas = NumpyOps(use_blis=False)
    trainable: list[Any] = [component for _, component in model.pipeline]  # tok2vec and ner
    for component in trainable:
        for layer in component.model.walk():
            layer.ops = numpy_blas
    return model


def model_mentions(
    docs: Sequence[Doc], model: Any, covered: Sequence[set[int]], spans_key: str = "quantities"
) -> list[list[tuple[int, int]]]:
    """(start token, end token) of the professions the model finds in the sentences with figures.

    The model is the stage's costliest step, so it reads only where a mention could survive
    `model_profession`: a window of `MODEL_REACH` tokens either side of each animate noun the lexicon
    has not matched already, within a sentence with a figure (the professions of other sentences
    count nothing). The windows of a whole batch go through the model at once.
    """
    from spacy.tokens import Doc as SpacyDoc

    pieces: list[tuple[int, int]] = []  # (document, first token of the window)
    inputs = []
    for n, doc in enumerate(docs):
        words = words_of(doc)
        for sent in sorted({sentence_of(doc, span.start) for span in doc.spans.get(spans_key, [])}):
            candidates = [
                i
                for i in range(sent.start, sent.end)
                if i not in covered[n]
                and (i == sent.start or not words[i][:1].isupper())  # a capitalised word inside is a name
                and person_noun(words[i])
            ]
            for start, end in windows(candidates, sent.start, sent.end, MODEL_REACH):
                spaces = [bool(t.whitespace_) for t in doc[start:end]]
                # On the document's own vocabulary, which knows these words already: the model reads
                # only hashes of their features, the same in any vocabulary, and its own would grow.
                inputs.append(SpacyDoc(doc.vocab, words=words[start:end], spaces=spaces))
                pieces.append((n, start))
    for _, component in model.pipeline:
        for label in getattr(component, "labels", ()):
            docs[0].vocab.strings.add(label)  # the entities it sets need their label in that vocabulary
        inputs = list(component.pipe(inputs))
    found: list[list[tuple[int, int]]] = [[] for _ in docs]
    for (n, offset), parsed in zip(pieces, inputs, strict=True):
        for ent in parsed.ents:
            start, end = offset + ent.start, offset + ent.end
            if not any(i in covered[n] for i in range(start, end)):
                found[n].append((start, end))
    return found


# Tokens the profession model reads either side of a candidate: as far as its tok2vec sees (four each way).
MODEL_REACH = 4


@lru_cache(maxsize=50_000)
def person_noun(word: str) -> bool:
    """Whether a word may head a profession the model finds: an animate noun ("сварщиков", or "учёных"
    read as an adjective first), not a capitalised name, and no generic word that nothing qualifies
    ("человек"). Lower-case words pymorphy3 does not know ("вахтовиков") often read as names: they count."""
    if not may_be_animate_noun(word.lower()):
        return False  # nine words in ten of the sentences read, told without analysing them in full
    found = parses(word.lower())
    parse = best(word.lower(), NOUN)
    if not found or found[0].tag.POS not in ("NOUN", "ADJF", "PRTF") or parse is None or "anim" not in parse.tag:
        return False
    if word[:1].isupper() and any(tag in parse.tag for tag in NAME_TAGS):
        return False
    return people_words().get(parse.normal_form.replace("ё", "е"), True)


class Professions:
    """The `professions` component: mentions in `doc.spans[mentions_key]` with `span._.profession`, and
    `span._.professions` on every quantity."""

    def __init__(
        self, name: str = "professions", *, spans_key: str = "quantities", mentions_key: str = "professions"
    ) -> None:
        self.name = name
        self.spans_key = spans_key
        self.mentions_key = mentions_key
        register_extensions()
        if not Span.has_extension("profession"):
            Span.set_extension("profession", default=None)
        lexicon()  # fail at load time, not on the first document

    def __call__(self, doc: Doc) -> Doc:
        return self.annotate([doc])[0]

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        stream = iter(docs)
        while batch := list(islice(stream, batch_size)):
            yield from self.annotate(batch)

    def annotate(self, batch: list[Doc]) -> list[Doc]:
        found = [lexicon_mentions(doc) for doc in batch]
        model = profession_model()
        if model is not None:
            taken = [{i for start, end, _ in mentions for i in range(start, end)} for mentions in found]
            for n, extra in enumerate(model_mentions(batch, model, taken, self.spans_key)):
                found[n] += [
                    (start, end, name) for start, end in extra if (name := model_profession(batch[n][start:end]))
                ]
        for doc, mentions in zip(batch, found, strict=True):
            spans = []
            for start, end, profession in sorted(mentions):
                span = doc[start:end]
                span._.profession = profession
                spans.append(span)
            doc.spans[self.mentions_key] = spans
            for span in doc.spans.get(self.spans_key, []):
                span._.professions = professions_of(span._.subject_phrases or (), spans)
        return batch


@Language.factory(
    "statextract_professions",
    requires=["span._.subject_phrases"],
    assigns=["doc.spans", "span._.profession", "span._.professions"],
    default_config={"spans_key": "quantities", "mentions_key": "professions"},
)
def make_professions(nlp: Language, name: str, spans_key: str, mentions_key: str) -> Professions:
    return Professions(name, spans_key=spans_key, mentions_key=mentions_key)
