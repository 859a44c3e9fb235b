"""Who a document names: people (from natasha's PER) and organisations (ORG, or a cue's noun phrase),
each in the nominative, with the titles the document gives them. The speakers stage resolves to these.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache

from spacy.tokens import Doc, Span, Token

from statextract import resources
from statextract.annotate import lower_words, sentence_of
from statextract.morphology import (
    ADJECTIVE,
    NAME_TAGS,
    NOUN,
    Parse,
    best,
    forms_of,
    function_word,
    is_predicate,
    lemma,
    parses,
)
from statextract.organisations import genitive_after


def titles() -> frozenset[str]:
    return resources.word_set("titles.txt")


@cache
def occupations() -> frozenset[str]:
    """Words that give a person's role before a name: the titles, and every one-word profession of the
    lexicon ("фермер Алексей Шилов", "токарь Иван Петров")."""
    from statextract.professions import lexicon, people_words

    professions = {entry.name for entries in lexicon().values() for entry in entries if len(entry.lemmas) == 1}
    generic = {word for word, qualifiable in people_words().items() if not qualifiable}  # "житель", not "специалист"
    return titles() | (professions - generic)


def name_particles() -> frozenset[str]:
    return resources.word_set("name_particles.txt")


@dataclass(slots=True)
class Person:
    """A person the document names; `name` is the fullest form seen, in the nominative."""

    name: str
    gender: str | None
    role: str | None = None
    mentions: list[int] = field(default_factory=list)  # character offsets, in order


@cache
def cue_words() -> frozenset[str]:
    """Lemmas that announce a speaker or a source: titles, reporting verbs, "данные", "пресс-служба"."""
    return (
        titles()
        | resources.word_set("reporting_verbs.txt")
        | {"данные", "информация", "сведение", "пресс-служба", "слово"}
    )


@lru_cache(maxsize=50_000)
def speaker_cue(word: str) -> bool:
    """A word that makes NER worth running on its sentence (see annotate.py): a name, an abbreviation,
    a title, a reporting verb or a source word ("данные")."""
    if not (word.isalpha() or "-" in word and any(c.isalpha() for c in word)):
        return False
    if word[0].isupper() and (len(word) > 1 and word.isupper() or name_readings(word)):
        return True
    lower = word.lower()
    if lower not in forms_of(cue_words()):
        return False  # most words: no analysis needed
    found = parses(lower)
    return bool(found) and found[0].normal_form in cue_words()


def is_initial(word: str) -> bool:
    return word.endswith(".") or len(word) == 1


@lru_cache(maxsize=50_000)
def name_readings(word: str) -> Mapping[tuple[str, str], float]:
    """(gender, case) readings of a word as a singular first name, surname or patronymic, weighted by
    pymorphy3's ranking: the likeliest reading 1, the others 0.6. A surname that does not inflect for
    gender ("Сябренко") reads as either gender; a word that does not inflect at all weighs little.
    Cached: the same mapping is returned for the same word, to be read, not changed."""
    readings: dict[tuple[str, str], float] = {}
    for parse in parses(word.lower()):
        if not any(tag in parse.tag for tag in NAME_TAGS) or parse.tag.number != "sing":
            continue
        weight = 0.6 if readings else 1.0
        genders = [str(parse.tag.gender)] if parse.tag.gender in ("masc", "femn") else ["masc", "femn"]
        for gender in genders:
            key = (gender, str(parse.tag.case))
            readings[key] = max(readings.get(key, 0.0), weight)
    if len({case for _, case in readings}) >= 4:  # "Порошенко", "Нэнси": no inflection, no evidence of case
        return dict.fromkeys(readings, 0.3)
    return readings


def name_nominative(
    words: list[str], verb_gender: str | None = None, case_hint: str | None = None
) -> tuple[str, str | None]:
    """A person's name in the nominative, and its gender: "Аиды Балаевой" -> ("Аида Балаева", "femn").

    The gender and case are the reading most words of the name agree on; a verb of the sentence
    ("рассказала") breaks ties, and the nominative wins the rest. Names pymorphy3 does not know
    (many Kazakh ones) are kept as written, unless the context tells the case ("по словам Саймона
    Лаженесса": `case_hint` "gent").
    """
    votes: dict[tuple[str, str], float] = {}
    for n, word in enumerate(words):
        first_name = n == 0 and len(words) > 1  # a first name is known far more often than a surname
        for reading, weight in name_readings(word).items():
            votes[reading] = votes.get(reading, 0.0) + weight * (1.5 if first_name else 1.0)
    particles = name_particles()
    if not votes:
        if case_hint is None:
            return " ".join(words), verb_gender
        gender = verb_gender or "masc"
        return " ".join(w if w in particles else unknown_nominative(w, gender, case_hint) for w in words), gender
    for gender, case in votes:
        # a verb agrees with its subject: it tells the gender of a name in the nominative only
        votes[(gender, case)] += (1.0 * (gender == verb_gender) + 0.25) if case == "nomn" else 0.0
    # A first name of one gender decides ("Нэнси Пелоси" is a woman), unless the verb next to the name says
    # otherwise and the rest of the name agrees with the verb ("Жанар Тулегенова провела").
    first_genders = {gender for gender, _ in name_readings(words[0])} if len(words) > 1 else set()
    verb_agrees = any((verb_gender, "nomn") in name_readings(word) for word in words[1:])
    if len(first_genders) == 1 and (verb_gender in (None, *first_genders) or not verb_agrees):
        votes = {k: v for k, v in votes.items() if k[0] in first_genders} or votes
    gender, case = max(votes, key=lambda reading: votes[reading])
    if case == "nomn":
        return " ".join(words), gender
    return " ".join(w if w in particles else name_word_nominative(w, gender, case) for w in words), gender


@lru_cache(maxsize=20_000)
def name_word_nominative(word: str, gender: str, case: str) -> str:
    """One word of a name in the nominative, given the name's gender and case; cached, since inflecting
    builds a word's whole paradigm and news repeats its names."""
    form = next(
        (
            p.inflect({"nomn"})
            for p in parses(word.lower())
            if any(t in p.tag for t in NAME_TAGS)
            and str(p.tag.gender) in (gender, "None", "GNdr")
            and str(p.tag.case) == case
        ),
        None,
    )
    if form is not None and not is_initial(word):
        return capitalised(str(form.word))
    return unknown_nominative(word, gender, case)


# Case endings of masculine foreign names pymorphy3 does not know: "Лаженесса" -> "Лаженесс".
MASCULINE_ENDINGS = {"gent": ("а", "я"), "accs": ("а", "я"), "datv": ("у", "ю"), "ablt": ("ом", "ем")}


@lru_cache(maxsize=20_000)
def unknown_nominative(word: str, gender: str, case: str) -> str:
    """A name that is no name to pymorphy3 in the nominative: a common noun's or adjective's form when it is
    one ("Каплуна" -> "Каплун", "Курильским" -> "Курильский"), else a masculine foreign name without its
    case ending ("Лаженесса")."""
    if is_initial(word):
        return word
    noun = next(
        (
            p
            for p in parses(word.lower())
            if p.tag.POS in ("NOUN", "ADJF")  # an adjective's form: "Курильским" -> "Курильский"
            and str(p.tag.case) == case
            and str(p.tag.gender) == gender
            and p.tag.number == "sing"
        ),
        None,
    )
    if noun is not None and (form := noun.inflect({"nomn"})) is not None:
        return capitalised(form.word)
    if gender != "masc" or resources.morph().word_is_known(word.lower()):
        return word
    for ending in MASCULINE_ENDINGS.get(case, ()):
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) > 2 and stem[-1].lower() not in "аеёиоуыэюяй":
            return stem
    return word


ADJECTIVE_ENDINGS = ("ый", "ий", "ой")
CASE_ENDINGS = frozenset(["ый", "ий", "ой", "ого", "его", "ому", "ему", "ым", "им", "ом", "ем"])  # a man's


def same_surname(word: str, surname: str) -> bool:
    """Whether a surname alone, in any case, is the given one: "Ахметовой" and "Ахметова", "Лановому" and
    "Лановой"; not "Белов" and "Белый", nor "Вертинской" (a woman's) and "Вертинский"."""
    word, surname = word.lower(), surname.lower()
    if word == surname:
        return True
    if surname.endswith(ADJECTIVE_ENDINGS) and len(surname) > 5:
        stem, ending = surname[:-2], word[len(surname) - 2 :]
        return word.startswith(stem) and ending in CASE_ENDINGS and (ending != "ой" or surname.endswith("ой"))
    stem = surname[:-1] if surname.endswith(("а", "я")) and len(surname) > 4 else surname
    return word.startswith(stem) and len(word) - len(stem) <= 3


def looks_like_name(words: list[str]) -> bool:
    """natasha tags a capitalised "Сварщики" as PER now and then: a name has a name-like or unknown word,
    and its words are capitalised, each part of a hyphenated one too (not "Т-лимфоцитов", "nОтмечается")."""
    particles = name_particles()
    if any(word not in particles and not all(part[:1].isupper() for part in word.split("-") if part) for word in words):
        return False
    for word in words:
        found = parses(word.lower())
        if not found or not resources.morph().word_is_known(word.lower()):
            return True
        if any(any(tag in p.tag for tag in NAME_TAGS) for p in found[:3]):
            return True
    return False


def name_part(ent: Span) -> Span:
    """natasha's PER span without the title, place or transliteration it sometimes takes in:
    "Аким Шымкента Арман Жаксылыков", "Депутат Мажилиса Гульнара Омарова", "Барри Лоуенкрон (Barry ...)"."""
    doc, start = ent.doc, ent.start
    if start >= 2 and apostrophe_inside(doc, start - 1):
        start -= 2  # natasha tagged "Лири" of "О'Лири"
    end = next((t.i for t in ent if t.text == "("), ent.end)
    while end > start + 1 and not doc[end - 1].is_alpha:
        end -= 1
    titled = lemma(doc[start].text) in titles()
    first_name = next(
        (t.i for t in doc[start:end] if is_first_name(t.lower_) and not apostrophe_inside(doc, t.i - 1)), None
    )  # "Лири" of "О'Лири" starts no name
    if first_name is not None and not any(name_readings(t.text) for t in doc[start:first_name]):
        start = first_name  # the words before the first name cannot be part of the name
    particles = sum(t.text in name_particles() for t in doc[start:end])  # "фон дер Ляйен": part of the name
    particles += 2 * sum(apostrophe_inside(doc, t.i) for t in doc[start:end])  # "О'Лири": three tokens, one name
    start = max(start, end - 3 - particles)
    while (
        start < end - 1
        and doc[start].text not in name_particles()
        and not apostrophe_inside(doc, start + 1)
        and not name_readings(doc[start].text)
        and not_a_name(doc[start], end - start - 1)
    ):
        start += 1
    if titled and end - start == 3 and not is_patronymic(doc[start + 1].text):
        start += 1  # after a title, three words with no patronymic: "Аким Шымкента Арман Жаксылыков"
    while start < end - 1 and not (doc[start].is_alpha or doc[start].text.endswith(".")):
        start += 1
    return doc[start:end]


def apostrophe_inside(doc: Doc, i: int) -> bool:
    """Whether token i is an apostrophe written between two words: "О'Лири", "д'Артаньян"."""
    if not 0 < i < len(doc) - 1 or doc[i].text not in APOSTROPHES:
        return False
    return not doc[i - 1].whitespace_ and not doc[i].whitespace_ and doc[i - 1].is_alpha and doc[i + 1].is_alpha


APOSTROPHES = frozenset("'’")


def name_words(named: Span) -> list[str]:
    """The words of a name, initials without their full stop, and "О", "'", "Лири" as one word."""
    words: list[str] = []
    glue = False
    for token in named:
        if token.text == ".":
            continue
        if apostrophe_inside(named.doc, token.i):
            words[-1] += token.text
            glue = True
        elif glue:
            words[-1] += token.text
            glue = False
        else:
            words.append(token.text)
    return words


def capitalised(word: str) -> str:
    """A name's word with each part capitalised: "о’лири" -> "О’Лири", "анна-мария" -> "Анна-Мария"."""
    return re.sub(r"(^|[-'’])(\w)", lambda m: m.group(1) + m.group(2).upper(), word)


def is_patronymic(word: str) -> bool:
    """ "Владимирович", "Сергеевна", "Кайратулы": the middle of a three-part name."""
    lower = word.lower()
    return lower.endswith(("вич", "вна", "ична", "улы", "кызы", "оглы")) or any(
        "Patr" in p.tag for p in parses(lower)[:3]
    )


def is_first_name(word: str) -> bool:
    return any(("Name" in p.tag or "Patr" in p.tag) and p.tag.number == "sing" for p in parses(word)[:2])


def not_a_name(token: Token, words_after: int) -> bool:
    """A title or a place is never part of a name; another known word ("Канат", "Алмаз": Kazakh first
    names that are Russian nouns too) only when two words would still be left."""
    known = resources.morph().word_is_known(token.lower_)
    if (
        lemma(token.text) in titles()
        or known
        and any({"Geox", "Orgn"} & set(p.tag.grammemes) for p in parses(token.lower_)[:2])
    ):
        return True
    return words_after >= 2 and known


@lru_cache(maxsize=50_000)
def verb_gender_of(word: str) -> str | None:
    """ "отчиталась" -> "femn": the past-tense verb tells the speaker's gender (`word` in lower case); a word
    read first as something else is no verb ("с начала года")."""
    found = parses(word)
    if not found or found[0].tag.POS != "VERB":
        return None
    return str(found[0].tag.gender) if found[0].tag.gender in ("masc", "femn") else None


def sentence_verb_gender(ent: Span) -> str | None:
    """The gender of a past-tense verb next to a name ("Мухина рассказала", "— отметила Ахметова"),
    within three words: a verb further away rarely has the name for its subject."""
    sent, words = sentence_of(ent.doc, ent.start), lower_words(ent.doc)
    near = [*range(max(sent.start, ent.start - 3), ent.start), *range(ent.end, min(sent.end, ent.end + 3))]
    near.sort(key=lambda i: min(abs(i - ent.start), abs(i - ent.end)))
    return next((g for i in near if (g := verb_gender_of(words[i]))), None)


def title_before(doc: Doc, ent: Span, outer_start: int | None = None) -> str | None:
    """The title written right before a name ("заместитель министра труда Елена Мухина" ->
    "заместитель министра труда"), or in apposition after it ("Сергей Лаптев, генеральный директор
    компании, заявил"); its first word in the nominative."""
    first = None
    outer_start = ent.start if outer_start is None else outer_start
    words = lower_words(doc)
    name_cases: set[str] | None = None  # the cases the name may be in, found when a role word asks
    for i in range(ent.start - 1, max(sentence_of(doc, ent.start).start, ent.start - 12) - 1, -1):
        token = doc[i]
        if token.is_punct and token.text not in "-«»" or (token.ent_type_ == "PER" and i < outer_start):
            break  # "министр Иван Петров и вице-министр Анна Смирнова": Смирнова's title starts after Петров
        if is_predicate(words[i]) or token.like_num:
            break  # "Министром был назначен Иван Петров": no title phrase runs through a verb or a number
        role = role_parse(words[i])
        if role is None or not (role.normal_form in titles() or person_word(token)):
            continue
        if name_cases is None:  # "Сауле" reads only as "сауле": every word of the name counts
            name_cases = set().union(*(cases_of(words[t.i]) for t in ent if t.is_alpha))
        if name_cases & cases_of(words[i]):
            first = i  # a role is in the name's case: not "сообщил журналистам вице-премьер ..."
    if first is not None and not function_word(doc[ent.start - 1].text):
        return title_text(doc, first, ent.start)  # not "выборщик от", "член на встречу с"
    sent_end = sentence_of(doc, ent.start).end
    if ent.end + 2 < sent_end and doc[ent.end].text == ",":
        start = ent.end + 1
        end = next((t.i for t in doc[start:sent_end] if t.text in ",—–"), None)
        head = next((t.i for t in doc[start : end or start] if lemma(t.text) in titles()), None)
        if end is not None and head is not None and all(best(t.lower_, ADJECTIVE) for t in doc[start:head]):
            return title_text(doc, start, end)
    return None


def cases_of(word: str) -> set[str]:
    """Every case a word may be in; all of them for a word pymorphy3 does not decline or know."""
    found = {str(p.tag.case) for p in parses(word) if p.tag.case}
    if not found or "Fixd" in parses(word)[0].tag or not resources.morph().word_is_known(word):
        return ALL_CASES
    return found


@lru_cache(maxsize=50_000)
def role_parse(word: str) -> Parse | None:
    """The reading of a word that is a title or a profession, if it has one: "аналитика" is
    "аналитик" as well as "аналитика"."""
    found, roles = parses(word), occupations()
    if not found or found[0].tag.POS != "NOUN":
        return None  # "после" is "посол" too, but a preposition first
    return next((p for p in found if p.normal_form in roles and p.tag.POS == "NOUN"), None)


def person_word(token: Token) -> bool:
    """Whether a word names someone: it reads first as an animate noun ("модель" does not), and no noun
    after it in its case makes it an adjective ("к рабочему визиту")."""
    found = parses(token.lower_)
    if not found or found[0].tag.POS != "NOUN" or "anim" not in found[0].tag:
        return False
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if following is None or not following.is_lower or best(following.lower_, NOUN) is None:
        return True
    adjective = {str(p.tag.case) for p in found if p.tag.POS == "ADJF"}
    return not adjective & {str(p.tag.case) for p in parses(following.lower_) if p.tag.POS == "NOUN"}


ALL_CASES = {"nomn", "gent", "datv", "accs", "ablt", "loct", "voct", "gen2", "acc2", "loc2"}


def title_text(doc: Doc, start: int, end: int) -> str:
    """A title's words as written, the adjectives before it kept ("генеральный директор"), its first words
    in the nominative and lower case."""
    while (
        start > sentence_of(doc, start).start
        and doc[start - 1].is_alpha
        and (parse := best(doc[start - 1].lower_, ADJECTIVE))
        and "Apro" not in parse.tag  # not "который"
        and parse.tag.case == (best(doc[start].lower_, NOUN) or parse).tag.case
    ):
        start -= 1
    head = next((n for n, t in enumerate(doc[start:end]) if role_parse(t.lower_) is not None), 0)
    if start + head + 1 < end and doc[start + head + 1].lower_ == "из":
        end = start + head + 1  # "фермер из Рубцовского района"; not "министр по вопросам выхода из ЕС"
    words = [t.text_with_ws for t in doc[start:end]]
    for n in range(head + 1):
        wanted = NOUN if n == head else ADJECTIVE
        parse = (n == head and role_parse(doc[start + n].lower_)) or best(doc[start + n].lower_, wanted)
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
        words = name_words(named)
        if words and looks_like_name(words):
            mentions.append((named, words, [w for w in words if not is_initial(w)], ent.start))
    found: list[Person] = []
    for named, words, full, outer_start in sorted(mentions, key=lambda m: -len(m[2])):
        person = next((p for p in found if same_surname(full[-1], p.name.split()[-1])), None) if full else None
        if person is None and len(full) == 1:  # a first name alone: "Виктор", then "Виктор Понедельник"
            person = next((p for p in found if len(p.name.split()) > 1 and p.name.split()[0] == full[0]), None)
        if person is None and len(full) == 1 and sentence_verb_gender(named) == "masc":
            person = next((p for p in found if p.gender == "masc" and stressed_ending(full[0], p.name)), None)
            if person is not None:  # "Василия Ланового" read as "Лановый", then "Лановой был ..." tells
                person.name = " ".join([*person.name.split()[:-1], full[0]])
        if person is None:
            case_hint = "gent" if genitive_after(doc, named.start) or genitive_noun_before(doc, named.start) else None
            name, gender = name_nominative(words, sentence_verb_gender(named), case_hint)
            person = Person(name, gender)
            found.append(person)
        person.mentions.append(named.start_char)
        person.role = person.role or title_before(doc, named, outer_start)
    for person in found:
        person.mentions.sort()
    return found


def stressed_ending(surname: str, name: str) -> bool:
    """Whether a surname written in "-ой" is the "-ый"/"-ий" one a name was given from an oblique case."""
    last = name.split()[-1]
    return surname.endswith("ой") and last.endswith(("ый", "ий")) and surname[:-2] == last[:-2]


def genitive_noun_before(doc: Doc, i: int) -> bool:
    """ "психолога Саймона Лаженесса", "главы ведомства Паноса Камменоса": a name in apposition to a
    noun in the genitive is in the genitive too."""
    if i == 0 or not doc[i - 1].is_alpha or not doc[i - 1].is_lower:
        return False
    found = parses(doc[i - 1].lower_)
    return bool(found) and found[0].tag.POS == "NOUN" and found[0].tag.case == "gent"
