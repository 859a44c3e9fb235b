"""Organisations a document names, in the nominative: natasha's ORG spans with the words that belong
to their names ("компания «...»", "пресс-служба ...", "... края"), or the noun phrase after a source cue
("по данным Бюро национальной статистики"), and abbreviations spelled out."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from statextract import resources
from statextract.annotate import text_of
from statextract.morphology import ADJECTIVE, NOUN, Parse, best, lemma, parses

QUOTES_OPEN, QUOTES_CLOSE = '«"„“', '»"”'
STOP_POS = frozenset({"PREP", "VERB", "INFN", "CONJ", "PRCL", "ADVB", "GRND", "NUMR"})


def organisation_words() -> frozenset[str]:
    return resources.word_set("organisation_words.txt")


def invariable_names() -> frozenset[str]:
    return resources.word_set("invariable_names.txt")


def place_words() -> frozenset[str]:
    return resources.word_set("place_words.txt")


def genitive_cues() -> frozenset[str]:
    return resources.word_set("genitive_cues.txt")


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
    text = text_of(doc)[words[0].idx : words[-1].idx + len(words[-1])]
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
        elif (
            not quoted
            and (token.is_punct or token.like_num or token.is_space)
            or not quoted
            and words
            and token.lower_ != "и"
            and is_stop_word(token)
        ):
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
        if n and ents[n - 1].label_ == "ORG" and ents[n - 1].end == start and continues_name(doc, ent):
            continue  # the rest of a name begun by the entity before: "ГУ" + "МВД"
        for following in ents[n + 1 :]:  # "Ассоциация автодилеров" + "Казахстана", "ГУ" + "МВД" + "России"
            joined = following.start == end or following.start == end + 1 and doc[end].lower_ == "по"
            if not joined or following.label_ not in ("ORG", "LOC"):
                break  # ... + "по Челябинской области"
            if following.label_ == "ORG" and not continues_name(doc, following):
                break  # "в Твиттере Департамент консульской службы": two names
            end = following.end
        if start >= 2 and doc[start - 1].text in QUOTES_OPEN and lemma(doc[start - 2].text) in organisation_words():
            start -= 2  # компания «Павлодар Авто Сервис»
            while start >= 1 and doc[start - 1].is_lower and best(doc[start - 1].lower_, ADJECTIVE):
                start -= 1
            end = end + 1 if end < len(doc) and doc[end].text in QUOTES_CLOSE else end
        if start >= 1 and lemma(doc[start - 1].text) == "пресс-служба":
            start -= 1
        if end < len(doc) and doc[end].lower_ in place_words():
            end += 1  # "Минсельхоз края"
        end = name_end(doc, start, end)
        found.append((doc[start].idx, nominative_name(list(doc[start:end]), genitive=genitive_after(doc, start))))
    return found


def name_end(doc: Doc, start: int, end: int) -> int:
    """The end of an organisation's name without the abbreviation in brackets or the stray closing quote
    natasha sometimes tags with it: "Фонда Общественное мнение» (ФОМ)" -> "Фонда Общественное мнение"."""
    opening = next((t.i for t in doc[start:end] if t.text == "("), None)
    if opening is not None and opening > start:
        end = opening
    if doc[end - 1].text in QUOTES_CLOSE and not any(t.text in QUOTES_OPEN for t in doc[start : end - 1]):
        end -= 1
    return end


def continues_name(doc: Doc, ent: Span) -> bool:
    """Whether an organisation right after another goes on its name: an abbreviation ("ГУ МВД") or a name
    in the genitive ("Генассамблея ООН", "служба Конгресса США")."""
    first = doc[ent.start]
    if first.text.isupper() and len(first.text) > 1:
        return True
    found = parses(first.lower_)
    return bool(found) and found[0].tag.case == "gent"


def expand_abbreviation(abbreviation: str, names: list[str]) -> str | None:
    """ "БНС" -> "Бюро национальной статистики", when the document spells it out."""
    for name in names:
        initials = "".join(word[0] for word in name.split() if word[0].isalpha() and len(word) > 2)
        if initials.upper() == abbreviation.upper():
            return name
    return None
