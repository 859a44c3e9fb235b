"""Stage 4: who states each quantity (`span._.speaker`, `span._.speaker_role`, `span._.speech`).

A quantity inside a quote belongs to the quote's attribution; otherwise to its sentence's own cue
("по словам X", "по данным X", "X сообщил, что"); otherwise to the speaker of the sentence before
it in the same paragraph. Mentions resolve to people: a name to the fullest form of that name in
the document, a title to the person the document gives it, a pronoun to the latest person of its
gender.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from statextract import resources
from statextract.morphology import best, lemma, parses
from statextract.quotes import Quote, find_quotes
from statextract.records import Speech, register_extensions

PRONOUNS = {"он": "masc", "его": "masc", "ему": "masc", "им": "masc", "она": "femn", "её": "femn",
            "ее": "femn", "ей": "femn"}
POSSESSIVE_CUE_RE = re.compile(r"\bпо\s+(его|её|ее)\s+(словам|мнению|данным|оценке|оценкам|подсчетам)", re.I)
NAME_TAGS = ("Name", "Surn", "Patr")


@dataclass(slots=True)
class Person:
    """A person the document names; `name` is the fullest form seen, in the nominative."""

    name: str
    gender: str | None
    role: str | None = None
    mentions: list[int] = field(default_factory=list)  # character offsets, in order


@dataclass(frozen=True, slots=True)
class Attribution:
    speaker: str | None
    role: str | None
    speech: Speech


@cache
def titles() -> frozenset[str]:
    return frozenset(resources.read_lines("titles.txt"))


@cache
def reporting_verbs() -> frozenset[str]:
    return frozenset(resources.read_lines("reporting_verbs.txt"))


@cache
def speech_cues() -> tuple[tuple[re.Pattern[str], Speech], ...]:
    return tuple(
        (re.compile(rf"\b{re.escape(phrase)}\b", re.I), Speech(kind))
        for phrase, kind in resources.read_table("speech_cues.tsv")
    )


def name_nominative(words: list[str]) -> tuple[str, str | None]:
    """A person's name in the nominative, and its gender: "Аиды Балаевой" -> ("Аида Балаева", "femn")."""
    gender = None
    for word in words:
        for parse in parses(word.lower())[:3]:
            if any(tag in parse.tag for tag in ("Name", "Surn")) and parse.tag.gender in ("masc", "femn"):
                gender = parse.tag.gender
                break
        if gender:
            break
    out = []
    for word in words:
        if len(word) <= 2 or word.endswith("."):
            out.append(word)
            continue
        form = None
        for parse in parses(word.lower()):
            if any(tag in parse.tag for tag in NAME_TAGS) and (gender is None or parse.tag.gender == gender):
                form = parse.inflect({"nomn", gender} if gender else {"nomn"})
                break
        out.append(form.word.capitalize() if form is not None else word)
    return " ".join(out), gender


def looks_like_name(words: list[str]) -> bool:
    """natasha tags a capitalised "Сварщики" as PER now and then: a name has a name-like or unknown word."""
    for word in words:
        found = parses(word.lower())
        if not found or any(tag in found[0].tag for tag in NAME_TAGS) or not resources.morph().word_is_known(word):
            return True
        if any(any(tag in p.tag for tag in NAME_TAGS) for p in found[:3]):
            return True
    return False


def is_initial(word: str) -> bool:
    return word.endswith(".") or len(word) == 1


def people(doc: Doc) -> dict[str, Person]:
    """Everyone in `doc.ents` as PER, keyed by surname; each with the fullest name and a title, if given."""
    found: dict[str, Person] = {}
    for ent in doc.ents:
        if ent.label_ != "PER":
            continue
        words = [t.text for t in ent if t.is_alpha or t.text.endswith(".")]
        words = [w for w in words if w != "."]
        if not words or not looks_like_name(words):
            continue
        name, gender = name_nominative(words)
        key = name.split()[-1].lower()
        person = found.get(key)
        full = [w for w in name.split() if not is_initial(w)]
        if person is None:
            person = found[key] = Person(name, gender)
        elif len(full) > len([w for w in person.name.split() if not is_initial(w)]):
            person.name, person.gender = name, gender or person.gender
        person.mentions.append(ent.start_char)
        person.role = person.role or title_before(doc, ent)
    return found


def title_before(doc: Doc, ent: Span) -> str | None:
    """The title written right before a name: "вице-премьер Аида Балаева" -> "вице-премьер"."""
    sent_start = ent.sent.start
    for i in range(ent.start - 1, max(sent_start, ent.start - 10) - 1, -1):
        token = doc[i]
        if token.is_punct and token.text not in "-":
            return None
        if lemma(token.text) in titles():
            words = [t.text for t in doc[i : ent.start]]
            first = best(words[0].lower(), frozenset({"NOUN", "ADJF"}))
            nominative = first.inflect({"nomn"}) if first is not None else None
            words[0] = nominative.word if nominative is not None else words[0].lower()
            return " ".join(w if n else w.lower() for n, w in enumerate(words)).strip(" ,")
    return None


class Resolver:
    """Turns a stretch of text into the person or organisation it names."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.people = people(doc)

    def latest(self, before: int, gender: str | None = None, title: str | None = None) -> Person | None:
        best_person, best_at = None, -1
        for person in self.people.values():
            if gender and person.gender and person.gender != gender:
                continue
            if title and not (person.role and title in person.role):
                continue
            at = max((m for m in person.mentions if m < before), default=-1)
            if at > best_at:
                best_person, best_at = person, at
        return best_person

    def person(self, ent: Span) -> Person | None:
        words = [t.text for t in ent if t.is_alpha]
        if not words:
            return None
        name, _ = name_nominative(words[-1:])
        return self.people.get(name.lower())

    def resolve(self, start: int, end: int, *, anchor: int | None = None) -> Attribution | None:
        """The speaker named in doc.text[start:end]: a name, an organisation, a title or a pronoun."""
        span = self.doc.char_span(start, end, alignment_mode="contract")
        if span is None or not len(span):
            return None
        anchor = start if anchor is None else anchor
        ents = sorted(span.ents, key=lambda e: abs(e.start_char - anchor))
        for ent in ents:
            if ent.label_ == "PER" and (person := self.person(ent)):
                return Attribution(person.name, person.role, Speech.INDIRECT)
        for ent in ents:
            if ent.label_ == "ORG":
                return Attribution(organisation(ent), None, Speech.SOURCE)
        verb_gender = next((g for t in span if (g := verb_gender_of(t))), None)
        for token in span:
            word = token.lower_
            if lemma(word) in titles() and (person := self.latest(start, verb_gender, lemma(word))):
                return Attribution(person.name, person.role, Speech.INDIRECT)
            if word in PRONOUNS and (person := self.latest(start, PRONOUNS[word])):
                return Attribution(person.name, person.role, Speech.INDIRECT)
        return None


def verb_gender_of(token: Token) -> str | None:
    """"отчиталась" -> "femn": the past-tense verb tells the speaker's gender."""
    parse = best(token.lower_, frozenset({"VERB"}))
    return parse.tag.gender if parse is not None and parse.tag.gender in ("masc", "femn") else None


def organisation(ent: Span) -> str:
    """An organisation's name as the text gives it, its first word in the nominative ("Минтруда" -> "Минтруд")."""
    words = ent.text.split()
    parse = best(words[0].lower(), frozenset({"NOUN"}))
    if parse is not None and parse.tag.case != "nomn" and (form := parse.inflect({"nomn"})):
        first = form.word
        words[0] = first.capitalize() if words[0][0].isupper() else first
        if words[0].isupper() is False and ent.text.split()[0].isupper():
            words[0] = ent.text.split()[0]
    return " ".join(words)


def sentence_attribution(doc: Doc, sent: Span, resolver: Resolver) -> Attribution | None:
    """A sentence's own cue: "по словам X", "по её словам", "по данным X", "X сообщил, что ..."."""
    text = sent.text
    if match := POSSESSIVE_CUE_RE.search(text):
        gender = PRONOUNS[match.group(1).lower()]
        person = resolver.latest(sent.start_char + match.start(), gender)
        if person is not None:
            return Attribution(person.name, person.role, Speech.INDIRECT)
    for pattern, kind in speech_cues():
        if match := pattern.search(text):
            start = sent.start_char + match.end()
            end = next_clause_end(doc, start, sent.end_char)
            if kind == Speech.SOURCE and match.group().lower().startswith("пресс-служба"):
                start = sent.start_char + match.start()
            found = resolver.resolve(start, end, anchor=start)
            if found is not None:
                speech = Speech.SOURCE if kind == Speech.SOURCE else Speech.INDIRECT
                return Attribution(found.speaker, found.role, speech)
    for token in sent:
        if lemma(token.text) in reporting_verbs() and token.pos_ != "NOUN":
            clause_start, clause_end = clause_around(sent, token)
            found = resolver.resolve(clause_start, clause_end, anchor=token.idx)
            if found is not None:
                speech = Speech.SOURCE if found.speech == Speech.SOURCE else Speech.INDIRECT
                return Attribution(found.speaker, found.role, speech)
    return None


def next_clause_end(doc: Doc, start: int, limit: int) -> int:
    comma = doc.text.find(",", start, limit)
    return comma if comma >= 0 else limit


def clause_around(sent: Span, token: Token) -> tuple[int, int]:
    """The comma-bounded stretch of a sentence around a reporting verb, where its speaker stands."""
    text, offset = sent.text, token.idx - sent.start_char
    left = max(text.rfind(",", 0, offset), text.rfind(":", 0, offset))
    right = text.find(",", offset)
    return sent.start_char + left + 1, sent.start_char + (right if right >= 0 else len(text))


def quote_attribution(doc: Doc, quote: Quote, resolver: Resolver) -> Attribution | None:
    """The speaker a quote's attribution names, before or after the quoted words."""
    after = resolver.resolve(quote.end, quote.cue_end, anchor=quote.end) if quote.cue_end > quote.end else None
    if after is None and quote.cue_start < quote.start - 1:
        after = resolver.resolve(quote.cue_start, quote.start - 1, anchor=quote.start)
    if after is None:
        return None
    return Attribution(after.speaker, after.role, Speech.DIRECT)


def is_speech(doc: Doc, quote: Quote) -> bool:
    """A quote is speech when it holds a clause, not a name («Самрук-Казына»)."""
    return len(doc.text[quote.start : quote.end].split()) >= 3


def paragraph_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset)


def attribute(doc: Doc, spans: Iterable[Span]) -> dict[int, Attribution]:
    """An attribution for every quantity span that has one, keyed by the span's start character."""
    resolver = Resolver(doc)
    quotes = [q for q in find_quotes(doc.text) if is_speech(doc, q)]
    quote_speakers: list[tuple[Quote, Attribution | None]] = []
    previous: Attribution | None = None
    for quote in quotes:
        found = quote_attribution(doc, quote, resolver) or (
            previous if previous and quote_speakers and quote_speakers[-1][0].end + 400 > quote.start else None
        )
        quote_speakers.append((quote, found))
        previous = found or previous
    by_sentence: dict[int, Attribution | None] = {}
    sentences = list(doc.sents)
    last: tuple[int, Attribution] | None = None  # paragraph, attribution of the latest attributed sentence
    for sent in sentences:
        own = sentence_attribution(doc, sent, resolver)
        paragraph = paragraph_of(doc.text, sent.start_char)
        if own is not None:
            last = (paragraph, own)
        elif last is not None and last[0] == paragraph:
            own = last[1]
        by_sentence[sent.start_char] = own
    result: dict[int, Attribution] = {}
    for span in spans:
        inside = next((a for q, a in quote_speakers if q.start <= span.start_char < q.end), None)
        in_quote = any(q.start <= span.start_char < q.end for q, _ in quote_speakers)
        if in_quote:
            if inside is not None:
                result[span.start_char] = inside
            continue
        sentence = by_sentence.get(span.sent.start_char)
        if sentence is not None:
            result[span.start_char] = sentence
    return result


class Speakers:
    """The `speakers` component: `span._.speaker`, `span._.speaker_role` and `span._.speech`."""

    def __init__(self, name: str = "speakers", *, spans_key: str = "quantities") -> None:
        self.name = name
        self.spans_key = spans_key
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        spans = list(doc.spans.get(self.spans_key, []))
        found = attribute(doc, spans)
        for span in spans:
            attribution = found.get(span.start_char)
            if attribution is not None:
                span._.speaker = attribution.speaker
                span._.speaker_role = attribution.role
                span._.speech = attribution.speech.value
        return doc


@Language.factory(
    "statextract_speakers",
    requires=["doc.spans", "doc.ents", "token.is_sent_start"],
    assigns=["span._.speaker", "span._.speaker_role", "span._.speech"],
    default_config={"spans_key": "quantities"},
)
def make_speakers(nlp: Language, name: str, spans_key: str) -> Speakers:
    return Speakers(name, spans_key=spans_key)
