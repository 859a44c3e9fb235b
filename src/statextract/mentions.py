"""Who a document names: people (from natasha's PER) and organisations (ORG, or a cue's noun phrase),
each in the nominative, with the titles the document gives them. The speakers stage resolves to these.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Doc, Span, Token

from statextract import resources
from statextract.morphology import ADJECTIVE, NOUN, Parse, best, lemma, parses

NAME_TAGS = ("Name", "Surn", "Patr")
STOP_POS = frozenset({"PREP", "VERB", "INFN", "CONJ", "PRCL", "ADVB", "GRND", "NUMR"})
QUOTES_OPEN, QUOTES_CLOSE = '«"„“', '»"”'


@cache
def titles() -> frozenset[str]:
    return frozenset(resources.read_lines("titles.txt"))


@cache
def organisation_words() -> frozenset[str]:
    return frozenset(resources.read_lines("organisation_words.txt"))


@cache
def invariable_names() -> frozenset[str]:
    return frozenset(resources.read_lines("invariable_names.txt"))


@cache
def place_words() -> frozenset[str]:
    return frozenset(resources.read_lines("place_words.txt"))


@cache
def genitive_cues() -> frozenset[str]:
    return frozenset(resources.read_lines("genitive_cues.txt"))


@dataclass(slots=True)
class Person:
    """A person the document names; `name` is the fullest form seen, in the nominative."""

    name: str
    gender: str | None
    role: str | None = None
    mentions: list[int] = field(default_factory=list)  # character offsets, in order


def is_initial(word: str) -> bool:
    return word.endswith(".") or len(word) == 1


def name_readings(word: str) -> set[tuple[str, str]]:
    """(gender, case) readings of a word as a first name, surname or patronymic, singular."""
    return {
        (str(p.tag.gender), str(p.tag.case))
        for p in parses(word.lower())
        if any(tag in p.tag for tag in NAME_TAGS) and p.tag.number == "sing"
    }


def name_nominative(words: list[str], verb_gender: str | None = None) -> tuple[str, str | None]:
    """A person's name in the nominative, and its gender: "Аиды Балаевой" -> ("Аида Балаева", "femn").

    The gender and case are the reading most words of the name agree on; a verb of the sentence
    ("рассказала") breaks ties, and the nominative wins the rest. Names pymorphy3 does not know
    (many Kazakh ones) are kept as written.
    """
    votes: dict[tuple[str, str], float] = {}
    for word in words:
        for reading in name_readings(word):
            votes[reading] = votes.get(reading, 0.0) + 1.0
    if not votes:
        return " ".join(words), verb_gender
    for gender, case in votes:
        votes[(gender, case)] += 0.5 * (gender == verb_gender) + 0.25 * (case == "nomn")
    gender, case = max(votes, key=lambda reading: votes[reading])
    known_gender = gender if gender in ("masc", "femn") else verb_gender
    if case == "nomn":
        return " ".join(words), known_gender
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
    return " ".join(out), known_gender


def same_surname(word: str, surname: str) -> bool:
    """Whether a surname alone, in any case, is the given one: "Ахметовой" and "Ахметова"."""
    word, surname = word.lower(), surname.lower()
    stem = surname[:-1] if surname.endswith(("а", "я")) and len(surname) > 4 else surname
    return word == surname or (word.startswith(stem) and len(word) - len(stem) <= 3)


def looks_like_name(words: list[str]) -> bool:
    """natasha tags a capitalised "Сварщики" as PER now and then: a name has a name-like or unknown word."""
    for word in words:
        found = parses(word.lower())
        if not found or not resources.morph().word_is_known(word.lower()):
            return True
        if any(any(tag in p.tag for tag in NAME_TAGS) for p in found[:3]):
            return True
    return False


def name_part(ent: Span) -> Span:
    """natasha's PER span without the title or place it sometimes takes in: "Аким Шымкента Арман Жаксылыков"."""
    doc, start = ent.doc, ent.start
    named = [
        t.i
        for t in ent
        if any(("Name" in p.tag or "Patr" in p.tag) and p.tag.number == "sing" for p in parses(t.lower_)[:2])
    ]
    if named and named[0] > start:
        start = named[0]
    start = max(start, ent.end - 3)
    while start < ent.end - 1 and not name_readings(doc[start].text) and not_a_name(doc[start], ent.end - start - 1):
        start += 1  # "Аким", "Мажилиса": a title or an institution, not a name
    if ent.end - start == 3 and not is_patronymic(doc[start + 1].text):
        start += 1  # three words without a patronymic in the middle: "Шымкента Арман Жаксылыков"
    return doc[start : ent.end]


def is_patronymic(word: str) -> bool:
    """ "Владимирович", "Сергеевна", "Кайратулы": the middle of a three-part name."""
    lower = word.lower()
    return lower.endswith(("вич", "вна", "ична", "улы", "кызы", "оглы")) or any(
        "Patr" in p.tag for p in parses(lower)[:3]
    )


def not_a_name(token: Token, words_after: int) -> bool:
    """A title or a place is never part of a name; another known word ("Канат", "Алмаз": Kazakh first
    names that are Russian nouns too) only when two words would still be left."""
    if lemma(token.text) in titles() or any({"Geox", "Orgn"} & set(p.tag.grammemes) for p in parses(token.lower_)[:2]):
        return True
    return words_after >= 2 and resources.morph().word_is_known(token.lower_)


def verb_gender_of(token: Token) -> str | None:
    """ "отчиталась" -> "femn": the past-tense verb tells the speaker's gender."""
    parse = best(token.lower_, frozenset({"VERB"}))
    return str(parse.tag.gender) if parse is not None and parse.tag.gender in ("masc", "femn") else None


def sentence_verb_gender(ent: Span) -> str | None:
    """The gender of the nearest past-tense verb to a name in its sentence ("Мухина рассказала")."""
    tokens = sorted(ent.sent, key=lambda t: min(abs(t.i - ent.start), abs(t.i - ent.end)))
    return next((g for t in tokens if (g := verb_gender_of(t))), None)


def title_before(doc: Doc, ent: Span) -> str | None:
    """The title written right before a name ("заместитель министра труда Елена Мухина" ->
    "заместитель министра труда"), or in apposition after it ("Сергей Лаптев, генеральный директор
    компании, заявил"); its first word in the nominative."""
    first = None
    for i in range(ent.start - 1, max(ent.sent.start, ent.start - 12) - 1, -1):
        token = doc[i]
        if token.is_punct and token.text not in "-«»":
            break
        if lemma(token.text) in titles():
            first = i
    if first is not None:
        return title_text(doc, first, ent.start)
    if ent.end + 2 < ent.sent.end and doc[ent.end].text == ",":
        start = ent.end + 1
        end = next((t.i for t in doc[start : ent.sent.end] if t.text in ",—–"), None)
        head = next((t.i for t in doc[start : end or start] if lemma(t.text) in titles()), None)
        if end is not None and head is not None and all(best(t.lower_, ADJECTIVE) for t in doc[start:head]):
            return title_text(doc, start, end)
    return None


def title_text(doc: Doc, start: int, end: int) -> str:
    """A title's words as written, the adjectives before it kept ("генеральный директор"), its first words
    in the nominative and lower case."""
    while (
        start > doc[start].sent.start
        and doc[start - 1].is_alpha
        and (parse := best(doc[start - 1].lower_, ADJECTIVE))
        and parse.tag.case == (best(doc[start].lower_, NOUN) or parse).tag.case
    ):
        start -= 1
    words = [t.text_with_ws for t in doc[start:end]]
    head = next((n for n, t in enumerate(doc[start:end]) if lemma(t.text) in titles()), 0)
    for n in range(head + 1):
        wanted = NOUN if n == head else ADJECTIVE
        parse = best(doc[start + n].lower_, wanted)
        if parse is None or parse.tag.case == "nomn":
            words[n] = doc[start + n].lower_ + doc[start + n].whitespace_
            continue
        grammemes = {"nomn", "sing"}
        noun = best(doc[start + head].lower_, NOUN) if n < head else None
        if noun is not None and noun.tag.gender:
            grammemes.add(str(noun.tag.gender))  # "генерального директора" -> "генеральный директор"
        form = parse.inflect(grammemes) or parse.inflect({"nomn", "sing"})
        word = form.word if form is not None else doc[start + n].lower_
        words[n] = word + doc[start + n].whitespace_
    return "".join(words).strip(" ,")


def people(doc: Doc) -> list[Person]:
    """Everyone in `doc.ents` as PER, each with the fullest name and a title, if given.

    Full names come first; a surname or an initial plus surname ("А. Котяков") then joins the person
    whose surname it is.
    """
    mentions = []
    for ent in doc.ents:
        if ent.label_ != "PER":
            continue
        named = name_part(ent)
        words = [t.text for t in named if t.text != "."]
        if words and looks_like_name(words):
            mentions.append((named, words, [w for w in words if not is_initial(w)]))
    found: list[Person] = []
    for named, words, full in sorted(mentions, key=lambda m: -len(m[2])):
        person = next((p for p in found if same_surname(full[-1], p.name.split()[-1])), None) if full else None
        if person is None:
            name, gender = name_nominative(words, sentence_verb_gender(named))
            person = Person(name, gender)
            found.append(person)
        person.mentions.append(named.start_char)
        person.role = person.role or title_before(doc, named)
    for person in found:
        person.mentions.sort()
    return found


def head_index(words: list[Token], case: str | None) -> int:
    """The first noun of a name (in `case`, when known): "Национального банка ..." -> 1."""
    for n, word in enumerate(words):
        found = [p for p in parses(word.lower_) if p.tag.POS == "NOUN" and (case is None or p.tag.case == case)]
        if found and not (n + 1 < len(words) and adjective_before(word, case)):
            return n
    return 0


def adjective_before(word: Token, case: str | None) -> bool:
    found = parses(word.lower_)
    return bool(found) and found[0].tag.POS in ADJECTIVE and (case is None or found[0].tag.case == case)


def nominative_name(words: list[Token], *, genitive: bool = False) -> str:
    """An organisation's name as written, its head and the adjectives before it in the nominative.

    "Национального банка Кыргызской Республики" (after "по данным") -> "Национальный банк Кыргызской
    Республики"; an unknown word after "по данным" loses its genitive ending ("Омскстата" -> "Омскстат");
    abbreviations ("МГУ", "ЦБ") and names in quotes stay as written.
    """
    doc = words[0].doc
    text = doc.text[words[0].idx : words[-1].idx + len(words[-1])]
    if any(w.text in QUOTES_OPEN for w in words[:1]) or (words[0].text.isupper() and len(words[0]) > 1):
        return text
    case = "gent" if genitive else None
    head = head_index(words, case)
    head_parse = next(
        (p for p in parses(words[head].lower_) if p.tag.POS == "NOUN" and (case is None or p.tag.case == case)), None
    )
    gender = str(head_parse.tag.gender) if head_parse is not None and head_parse.tag.gender else None
    out = []
    for n, word in enumerate(words[: head + 1]):
        written = word.text
        wanted: frozenset[str] = NOUN if n == head else ADJECTIVE
        parse = next(
            (p for p in parses(written.lower()) if p.tag.POS in wanted and (case is None or p.tag.case == case)), None
        )
        if genitive and n == head and not resources.morph().word_is_known(written.lower()) and written.endswith("а"):
            out.append(written[:-1])  # "Омскстата" -> "Омскстат"
            continue
        if parse is None or (not genitive and parse.tag.case == "nomn") or written.lower() in invariable_names():
            out.append(written)
            continue
        form = inflect_nominative(parse, gender if n != head else None)
        out.append(form.capitalize() if written[0].isupper() else form)
    tail_start = words[head].idx + len(words[head]) - words[0].idx
    return " ".join(out) + text[tail_start:]


def inflect_nominative(parse: Parse, gender: str | None) -> str:
    """The nominative of a noun (its own number) or of an adjective agreeing with its noun's gender."""
    wanted = {"nomn", "sing", gender} if gender in ("masc", "femn", "neut") else {"nomn"}
    form = parse.inflect(wanted) or parse.inflect({"nomn"})
    return form.word if form is not None else parse.word


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
        if token.text in QUOTES_OPEN and not quoted:
            quoted = True
        elif token.text in QUOTES_CLOSE and quoted:
            quoted = False
        elif not quoted and (token.is_punct or token.like_num or token.is_space) or not quoted and words and token.lower_ != "и" and is_stop_word(token):
            break
        words.append(token)
        if len(words) >= limit:
            break
    while words and (words[-1].lower_ == "и" or words[-1].text in QUOTES_OPEN):
        words.pop()
    return words


def is_stop_word(token: Token) -> bool:
    """A preposition, verb, conjunction or the like: the end of a name."""
    parse = best(token.lower_)
    return parse is not None and parse.tag.POS in STOP_POS


def genitive_after(doc: Doc, i: int) -> bool:
    """Whether a name at token i stands in the genitive: after "по данным", "пресс-служба" and the like."""
    j = i - 1
    while j >= 0 and doc[j].text in QUOTES_OPEN:
        j -= 1
    return j >= 0 and doc[j].lower_ in genitive_cues()


def organisations(doc: Doc) -> list[tuple[int, str]]:
    """Every organisation natasha finds, as (offset, name in the nominative), with the words that
    belong to its name: "компания «Павлодар Авто Сервис»", "Ассоциация автодилеров Казахстана",
    "пресс-служба Минпромторга"."""
    found = []
    ents = list(doc.ents)
    for n, ent in enumerate(ents):
        if ent.label_ != "ORG":
            continue
        start, end = ent.start, ent.end
        following = ents[n + 1] if n + 1 < len(ents) else None
        if following is not None and following.label_ == "LOC" and following.start == end:
            end = following.end  # "Ассоциация автодилеров" + "Казахстана"
        if start >= 2 and doc[start - 1].text in QUOTES_OPEN and lemma(doc[start - 2].text) in organisation_words():
            start -= 2  # компания «Павлодар Авто Сервис»
            while start >= 1 and doc[start - 1].is_lower and best(doc[start - 1].lower_, ADJECTIVE):
                start -= 1
            end = end + 1 if end < len(doc) and doc[end].text in QUOTES_CLOSE else end
        if start >= 1 and lemma(doc[start - 1].text) == "пресс-служба":
            start -= 1
        if end < len(doc) and doc[end].lower_ in place_words():
            end += 1  # "Минсельхоз края"
        found.append((doc[start].idx, nominative_name(list(doc[start:end]), genitive=genitive_after(doc, start))))
    return found


def expand_abbreviation(abbreviation: str, names: list[str]) -> str | None:
    """ "БНС" -> "Бюро национальной статистики", when the document spells it out."""
    for name in names:
        initials = "".join(word[0] for word in name.split() if word[0].isalpha() and len(word) > 2)
        if initials.upper() == abbreviation.upper():
            return name
    return None
