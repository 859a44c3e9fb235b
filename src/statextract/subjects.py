"""Stage 2: what each quantity counts or measures (`span._.subject`, `span._.subject_text`).

Rules over pymorphy3 analyses, tried in order: the noun phrase after the figure ("57 тысяч фермеров"),
the phrase before a dash or colon ("сварщики — около 25 тысяч"), the group a pronoun stands for
("фермеры ..., их порядка 57 тысяч"), and the subject of the clause ("зарплата выросла на 9%").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from statextract import resources
from statextract.annotate import lower_words, sentence_of, text_of
from statextract.morphology import ADJECTIVE, NOUN, Parse, best, lemma, nominative, parses
from statextract.quotes import OPENING
from statextract.records import register_extensions

PHRASE_POS = frozenset({"NOUN", "ADJF", "PRTF"})
DASHES = frozenset({"—", "–", "-", ":"})
PRONOUNS = frozenset({"их", "они"})
CONJUNCTIONS = frozenset({"и", "или"})


@dataclass(frozen=True, slots=True)
class NounPhrase:
    """A noun phrase at text_of(doc)[start:end]; `normal` is its nominative singular ("техническая специальность")."""

    start: int
    end: int
    normal: str
    head_lemma: str
    complements: tuple[str, ...]  # lemmas of the genitive nouns after the head ("учитель" in "вакансии учителей")
    cases: frozenset[str] = frozenset()  # the cases the head may be in
    joiner: str = ""  # what joins it to the phrase before: "и", "," or "" for the first


@cache
def subject_words() -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {}
    for word, kind in resources.read_table("subject_words.tsv"):
        table.setdefault(kind, set()).add(word)
    return {kind: frozenset(words) for kind, words in table.items()}


FUNCTION_POS = frozenset({"PREP", "CONJ", "PRCL", "INTJ", "NPRO", "ADVB", "PRED", "NUMR", "COMP"})
PREDICATE_POS = frozenset({"VERB", "INFN", "PRTS", "ADJS"})


def word_parse(token: Token, pos: frozenset[str] = PHRASE_POS) -> Parse | None:
    """The likeliest analysis of a word token among the parts of speech asked for.

    Function words ("в", "и", "с") and names mid-sentence are never part of a counted group.
    """
    if not token.is_alpha and "-" not in token.text:
        return None
    acronym = token.text[:2].isupper()  # "IT-специалистов"
    if acronym and token.i + 2 < len(token.doc) and token.nbor(1).text == "-" and token.nbor(2).like_num:
        return None  # "АИ-95", "Ту-214": a model's name
    if (
        token.text[0].isupper()
        and not acronym
        and token.i > sentence_of(token.doc, token.i).start
        and (token.nbor(-1).is_alpha or quoted_name(token))
    ):
        return None  # a name mid-sentence, or in quotes: «Зенит», «Сила Сибири»
    found = parses(token.lower_)
    if not found or found[0].tag.POS in FUNCTION_POS or len(token.text) < 2 or predicate(found[0]):
        return None
    return best(token.lower_, pos)


def predicate(parse: Parse) -> bool:
    """Whether a word's likeliest reading is a predicate that no noun reading of it should replace:
    "готов" is no "гот", "были" no "быль" ("стали", though, is as often "сталь" after "тонн")."""
    return parse.tag.POS in ("ADJS", "PRTS", "GRND", "INFN") or parse.normal_form == "быть"


def quoted_name(token: Token) -> bool:
    """Whether a capitalised word opens a quoted name of at most three words: «Сила Сибири», not a quote."""
    if token.nbor(-1).text not in OPENING:
        return False
    return any(t.text in '»“"' for t in token.doc[token.i + 1 : token.i + 4])


def read_phrase(tokens: Sequence[Token], i: int) -> tuple[NounPhrase, int] | None:
    """The noun phrase starting at tokens[i] (determiners skipped), and the index after it."""
    words = subject_words()
    while i < len(tokens) and (parse := word_parse(tokens[i])) and parse.normal_form in words["determiner"]:
        i += 1
    j = i
    if j + 1 < len(tokens) and is_adverb(tokens[j]) and word_parse(tokens[j + 1], ADJECTIVE) is not None:
        j += 1  # "самостоятельно занятых"
    while j < len(tokens) and (parse := word_parse(tokens[j])) is not None:
        following = word_parse(tokens[j + 1]) if j + 1 < len(tokens) else None
        if following is None:
            break
        if not adjective_first(tokens[j]) and not (
            word_parse(tokens[j + 1], NOUN) and agrees(tokens[j], tokens[j + 1])
        ):
            break
        j += 1  # an adjective or participle before its noun ("посевная площадь": a noun too, but it agrees)
    if j >= len(tokens) or word_parse(tokens[j]) is None:
        return None
    head = j
    head_parse = best(tokens[head].lower_, NOUN) or best(tokens[head].lower_, ADJECTIVE)
    if head_parse is None or head_parse.normal_form in words["stop"]:
        return None
    if head_parse.tag.POS != "NOUN" and head_parse.tag.number != "plur" and "Subx" not in head_parse.tag:
        return None  # an adjective stands for people in the plural ("занятых"), not "останется прежним"
    j += 1
    complements: list[str] = []
    while j < len(tokens) and (parse := word_parse(tokens[j])) is not None and genitive(tokens[j]):
        if parse.tag.POS == "NOUN":
            complements.append(parse.normal_form)
        j += 1
        joined = j + 1 < len(tokens) and (tokens[j].lower_ in CONJUNCTIONS or tokens[j].text == ",")
        if joined and complements and genitive(tokens[j + 1]) and word_parse(tokens[j + 1]) is not None:
            j += 1  # "зарплата токарей, фрезеровщиков и наладчиков": the complement is a list
    j = proper_name_end(tokens, j)  # "доходы бюджета России", "цена Urals", "операторов ЧПУ"
    phrase_words = [t.text for t in tokens[i : head + 1]]
    complements_text = tokens[head].whitespace_ + written_lower(tokens[head + 1 : j]) if j > head + 1 else ""
    if head_parse.tag.POS == "NOUN":
        normal = nominative(phrase_words, head - i) + complements_text
    else:  # a substantivised adjective or participle: "занятых" -> "занятый"
        head_parse = best(tokens[head].lower_, frozenset({"PRTF"})) or head_parse
        form = head_parse.inflect({"nomn", "sing", "masc"}) or head_parse
        normal = form.word + complements_text
        normal = nominative(phrase_words[: head - i], 0) + " " + normal if head > i else normal
    cases = frozenset(str(p.tag.case) for p in parses(tokens[head].lower_)[:3] if p.tag.POS in PHRASE_POS)
    phrase = NounPhrase(
        tokens[i].idx,
        tokens[j - 1].idx + len(tokens[j - 1]),
        normal,
        head_parse.normal_form,
        tuple(complements),
        cases,
    )
    return phrase, j


def is_adverb(token: Token) -> bool:
    found = parses(token.lower_)
    return bool(found) and found[0].tag.POS == "ADVB"


def adjective_first(token: Token) -> bool:
    """Whether an adjective reading is the likelier one ("рабочих" before "профессий")."""
    found = parses(token.lower_)
    return bool(found) and found[0].tag.POS in ADJECTIVE


def written_lower(tokens: Sequence[Token]) -> str:
    """Tokens as written, in lower case but for names and abbreviations ("бюджета России", "АПК")."""
    return "".join((t.text if t.text[:1].isupper() else t.lower_) + t.whitespace_ for t in tokens).rstrip()


def proper_name_end(tokens: Sequence[Token], j: int) -> int:
    """The end of the name in the genitive, an abbreviation or a name in Latin letters that starts at
    tokens[j] and says whose or which ("бюджета России", "господдержка АПК", "цена Urals", "акции Nord
    Stream", "судья Верховного суда", "штата Южная Каролина" is no genitive); j if none does."""
    if j >= len(tokens) or not is_name_word(tokens[j]):
        return j
    latin = tokens[j].text.isascii()
    while j < len(tokens) and is_name_word(tokens[j]) and tokens[j].text.isascii() == latin:
        adjective = not latin and best(tokens[j].lower_, ADJECTIVE) is not None and best(tokens[j].lower_, NOUN) is None
        j += 1
        if adjective and j < len(tokens) and tokens[j].is_alpha and genitive(tokens[j]):
            j += 1  # "Верховного суда", "Европейской комиссии": the noun the name's adjective goes with
    return j


def is_name_word(token: Token) -> bool:
    """A capitalised word of a name: in Latin letters, an abbreviation, or a word pymorphy3 knows read
    first in the genitive ("России", "Верховного")."""
    text = token.text
    if len(text) < 2 or not text[0].isupper() or not token.is_alpha:
        return False
    if text.isascii() or text.isupper():
        return True
    found = parses(token.lower_)
    return bool(found) and found[0].tag.case == "gent" and resources.morph().word_is_known(token.lower_)


def genitive(token: Token) -> bool:
    return any(p.tag.case == "gent" and p.tag.POS in PHRASE_POS for p in parses(token.lower_)[:2])


def read_phrases(tokens: Sequence[Token], i: int) -> list[NounPhrase]:
    """Coordinated noun phrases from tokens[i]: "слесари и специалисты автосферы", "механиков, диагностов и маляров"."""
    found = read_phrase(tokens, i)
    phrases: list[NounPhrase] = []
    while found is not None:
        phrase, j = found
        phrases.append(phrase)
        found = None
        if j + 1 < len(tokens) and (tokens[j].lower_ in CONJUNCTIONS or tokens[j].text == ","):
            following = read_phrase(tokens, j + 1)
            if following is not None and following[0].cases & phrase.cases:  # coordinated phrases share a case
                found = replace(following[0], joiner=tokens[j].lower_), following[1]
    return unwrap_containers(tokens, phrases)


def unwrap_containers(tokens: Sequence[Token], phrases: list[NounPhrase]) -> list[NounPhrase]:
    """ "число занятых" counts the employed: a container noun gives way to its complement."""
    if len(phrases) != 1 or phrases[0].head_lemma not in subject_words()["container"]:
        return phrases
    phrase = phrases[0]
    following = next((n for n, t in enumerate(tokens) if t.idx > phrase.start), None)
    inner = read_phrase(tokens, following) if following is not None else None
    return [inner[0]] if inner is not None else phrases


def find_subject(doc: Doc, span: Span, covered: set[int]) -> list[NounPhrase]:
    """The phrases a quantity counts, by the first rule that finds any; `covered`: tokens of quantities."""
    sent = sentence_of(doc, span.start)
    quantity = span._.quantity
    after = []
    for token in doc[span.end : sent.end]:
        if token.i in covered:
            break  # the next figure counts its own group
        after.append(token)
    time_span = quantity.unit in TIME_UNITS  # "за три года зарплаты выросли": a span counts no group after it
    if after and after[0].lower_ in subject_words()["people"]:
        first = after[0]  # "5,6 тыс. чел."
        return [NounPhrase(first.idx, first.idx + len(first), "человек", "человек", (), frozenset({"gent"}))]
    if after and not time_span and (phrases := read_phrases(after, 0)) and counted_case(phrases[0], quantity.value):
        if phrases[0].head_lemma == "человек" and (inner := container_before(doc, span)):
            return inner  # "число занятых выросло на 900 тысяч человек"
        return phrases
    if len(after) > 1 and after[0].text in DASHES and (phrases := read_phrases(after, 1)) and nominative_case(phrases):
        return phrases  # "из них 4,4 млн — наёмные работники"
    sentence_before = without_adverbials(list(doc[sent.start : span.start]))
    before = cut_at_quantity(sentence_before, covered)
    if before and before[-1].text in DASHES:
        return phrase_ending_at(before[:-1]) or clause_subject(before[:-1])
    if any(t.lower_ in PRONOUNS for t in before[-3:]) and (group := group_before(doc, span)):
        return group  # "их не хватает почти 1 800", "их работает около 41 тысячи"
    if before and (phrases := noun_before(before)):
        return phrases  # "на площади 118 тысяч гектаров", "получают единовременную выплату от 1 до 2 млн"
    if len(before) > 1 and before[-1].lower_ in ("на", "в") and (phrases := noun_before(before[:-1])):
        return phrases  # "увеличил выручку на 18%", "повысить зарплаты на 25%"
    if not in_predicate(sentence_before, covered) or (
        time_span and not (before and before[-1].lower_.startswith("состав"))
    ):
        return []
    return clause_subject(sentence_before, covered)


def without_adverbials(tokens: list[Token]) -> list[Token]:
    """The tokens (a stretch of one document) without the adverbial phrases that stand between a subject
    and its figure ("зарплата составляет в среднем 98 тыс.", "цены снизились в среднем на 0,04%")."""
    if not tokens:
        return tokens
    words, offset, starts = lower_words(tokens[0].doc), tokens[0].i, adverbials()
    if starts.keys().isdisjoint(words[offset : offset + len(tokens)]):
        return tokens  # most sentences have none: one set operation tells
    kept: list[Token] = []
    for n, token in enumerate(tokens):
        at = offset + n
        phrase = next((p for p in starts.get(words[at], ()) if tuple(words[at - len(p) + 1 : at + 1]) == p), ())
        if phrase and n + 1 >= len(phrase):
            del kept[len(kept) - len(phrase) + 1 :]  # the phrase's words before its last
        else:
            kept.append(token)
    return kept


@cache
def adverbials() -> dict[str, tuple[tuple[str, ...], ...]]:
    """The adverbial phrases of data/subject_words.tsv by their last word ("среднем" of "в среднем"),
    which is rarer in text than their first."""
    by_last: dict[str, list[tuple[str, ...]]] = {}
    for phrase in subject_words()["adverbial"]:
        words = tuple(phrase.split())
        by_last.setdefault(words[-1], []).append(words)
    return {last: tuple(phrases) for last, phrases in by_last.items()}


def is_head_noun(token: Token, covered: frozenset[int] | set[int]) -> bool:
    """Whether a word may head a genitive complement after it: a noun, not a figure or a "году"."""
    parse = word_parse(token, NOUN)
    return (
        parse is not None
        and token.i not in covered
        and not adjective_first(token)
        and parse.normal_form not in subject_words()["stop"]
    )


def agrees(adjective: Token, noun: Token) -> bool:
    """Whether a word may be an adjective agreeing with a noun in case and number."""
    noun_forms = {(str(p.tag.case), str(p.tag.number)) for p in parses(noun.lower_) if p.tag.POS == "NOUN"}
    return word_parse(adjective, ADJECTIVE) is not None and any(
        (str(p.tag.case), str(p.tag.number)) in noun_forms for p in parses(adjective.lower_) if p.tag.POS in ADJECTIVE
    )


def same_form(first: Token, second: Token) -> bool:
    """Whether two nouns may stand in the same case and number (coordinated: "электриков и электромонтёров")."""
    forms = {(str(p.tag.case), str(p.tag.number)) for p in parses(second.lower_) if p.tag.POS == "NOUN"}
    return word_parse(first, NOUN) is not None and any(
        (str(p.tag.case), str(p.tag.number)) in forms for p in parses(first.lower_) if p.tag.POS == "NOUN"
    )


def may_be_nominative(token: Token) -> bool:
    """Whether a noun may be in the nominative ("зарплаты" is a genitive singular or a nominative plural)."""
    return any(p.tag.POS == "NOUN" and p.tag.case == "nomn" for p in parses(token.lower_))


def nominative_case(phrases: Sequence[NounPhrase]) -> bool:
    return "nomn" in phrases[0].cases


def noun_before(before: Sequence[Token]) -> list[NounPhrase]:
    """The noun right before a figure, whatever its case: "стоимостью $1,2 млрд", "со стажем менее пяти лет".

    A frame noun ("в размере", "на сумму") gives way to the phrase before it ("выплату в размере ...").
    """
    if not before:
        return []
    last = before[-1]
    parse = word_parse(last, NOUN)
    if parse is None or parse.normal_form in subject_words()["stop"]:
        return []
    if parse.normal_form in subject_words()["frame"]:
        rest = list(before[:-1])
        if rest and best(rest[-1].lower_, PREPOSITION):
            rest.pop()
        return noun_before(rest)
    m = phrase_start(before, len(before) - 1)
    end = last.idx + len(last)
    for start in genitive_chain_heads(before, m):  # "выручку компании на 18%", "зарплаты кассиров и ... на 22%"
        phrases = read_phrases(before, start)
        if phrases and phrases[-1].end == end:
            return phrases
    phrases = read_phrases(before, m)
    return phrases if phrases and phrases[-1].end == end else []


def phrase_start(tokens: Sequence[Token], n: int) -> int:
    """Where the noun phrase ending in the noun at tokens[n] starts: back over the adjectives before it."""
    while n > 0 and word_parse(tokens[n - 1], ADJECTIVE) is not None and adjective_first(tokens[n - 1]):
        n -= 1
    return n


def genitive_chain_heads(before: Sequence[Token], m: int) -> list[int]:
    """Where a phrase may start that a genitive noun at before[m] completes, earliest first: the noun before
    a chain of genitives, commas and "и" ending at m, if it is the clause's subject or object, or the
    chain's first genitive."""
    if not genitive(before[m]):
        return []
    k = m
    while k > 0 and (
        before[k - 1].text == ","
        or before[k - 1].lower_ in CONJUNCTIONS
        or word_parse(before[k - 1]) is not None
        and genitive(before[k - 1])
    ):
        k -= 1
    while k < m and not (word_parse(before[k]) is not None and genitive(before[k])):
        k += 1  # the chain starts with a word, not a comma
    starts = [k] if k < m else []
    head_parse = word_parse(before[k - 1], NOUN) if k > 0 else None
    if head_parse is not None and head_parse.tag.case in ("nomn", "accs"):  # not "дорогам штрафа"
        starts.insert(0, phrase_start(before, k - 1))
    return starts


TIME_UNITS = frozenset({"год", "месяц", "неделя", "день", "сутки", "час", "минута"})


def in_predicate(before: Sequence[Token], covered: set[int]) -> bool:
    """Whether a figure stands in a predicate ("составила 412 тысяч", "выросла за год на 9%",
    "вклад — 25 млрд", "выросла на 21%, до 48,5 тыс."), where the clause's subject is what it measures.
    Figures before it and commas next to them do not end the search."""
    words = [t for t in before if t.i not in covered]
    for token in reversed(words[-6:]):
        if token.text == "," and token.i - 1 in covered:
            continue
        if token.is_punct and token.text not in DASHES:
            return False
        if token.text in DASHES:
            return True
        found = parses(token.lower_)
        if found and found[0].tag.POS in PREDICATE_POS:
            return True
    return False


def counted_case(phrase: NounPhrase, value: float | None) -> bool:
    """What a figure counts follows it in the genitive ("57 тысяч фермеров"), in the case of an oblique
    numeral ("двумстам работникам"), or in the nominative after a number ending in one ("21 сварщик");
    "пять лет число занятых" is not such a phrase."""
    if phrase.cases & {"gent", "datv", "ablt", "loct"}:
        return True  # "57 тысяч фермеров", "по 12 рабочим специальностям", "в восьми районах"
    return value is not None and value == int(value) and int(value) % 10 == 1 and int(value) % 100 != 11


def cut_at_quantity(tokens: Sequence[Token], covered: set[int]) -> list[Token]:
    """The tokens after the last figure among them."""
    for n in range(len(tokens) - 1, -1, -1):
        if tokens[n].i in covered:
            return list(tokens[n + 1 :])
    return list(tokens)


def phrase_ending_at(tokens: Sequence[Token]) -> list[NounPhrase]:
    """The noun phrases that end right before a dash: "из них сварщиков — около 2 тысяч" -> сварщик."""
    start = len(tokens)
    while start > 0 and (
        word_parse(tokens[start - 1]) is not None
        or tokens[start - 1].lower_ in CONJUNCTIONS
        or tokens[start - 1].text == ","
    ):
        start -= 1
    while start < len(tokens) and (tokens[start].lower_ in CONJUNCTIONS or tokens[start].text == ","):
        start += 1
    if start >= len(tokens):
        return []
    if start > 0 and best(tokens[start - 1].lower_, PREPOSITION):
        return []  # "зарплаты в сервисах — 150 тысяч": a place, not what is measured
    phrases = read_phrases(tokens, start)
    last = tokens[-1]
    return phrases if phrases and phrases[-1].end == last.idx + len(last) else []


def container_before(doc: Doc, span: Span) -> list[NounPhrase]:
    """ "число занятых", "численность безработных" earlier in the sentence, as the group it stands for."""
    tokens = list(doc[sentence_of(doc, span.start).start : span.start])
    for n, token in enumerate(tokens):
        parse = word_parse(token, NOUN)
        if parse is not None and parse.normal_form in subject_words()["container"]:
            inner = read_phrase(tokens, n + 1)
            if inner is not None:
                return [inner[0]]
    return []


def clause_start(tokens: Sequence[Token]) -> int:
    for n in range(len(tokens) - 1, -1, -1):
        if tokens[n].is_punct and tokens[n].text not in "-":
            return n + 1
    return 0


def group_before(doc: Doc, span: Span) -> list[NounPhrase]:
    """The plural nominative group a pronoun points back to: nearest first, in this sentence or the one before."""
    sent = sentence_of(doc, span.start)
    start = sentence_of(doc, sent.start - 1).start if sent.start > 0 else sent.start
    tokens = list(doc[start : span.start])
    for n in range(len(tokens) - 1, -1, -1):
        parse = word_parse(tokens[n], NOUN)
        plural = parse is not None and parse.tag.number == "plur" and parse.normal_form not in subject_words()["stop"]
        if plural and tokens[n].lower_ not in PRONOUNS:  # "фермерам ..., их порядка 170 тысяч"
            return read_phrases(tokens, phrase_start(tokens, n))
    return []


def clause_subject(before: Sequence[Token], covered: frozenset[int] | set[int] = frozenset()) -> list[NounPhrase]:
    """The nearest nominative noun phrase before the figure in its sentence, outside prepositional phrases
    and source cues: "Реальная зарплата, по данным бюро, увеличилась на 2,9%" -> "реальная зарплата"."""
    tokens = list(before)
    lack = any(lemma(t.lower_) in subject_words()["lack"] for t in tokens)  # "слесарей не хватает 16 тысяч"
    for n in range(len(tokens) - 1, -1, -1):
        if tokens[n].i in covered:
            continue
        parse = word_parse(tokens[n], NOUN)
        if parse is None or parse.normal_form in subject_words()["stop"]:
            continue
        if not may_be_nominative(tokens[n]) and not (lack and genitive(tokens[n])):
            continue
        m = n
        while m > 0 and agrees(tokens[m - 1], tokens[n]):
            m -= 1  # "посевная площадь": an adjective that agrees with the noun, even one that is a noun too
        while (
            m > 1
            and (tokens[m - 1].lower_ in CONJUNCTIONS or tokens[m - 1].text == ",")
            and same_form(tokens[m - 2], tokens[n])
        ):
            m -= 2  # "электриков и электромонтёров не хватает"
        previous = tokens[m - 1] if m > 0 else None
        if previous is not None and (best(previous.lower_, PREPOSITION) or previous.lower_ in CUE_WORDS):
            continue  # "в обрабатывающей промышленности", "по данным бюро": a place or a source
        if m == n and previous is not None and genitive(tokens[n]) and is_head_noun(previous, covered):
            continue  # "добыча нефти", "уровень безработицы": a complement; its head comes before it
        if tokens[n].text[0].isupper() and any(
            "Surn" in p.tag or "Name" in p.tag for p in parses(tokens[n].lower_)[:2]
        ):
            continue  # "Котяков также напомнил": a name, not what is measured
        return read_phrases(tokens, m)
    return []


PREPOSITION = frozenset({"PREP"})
CUE_WORDS = frozenset({"данным", "словам", "информации", "сведениям", "оценке", "оценкам", "мнению"})


def join_phrases(phrases: Sequence[NounPhrase]) -> str:
    """ "механик, диагност и маляр": normal forms joined as the text joins them."""
    parts = [phrases[0].normal]
    for phrase in phrases[1:]:
        parts.append(f", {phrase.normal}" if phrase.joiner == "," else f" {phrase.joiner} {phrase.normal}")
    return "".join(parts)


class Subjects:
    """The `subjects` component: `span._.subject`, `span._.subject_text` and `span._.subject_phrases`."""

    def __init__(self, name: str = "subjects", *, spans_key: str = "quantities") -> None:
        self.name = name
        self.spans_key = spans_key
        register_extensions()
        if not Span.has_extension("subject_phrases"):
            Span.set_extension("subject_phrases", default=())

    def __call__(self, doc: Doc) -> Doc:
        spans = doc.spans.get(self.spans_key, [])
        covered = {i for span in spans for i in range(span.start, span.end)}
        for span in spans:
            phrases = find_subject(doc, span, covered)
            span._.subject_phrases = tuple(phrases)
            if phrases:
                span._.subject = join_phrases(phrases)
                span._.subject_text = text_of(doc)[phrases[0].start : phrases[-1].end]
        return doc


@Language.factory(
    "statextract_subjects",
    requires=["doc.spans", "token.is_sent_start"],
    assigns=["span._.subject", "span._.subject_text", "span._.subject_phrases"],
    default_config={"spans_key": "quantities"},
)
def make_subjects(nlp: Language, name: str, spans_key: str) -> Subjects:
    return Subjects(name, spans_key=spans_key)
