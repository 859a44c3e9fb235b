"""Stage 4: who states each quantity (`span._.speaker`, `span._.speaker_role`, `span._.speech`).

A quantity inside a quote belongs to the quote's attribution; otherwise to its sentence's own cue
("по словам X", "по данным X", "X сообщил, что", a headline "X: ..."); otherwise to the speaker of
the sentence before it in the same paragraph. Mentions resolve to the people and organisations of
`mentions.py`: a name to the fullest form of that name, a title to the person the document gives it,
a pronoun to the latest person of its gender, a bare "бюро" to the organisation named before.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from statextract import resources
from statextract.annotate import entities_within, lower_words, sentence_of, sentences, span_text, text_of
from statextract.mentions import Person, looks_like_name, people, same_surname, titles, verb_gender_of
from statextract.morphology import NOUN, best, forms_of, function_word, lemma, parses
from statextract.organisations import (
    expand_abbreviation,
    nominative_name,
    organisation_words,
    organisations,
    phrase_after,
)
from statextract.quotes import DASH_RE, OPENING, Quote, speech_quotes
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
CLOSING_MARKS = frozenset(OPENING.values())
SELF_WORDS = frozenset({"сам", "сама", "само", "сами"})
MEDIA_WORDS = frozenset({"агентство", "издание", "газета", "телеканал", "радиостанция", "журнал", "портал"})
HEADLINE_RE = re.compile(r"[ \t]*([^:\n]{2,60}):\s")
SITE_RE = re.compile(r"\s*((?:[A-Za-z0-9-]+\.)+(?:ru|com|kz|by|ua|uz|kg|org|net|info|io|рф))\b")


@dataclass(frozen=True, slots=True)
class Attribution:
    speaker: str | None
    role: str | None
    speech: Speech


def reporting_verbs() -> frozenset[str]:
    return resources.word_set("reporting_verbs.txt")


@cache
def speech_cues() -> tuple[tuple[re.Pattern[str], Speech, bool], ...]:
    """(pattern, speech kind, whether the name after it stands in the genitive) for each cue phrase."""
    return tuple(
        (re.compile(rf"\b{re.escape(row[0])}\b", re.I), Speech(row[1]), row[2:] == ["genitive"])
        for row in resources.read_table("speech_cues.tsv")
    )


@cache
def any_speech_cue() -> re.Pattern[str]:
    """All the cue phrases in one pattern: most sentences have none, and one search tells."""
    return re.compile("|".join(f"(?:{pattern.pattern})" for pattern, _, _ in speech_cues()), re.I)


def introduced(person: Person) -> bool:
    """Whether the document gives a person a full name or a title."""
    return len(person.name.split()) > 1 or person.role is not None


class Resolver:
    """Turns a stretch of text into the person or organisation it names."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.people = people(doc)
        self.by_mention = {at: person for person in self.people for at in person.mentions}
        text = text_of(doc)  # no organisation speaks after "по": "отчёт компании по МСФО"
        self.organisations = [
            (at, name) for at, name in organisations(doc) if text[max(0, at - 3) : at].lower() != "по "
        ]
        self.named: list[tuple[int, str]] = list(self.organisations)  # organisations named, with offsets

    def latest(
        self, before: int, gender: str | None = None, title: str | None = None, *, earlier_only: bool = False
    ) -> Person | None:
        """The person mentioned last before an offset (or first after it, for a headline).

        A pronoun or a title points to someone the text introduced properly: a surname alone with no
        title ("расширения Тенгиза", which natasha may take for a name) is the last resort.
        """
        candidates = []
        for person in sorted(self.people, key=introduced):
            if gender and person.gender and person.gender != gender:
                continue
            if title and not (person.role and title in person.role.lower()):
                continue
            earlier = [m for m in person.mentions if m < before]
            if earlier_only and not earlier:
                continue
            candidates.append((introduced(person), max(earlier) if earlier else -min(person.mentions) - 1, person))
        return max(candidates, key=lambda c: c[:2])[2] if candidates else None

    def by_surname(self, text: str) -> Attribution | None:
        """A person named by surname alone where natasha saw no name ("Хуснуллин: ..." in a headline)."""
        words = text.split()
        if not words or len(words) > 3 or not all(w[:1].isupper() for w in words):
            return None
        person = next((p for p in self.people if introduced(p) and same_surname(words[-1], p.name.split()[-1])), None)
        return Attribution(person.name, person.role, Speech.INDIRECT) if person is not None else None

    def is_person(self, word: str) -> bool:
        return any(introduced(p) and same_surname(word, p.name.split()[-1]) for p in self.people)

    def person_at(self, ent: Span) -> Person | None:
        return next((self.by_mention[t.idx] for t in ent if t.idx in self.by_mention), None)

    def organisation(self, start: int, end: int, anchor: int, *, genitive: bool, source: bool = False) -> str | None:
        """The organisation a stretch names: one natasha found, nearest the anchor; else the noun phrase
        right after a cue ("по данным пресс-службы акимата"); a bare "бюро" or "БНС" points back."""
        names = [name for _, name in self.named]
        inside = [(outlet(name), abs(at - anchor), name) for at, name in self.organisations if start <= at < end]
        if inside:
            is_outlet, _, name = min(inside)  # the nearest, a news outlet last
            if is_outlet and (where := self.told_in(start, end)) is not None:
                return where  # "сообщили ТАСС в пресс-службе мэрии": the outlet was told
            return expand_abbreviation(name, names) or name if name.isupper() else name
        if anchor != start:
            return None
        words = phrase_after(self.doc, start, end)
        while words and words[0].lower_ in SELF_WORDS:
            words = words[1:]  # "сообщает сама компания"
        if not words:
            return None
        first = words[0].text
        if first.isupper() and len(first) > 1:
            return expand_abbreviation(first, names) or first
        nouns = [lemma(w.text) for w in words if best(w.lower_, NOUN) is not None]
        head = nouns[0] if nouns else lemma(first)
        unknown_name = (
            source and len(words) == 1 and first[0].isupper() and not self.is_person(first) and not function_word(first)
        )  # "по данным Bloomberg", not "сообщает Они"
        if head not in organisation_words() and not unknown_name:
            return None
        if len(words) == 1 and first.islower():  # "бюро", "ведомства": the organisation named before,
            media = head in MEDIA_WORDS  # "по данным агентства": an outlet; "компании": anyone but one
            earlier = sorted((at, name) for at, name in self.named if at < start and outlet(name) == media)
            same = [name for _, name in earlier if head in {lemma(word) for word in name.split()}]
            if same:  # the latest whose name has the word, else the one named most often, the latest of those
                return same[-1]
            times = Counter(name for _, name in earlier)
            return max(reversed(earlier), key=lambda e: times[e[1]])[1] if earlier else None
        name = nominative_name(words, genitive=genitive)
        self.named.append((words[0].idx, name))
        return name

    def told_in(self, start: int, end: int) -> str | None:
        """The organisation after "в" in a stretch, where those who told work: "в пресс-службе мэрии"."""
        span = self.doc.char_span(start, end, alignment_mode="contract")
        at = next((t for t in span or () if t.lower_ in ("в", "во") and t.i + 1 < len(self.doc)), None)
        if at is None:
            return None
        after = self.doc[at.i + 1].idx
        words = phrase_after(self.doc, after, end)
        if not words or lemma(words[0].text) not in organisation_words():
            return None
        # "в компании": the company named before, if any
        return self.organisation(after, end, after, genitive=False) or nominative_name(words)

    def resolve(
        self,
        start: int,
        end: int,
        *,
        anchor: int | None = None,
        genitive: bool = False,
        source: bool = False,
        headline: bool = False,
    ) -> Attribution | None:
        """The speaker named in text_of(doc)[start:end]: a name, an organisation, a title or a pronoun.

        After a source cue ("по данным X") an organisation is the likelier reading of X.
        """
        span = self.doc.char_span(start, end, alignment_mode="contract")
        if span is None or not len(span):
            return None
        anchor = start if anchor is None else anchor
        ents = entities_within(self.doc, span.start, span.end)
        named_person = any(ent.label_ == "PER" for ent in ents)
        if titled(span) and not named_person and (by_title := self.by_title(span, start, headline)):
            return by_title  # "Глава «Арктикнефти»", "— сказал глава Минздрава": the person, not the body
        named = self.organisation(start, end, anchor, genitive=genitive, source=source) if source else None
        if named is not None:
            return Attribution(named, None, Speech.SOURCE)
        for ent in sorted(ents, key=lambda e: abs(e.start_char - anchor)):
            if ent.label_ == "PER" and (person := self.person_at(ent)):
                return Attribution(person.name, person.role, Speech.INDIRECT)
        for token in span:  # a surname natasha did not tag this time: "— отметил Горохов.", "Зеле подчеркнул"
            if (
                token.text[:1].isupper()
                and (token.i > sentence_of(self.doc, token.i).start or looks_like_name([token.text]))
                and (by_name := self.by_surname(token.text))
            ):
                return by_name
        if any(token.lower_ in ("он", "она") for token in span) and (by_pronoun := self.by_title(span, start)):
            return by_pronoun  # "— сказал он РИА Новости": the pronoun is the subject, the outlet was told
        named = self.organisation(start, end, anchor, genitive=genitive)
        if named is not None:
            return Attribution(named, None, Speech.SOURCE)
        return self.by_title(span, start)

    def by_title(self, span: Span, start: int, later: bool = False) -> Attribution | None:
        """The person a title or a pronoun in the span stands for; with `later` (a headline), a person the
        text names only after it."""
        verb_gender = next((g for t in span if (g := verb_gender_of(t.lower_))), None)
        for token in span:
            word = token.lower_
            title = lemma(word)
            if title in titles() and (
                person := self.latest(start, verb_gender, title)
                or self.latest(start, verb_gender, earlier_only=not later)
            ):
                return Attribution(person.name, person.role, Speech.INDIRECT)
            if word in PRONOUNS and (person := self.latest(start, PRONOUNS[word])):
                return Attribution(person.name, person.role, Speech.INDIRECT)
        return None


def titled(span: Span) -> bool:
    """Whether a stretch opens with a title, or names one right after its reporting verb: "Глава
    «Арктикнефти»: ...", "— сказал глава Минздрава"."""
    words = islice((t for t in span if t.is_alpha), 2)
    first = next(words, None)
    if first is None or lemma(first.text) in titles():
        return first is not None
    second = next(words, None) if reporting_verb(first.lower_) else None
    return second is not None and lemma(second.text) in titles()


def outlet(name: str) -> bool:
    """Whether an organisation is a news outlet: "ТАСС", "РИА Новости", «Известия»."""
    return name.strip('«»"').lower() in resources.word_set("outlets.txt")


def with_speech(found: Attribution | None, speech: Speech) -> Attribution | None:
    return Attribution(found.speaker, found.role, speech) if found is not None else None


def sentence_attribution(doc: Doc, sent: Span, resolver: Resolver) -> Attribution | None:
    """A sentence's own cue: "по словам X", "по её словам", "по данным X", "X сообщил, что ..."."""
    text = span_text(sent)
    if match := POSSESSIVE_CUE_RE.search(text):
        person = resolver.latest(sent.start_char + match.start(), PRONOUNS[match.group(1).lower()])
        if person is not None:
            return Attribution(person.name, person.role, Speech.INDIRECT)
    for pattern, kind, genitive in speech_cues() if any_speech_cue().search(text) else ():
        if match := pattern.search(text):
            start = sent.start_char + match.end()
            if site := SITE_RE.match(text_of(doc), start):
                return Attribution(site.group(1), None, kind)  # "по данным hh.ru": a site names its source
            end = next_clause_end(doc, start, sent.end_char)
            found = resolver.resolve(start, end, anchor=start, genitive=genitive, source=kind == Speech.SOURCE)
            if found is not None:
                return with_speech(found, kind)
    words = lower_words(doc)
    for i in range(sent.start, sent.end):
        if reporting_verb(words[i]):
            found = verb_speaker(sent, doc[i], resolver)
            if found is not None:
                return with_speech(found, Speech.INDIRECT)
    return None


@lru_cache(maxsize=50_000)
def reporting_verb(word: str) -> bool:
    """ "сообщил", "сообщило", "считает": a finite form of a reporting verb (not "сообщение", not "сообщая")."""
    if word not in forms_of(reporting_verbs()):
        return False
    parse = best(word, frozenset({"VERB"}))
    return parse is not None and parse.normal_form.replace("ё", "е") in reporting_verbs()


def verb_speaker(sent: Span, verb: Token, resolver: Resolver) -> Attribution | None:
    """Who a reporting verb's clause names; if nobody, the sentence before the verb ("Сергей Лаптев,
    генеральный директор компании, заявил, что ..."), unless a subject stands right after the verb
    ("..., сообщил аукционный дом": someone the text does not name, not a person named before)."""
    left, right = clause_around(sent, verb)
    found = resolver.resolve(left, right, anchor=verb.idx)
    if found is None and verb.i + 1 < sent.end and verb.nbor(1).idx < right:
        after = verb.nbor(1).idx  # "сообщила пресс-служба департамента ...", where NER read nothing
        named = resolver.organisation(after, right, after, genitive=False)
        found = Attribution(named, None, Speech.SOURCE) if named is not None else None
    if found is None and left > sent.start_char and not subject_after(verb):
        found = resolver.resolve(sent.start_char, verb.idx, anchor=verb.idx)
    return found


def subject_after(verb: Token) -> bool:
    """Whether the word after a verb is its subject: a lower-case noun or adjective in the nominative that
    agrees with it ("сообщил аукционный дом"; not "предупредила мировое сообщество", an object)."""
    if verb.i + 1 >= len(verb.doc):
        return False
    word = verb.doc[verb.i + 1]
    found = parses(word.lower_) if word.is_lower and word.is_alpha else ()
    verb_parse = best(verb.lower_, frozenset({"VERB"}))
    if not found or verb_parse is None or found[0].tag.POS not in ("NOUN", "ADJF") or found[0].tag.case != "nomn":
        return False
    subject, said = found[0].tag, verb_parse.tag
    if said.number == "plur":
        return subject.number == "plur"
    return subject.number == "sing" and (said.gender is None or subject.gender == said.gender)


def next_clause_end(doc: Doc, start: int, limit: int) -> int:
    comma = text_of(doc).find(",", start, limit)
    return comma if comma >= 0 else limit


def clause_around(sent: Span, token: Token) -> tuple[int, int]:
    """The comma-bounded stretch of a sentence around a reporting verb, where its speaker stands."""
    text, offset = span_text(sent), token.idx - sent.start_char
    left = max(text.rfind(",", 0, offset), text.rfind(":", 0, offset))
    right = text.find(",", offset)
    return sent.start_char + left + 1, sent.start_char + (right if right >= 0 else len(text))


def headline_attribution(doc: Doc, resolver: Resolver) -> tuple[int, int, Attribution] | None:
    """A headline "Новак: добыча нефти вырастет на 2%": the line, and the speaker its prefix names."""
    for line_start, line in enumerate_lines(text_of(doc))[:3]:
        match = HEADLINE_RE.match(line)
        if match and not line.startswith("date "):
            found = resolver.resolve(
                line_start + match.start(1), line_start + match.end(1), headline=True
            ) or resolver.by_surname(match.group(1))
            if found is not None:
                return line_start, line_start + len(line), Attribution(found.speaker, found.role, Speech.INDIRECT)
            return None
        if line.strip() and not line.startswith("date "):
            return None
    return None


def enumerate_lines(text: str) -> list[tuple[int, str]]:
    lines, offset = [], 0
    for line in text.split("\n"):
        lines.append((offset, line))
        offset += len(line) + 1
    return [(start, line) for start, line in lines if line.strip()]


def quote_attribution(quote: Quote, resolver: Resolver) -> Attribution | None:
    """The speaker a quote's attribution names, after the quoted words or before them. The attribution after
    them is read from past the closing mark, which a straight '"' would otherwise open anew; no noun phrase
    there is taken for an organisation unless NER found one (after «пятном на репутации» ФБР, "ФБР" is
    no speaker)."""
    after = quote.end
    while after < quote.cue_end and text_of(resolver.doc)[after] in CLOSING_MARKS:
        after += 1
    found = resolver.resolve(after, quote.cue_end, anchor=quote.end) if quote.cue_end > after else None
    if found is None and quote.cue_start < quote.start - 1:
        found = resolver.resolve(quote.cue_start, quote.start - 1, anchor=quote.start)
    return with_speech(found, Speech.DIRECT)


def attributed_quotes(doc: Doc, resolver: Resolver) -> list[tuple[Quote, Attribution | None]]:
    """Every quote that is speech, with the attribution it has or continues; in an interview, the answers
    are the interviewee's."""
    quotes: list[tuple[Quote, Attribution | None]] = []
    for quote in speech_quotes(text_of(doc)):
        found = quote_attribution(quote, resolver)
        if found is None and quotes and quotes[-1][1] is not None and quotes[-1][0].end + 400 > quote.start:
            found = quotes[-1][1]  # a dialogue line with no attribution of its own continues the last one
        quotes.append((quote, found))
    answers = interview_answers(text_of(doc), [quote for quote, found in quotes if found is None])
    if answers and (person := interviewee(text_of(doc), answers, resolver)) is not None:
        answered = set(answers)
        quotes = [(quote, person if quote in answered else found) for quote, found in quotes]
    return quotes


def interview_answers(text: str, unattributed: list[Quote]) -> list[Quote]:
    """The answers of an interview: dialogue lines with no attribution that ask nothing, in a text with
    at least two such lines that ask ("— Сколько у вас земли?")."""
    lines = [
        quote for quote in unattributed if DASH_RE.fullmatch(text, text.rfind("\n", 0, quote.start) + 1, quote.start)
    ]
    questions = [quote for quote in lines if text[quote.start : quote.end].rstrip().endswith("?")]
    if len(questions) < 2:
        return []
    return [quote for quote in lines if quote not in questions and quote.start > questions[0].start]


def interviewee(text: str, answers: list[Quote], resolver: Resolver) -> Attribution | None:
    """Who answers an interview's questions: among the people introduced before the first answer, the one
    a question addresses by name ("— Алексей Николаевич, каким был сезон?"), else the one the answers name
    least (people speak of others, not of themselves), the first named if several."""
    first = text.rfind("\n", 0, answers[0].start)
    lead = [p for p in resolver.people if introduced(p) and p.mentions[0] < first]
    if not lead:
        return None
    interview = text[first : answers[-1].end]
    addressed = [p for p in lead if re.search(rf"[—–-]\s*{re.escape(p.name.split()[0])}(?:\s+[А-ЯЁ]\w+)?,", interview)]
    named_in_answers = {id(p): sum(any(a.start <= at < a.end for a in answers) for at in p.mentions) for p in lead}
    person = (addressed or sorted(lead, key=lambda p: (named_in_answers[id(p)], p.mentions[0])))[0]
    return Attribution(person.name, person.role, Speech.DIRECT)


def cue_verb(doc: Doc, quote: Quote) -> str | None:
    """The reporting verb of a quote's attribution, as written: "отчиталась", "заявил"."""
    for start, end in ((quote.end, quote.cue_end), (quote.cue_start, quote.start)):
        span = doc.char_span(start, end, alignment_mode="contract") if end > start else None
        verb = next((t.text for t in span or () if reporting_verb(t.lower_)), None)
        if verb is not None:
            return verb
    return None


def paragraphs(doc: Doc) -> dict[int, int]:
    """The paragraph (line) number of each sentence, by its start character."""
    text, found, line, at = text_of(doc), {}, 0, 0
    for sent in sentences(doc):
        line += text.count("\n", at, sent.start_char)
        at = sent.start_char
        found[sent.start_char] = line
    return found


def attribute(
    doc: Doc, spans: Sequence[Span], quotes: list[tuple[Quote, Attribution | None]], resolver: Resolver
) -> dict[int, Attribution]:
    """An attribution for every quantity span that has one, keyed by the span's start character."""
    headline = headline_attribution(doc, resolver)
    by_sentence: dict[int, Attribution | None] = {}
    last: tuple[int, Attribution] | None = None  # paragraph and attribution of the latest attributed sentence
    # Only a figure's sentence and the sentences before it in its paragraph can attribute it.
    paragraph_of = paragraphs(doc)
    last_figure: dict[int, int] = {}  # paragraph -> start of its last sentence with a figure
    for span in spans:
        sent_start = sentence_of(doc, span.start).start_char
        paragraph = paragraph_of[sent_start]
        last_figure[paragraph] = max(last_figure.get(paragraph, -1), sent_start)
    previous: Span | None = None  # the sentence before, if it can be attributed
    for sent in sentences(doc):
        paragraph = paragraph_of[sent.start_char]
        figured = sent.start_char <= last_figure.get(paragraph, -1)
        # "Об этом говорится в докладе Росстата": the attribution of the sentence before
        backfill = previous is not None and by_sentence.get(previous.start_char) is None and about_that(sent)
        own = sentence_attribution(doc, sent, resolver) if figured or backfill else None
        if backfill and previous is not None:
            by_sentence[previous.start_char] = own
        if not figured:
            previous = None
            continue
        if own is not None:
            last = (paragraph, own)
        elif last is not None and last[0] == paragraph:
            own = last[1]
        by_sentence[sent.start_char] = own
        previous = sent
    if (closing := closing_source(doc, resolver)) is not None:  # "Об этом сообщила пресс-служба ...", alone
        by_sentence = {start: found or closing for start, found in by_sentence.items()}
    result: dict[int, Attribution] = {}
    for span in spans:
        start = span.start_char
        in_quote = [found for quote, found in quotes if quote.start <= start < quote.end]
        if in_quote:  # quoted words are direct speech, even when nothing says whose
            result[start] = in_quote[0] or Attribution(None, None, Speech.DIRECT)
            continue
        if headline is not None and headline[0] <= start < headline[1]:
            result[start] = headline[2]
            continue
        sentence = by_sentence.get(sentence_of(doc, span.start).start_char)
        if sentence is not None:
            result[start] = sentence
    return result


def closing_source(doc: Doc, resolver: Resolver) -> Attribution | None:
    """The attribution of a last paragraph that is one "Об этом ..." sentence: it names the source of the
    whole item ("Об этом сообщила пресс-служба департамента ...")."""
    last = next((sent for sent in reversed(sentences(doc)) if sent.text.strip()), None)
    if last is None or not about_that(last):
        return None
    text = text_of(doc)
    line_start = text.rfind("\n", 0, last.start_char) + 1
    if text[line_start : last.start_char].strip() or text[last.end_char :].strip():
        return None  # it ends a paragraph of others: it attributes the sentence before it only
    return sentence_attribution(doc, last, resolver)


def about_that(sent: Span) -> bool:
    """Whether a sentence attributes the one before it: "Об этом сообщила пресс-служба ...", "Об этом
    говорится в докладе Росстата"."""
    words = lower_words(sent.doc)[sent.start : sent.start + 2]
    return words == ["об", "этом"]


def quote_spans(doc: Doc, quotes: list[tuple[Quote, Attribution | None]]) -> list[Span]:
    """The quotes as spans over their words, with `span._.speaker`, `speaker_role`, `speech` and `cue`."""
    found = []
    for quote, attribution in quotes:
        span = doc.char_span(quote.start, quote.end, alignment_mode="contract")
        if span is None or not len(span):
            continue
        span = doc[span.start : span.end]
        span._.cue = cue_verb(doc, quote)
        span._.speech = Speech.DIRECT.value
        if attribution is not None:
            span._.speaker, span._.speaker_role = attribution.speaker, attribution.role
        found.append(span)
    return found


class Speakers:
    """The `speakers` component: `span._.speaker`, `span._.speaker_role` and `span._.speech`."""

    def __init__(self, name: str = "speakers", *, spans_key: str = "quantities", quotes_key: str = "quotes") -> None:
        self.name = name
        self.spans_key = spans_key
        self.quotes_key = quotes_key
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        spans = list(doc.spans.get(self.spans_key, []))
        resolver = Resolver(doc)
        quotes = attributed_quotes(doc, resolver)
        doc.spans[self.quotes_key] = quote_spans(doc, quotes)
        if not spans:
            return doc
        found = attribute(doc, spans, quotes, resolver)
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
    assigns=["doc.spans", "span._.speaker", "span._.speaker_role", "span._.speech", "span._.cue"],
    default_config={"spans_key": "quantities", "quotes_key": "quotes"},
)
def make_speakers(nlp: Language, name: str, spans_key: str, quotes_key: str) -> Speakers:
    return Speakers(name, spans_key=spans_key, quotes_key=quotes_key)
