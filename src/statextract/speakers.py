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
from statextract.morphology import ADJECTIVE, best, lemma, parses
from statextract.quotes import Quote, find_quotes
from statextract.records import Speech, register_extensions

PRONOUNS = {
    "он": "masc",
    "его": "masc",
    "ему": "masc",
    "им": "masc",
    "она": "femn",
    "её": "femn",
    "ее": "femn",
    "ей": "femn",
}
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


def name_nominative(words: list[str], verb_gender: str | None = None) -> tuple[str, str | None]:
    """A person's name in the nominative, and its gender: "Аиды Балаевой" -> ("Аида Балаева", "femn").

    The gender and case are the reading most words of the name agree on; a verb of the sentence
    ("рассказала") breaks ties, and the nominative wins the rest. Names pymorphy3 does not know
    (many Kazakh ones) are kept as written.
    """
    votes: dict[tuple[str, str], float] = {}
    for word in words:
        readings = {
            (str(p.tag.gender), str(p.tag.case))
            for p in parses(word.lower())
            if any(tag in p.tag for tag in NAME_TAGS) and p.tag.number == "sing"
        }
        for reading in readings:
            votes[reading] = votes.get(reading, 0.0) + 1.0
    if not votes:
        return " ".join(words), verb_gender
    for gender, case in votes:
        votes[(gender, case)] += 0.5 * (gender == verb_gender) + 0.25 * (case == "nomn")
    gender, case = max(votes, key=lambda reading: votes[reading])
    gender_or_none = gender if gender in ("masc", "femn") else verb_gender
    if case == "nomn":
        return " ".join(words), gender_or_none
    out = []
    for word in words:
        form = next(
            (
                p.inflect({"nomn"})
                for p in parses(word.lower())
                if any(t in p.tag for t in NAME_TAGS) and str(p.tag.gender) == gender and str(p.tag.case) == case
            ),
            None,
        )
        out.append(form.word.capitalize() if form is not None and not is_initial(word) else word)
    return " ".join(out), gender_or_none


def same_surname(word: str, surname: str) -> bool:
    """Whether a surname alone, in any case, is the given one: "Ахметовой" and "Ахметова"."""
    word, surname = word.lower(), surname.lower()
    stem = surname[:-1] if surname.endswith(("а", "я")) and len(surname) > 4 else surname
    return word == surname or (word.startswith(stem) and len(word) - len(stem) <= 3)


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


def people(doc: Doc) -> list[Person]:
    """Everyone in `doc.ents` as PER, each with the fullest name and a title, if given.

    Full names come first; a surname or an initial plus surname ("А. Котяков") then joins the person
    whose surname it is.
    """
    mentions = []
    for ent in doc.ents:
        if ent.label_ != "PER":
            continue
        ent = name_part(ent)
        words = [t.text for t in ent if t.text != "."]
        if words and looks_like_name(words):
            mentions.append((ent, words, [w for w in words if not is_initial(w)]))
    found: list[Person] = []
    for ent, words, full in sorted(mentions, key=lambda m: -len(m[2])):
        person = next((p for p in found if same_surname(full[-1], p.name.split()[-1])), None) if full else None
        if person is None:
            name, gender = name_nominative(words, sentence_verb_gender(ent))
            person = Person(name, gender)
            found.append(person)
        person.mentions.append(ent.start_char)
        person.role = person.role or title_before(doc, ent)
    for person in found:
        person.mentions.sort()
    return found


def name_part(ent: Span) -> Span:
    """natasha's PER span without the title it sometimes takes in: "Аким Шымкента Арман Жаксылыков"."""
    start = ent.start
    named = [t.i for t in ent if any(any(tag in p.tag for tag in ("Name", "Patr")) for p in parses(t.lower_)[:2])]
    if named and named[0] > start:
        start = named[0]
    start = max(start, ent.end - 3)
    while start < ent.end - 1 and lemma(ent.doc[start].text) in titles():
        start += 1
    return ent.doc[start : ent.end]


def sentence_verb_gender(ent: Span) -> str | None:
    """The gender of the nearest past-tense verb to a name in its sentence ("Мухина рассказала")."""
    sent = ent.sent
    tokens = sorted(sent, key=lambda t: min(abs(t.i - ent.start), abs(t.i - ent.end)))
    return next((g for t in tokens if (g := verb_gender_of(t))), None)


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
        self.by_mention = {at: person for person in self.people for at in person.mentions}
        self.organisations = organisations(doc)

    def latest(self, before: int, gender: str | None = None, title: str | None = None) -> Person | None:
        best_person, best_at = None, -1
        for person in self.people:
            if gender and person.gender and person.gender != gender:
                continue
            if title and not (person.role and title in person.role):
                continue
            at = max((m for m in person.mentions if m < before), default=-1)
            if at > best_at:
                best_person, best_at = person, at
        return best_person

    def person(self, ent: Span) -> Person | None:
        return self.by_mention.get(name_part(ent).start_char)

    def organisation(self, start: int, end: int, anchor: int) -> str | None:
        """The organisation a stretch of text names: one natasha found, nearest the anchor, else the
        noun phrase right after a cue ("по данным пресс-службы акимата"), or the one a bare "бюро" points to."""
        inside = [(abs(at - anchor), name) for at, name in self.organisations if start <= at < end]
        if inside:
            return min(inside)[1]
        if anchor != start:
            return None
        words = phrase_after(self.doc, start, end)
        if not words:
            return None
        first = lemma(words[0].text)
        if words[0].text.isupper() and len(words[0].text) > 1:
            return expand_abbreviation(words[0].text, self.organisations) or words[0].text
        if first not in organisation_words() and not any(words[0].idx == at for at, _ in self.organisations):
            return None
        if len(words) == 1 and words[0].text.islower():
            earlier = [name for at, name in self.organisations if at < start and first in name_lemmas(name)]
            return earlier[-1] if earlier else None
        return nominative_name(words)

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
        named = self.organisation(start, end, anchor)
        if named is not None:
            return Attribution(named, None, Speech.SOURCE)
        verb_gender = next((g for t in span if (g := verb_gender_of(t))), None)
        for token in span:
            word = token.lower_
            if lemma(word) in titles() and (
                person := self.latest(start, verb_gender, lemma(word)) or self.latest(start, verb_gender)
            ):
                return Attribution(person.name, person.role, Speech.INDIRECT)
            if word in PRONOUNS and (person := self.latest(start, PRONOUNS[word])):
                return Attribution(person.name, person.role, Speech.INDIRECT)
        return None


def verb_gender_of(token: Token) -> str | None:
    """ "отчиталась" -> "femn": the past-tense verb tells the speaker's gender."""
    parse = best(token.lower_, frozenset({"VERB"}))
    return str(parse.tag.gender) if parse is not None and parse.tag.gender in ("masc", "femn") else None


@cache
def organisation_words() -> frozenset[str]:
    return frozenset(resources.read_lines("organisation_words.txt"))


def name_lemmas(name: str) -> set[str]:
    return {lemma(word) for word in name.split()}


STOP_POS = frozenset({"PREP", "VERB", "INFN", "CONJ", "PRCL", "ADVB", "GRND", "NUMR"})


def phrase_after(doc: Doc, start: int, end: int, *, limit: int = 8) -> list[Token]:
    """The words of the noun phrase starting at `start`: up to punctuation, a preposition or a verb.

    "пресс-служба акимата Костанайской области, в этом году" -> the first four words; a quoted
    name stays whole ("агентство «АвтоМаркет»").
    """
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None:
        return []
    words: list[Token] = []
    quoted = False
    for token in span:
        if token.text in '«"„“':
            quoted = True
        elif token.text in '»"”':
            quoted = False
        elif (
            token.is_punct
            and not quoted
            or (
                not quoted
                and words
                and token.lower_ != "и"
                and ((parse := best(token.lower_)) is not None and parse.tag.POS in STOP_POS)
            )
            or token.like_num
        ):
            break
        words.append(token)
        if len(words) >= limit:
            break
    while words and (words[-1].lower_ == "и" or words[-1].text in '«"„“'):
        words.pop()
    return words


def nominative_name(words: list[Token]) -> str:
    """An organisation's name as written, its first word in the nominative ("Министерства энергетики")."""
    text = words[0].doc.text[words[0].idx : words[-1].idx + len(words[-1])]
    first = words[0].text
    parse = best(first.lower(), frozenset({"NOUN"}))
    if first.isupper() and len(first) > 1:
        return text  # "МГУ", "ЦБ": abbreviations do not inflect
    if parse is not None and parse.tag.case not in ("nomn", None) and (form := parse.inflect({"nomn"})):
        nominative = form.word.capitalize() if first[0].isupper() else form.word
        text = nominative + text[len(first) :]
    return text


def organisations(doc: Doc) -> list[tuple[int, str]]:
    """Every organisation natasha finds, as (offset, name in the nominative), with the words that
    belong to its name: "компания «Павлодар Авто Сервис»", "Ассоциация автодилеров Казахстана"."""
    found = []
    ents = list(doc.ents)
    for n, ent in enumerate(ents):
        if ent.label_ != "ORG":
            continue
        start, end = ent.start, ent.end
        following = ents[n + 1] if n + 1 < len(ents) else None
        if following is not None and following.label_ == "LOC" and following.start == end:
            end = following.end  # "Ассоциация автодилеров" + "Казахстана"
        if start >= 2 and doc[start - 1].text == "«" and lemma(doc[start - 2].text) in organisation_words():
            start -= 2
            while start >= 1 and doc[start - 1].is_lower and best(doc[start - 1].lower_, ADJECTIVE):
                start -= 1
            end = end + 1 if end < len(doc) and doc[end].text == "»" else end
        found.append((doc[start].idx, nominative_name(list(doc[start:end]))))
    return found


def expand_abbreviation(abbreviation: str, named: list[tuple[int, str]]) -> str | None:
    """ "БНС" -> "Бюро национальной статистики", when the document spells it out."""
    for _, name in named:
        initials = "".join(word[0] for word in name.split() if word[0].isalpha() and len(word) > 2)
        if initials.upper() == abbreviation.upper():
            return name
    return None


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
            if match.group().lower().startswith("пресс-служб"):
                start = sent.start_char + match.start()
            found = resolver.resolve(start, end, anchor=start)
            if found is not None:
                return Attribution(found.speaker, found.role, kind)
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
