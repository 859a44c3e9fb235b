"""pymorphy3 behind a cache: word analyses, and noun phrases put into the nominative with agreement kept."""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any

from statextract import resources

Parse = Any  # pymorphy3.analyzer.Parse


@lru_cache(maxsize=50_000)
def parses(word: str) -> tuple[Parse, ...]:
    """All analyses of a word form, most likely first; cached, since news repeats its words. None for a
    word pymorphy3 cannot look at: its shape check asks every letter's Unicode name, and some letters
    have none ("𗀀")."""
    try:
        return tuple(resources.morph().parse(word))
    except ValueError:
        return ()


def may_be_animate_noun(word: str) -> bool:
    """Whether some analysis of a word is an animate noun, from pymorphy3's tags alone: half the cost of
    full analyses (no normal forms built), for a test most words of a text fail."""
    try:
        return any(tag.POS == "NOUN" and "anim" in tag for tag in resources.morph().tag(word))
    except ValueError:  # a letter with no Unicode name, as in `parses`
        return False


@lru_cache(maxsize=100_000)
def best(word: str, pos: frozenset[str] | None = None, case: frozenset[str] | None = None) -> Parse | None:
    """The likeliest analysis with one of the parts of speech and cases asked for, if any."""
    for parse in parses(word):
        if pos is not None and parse.tag.POS not in pos:
            continue
        if case is not None and parse.tag.case not in case:
            continue
        return parse
    return None


def lemma(word: str) -> str:
    """The likeliest lemma of a word form.

    >>> lemma("сварщиков")
    'сварщик'
    """
    found = parses(word.lower())
    return found[0].normal_form if found else word.lower()


@cache
def forms_of(lemmas: frozenset[str]) -> frozenset[str]:
    """Every inflected form of some lemmas, with "ё" and with "е": a word outside it has none of them for
    its lemma, which is cheaper to tell than to analyse the word."""
    forms: set[str] = set()
    for wanted in lemmas:
        for parse in resources.morph().parse(wanted):
            if parse.normal_form.replace("ё", "е") == wanted.replace("ё", "е"):
                forms.update(form.word for form in parse.lexeme)
    return frozenset(forms | {form.replace("ё", "е") for form in forms})


@lru_cache(maxsize=50_000)
def is_predicate(word: str) -> bool:
    """Whether a word (in lower case) is read first as a verb, an infinitive, a short participle or a gerund."""
    found = parses(word)
    return bool(found) and found[0].tag.POS in ("VERB", "INFN", "PRTS", "GRND")


def function_word(word: str) -> bool:
    """Whether a word is read first as a pronoun, preposition, conjunction, particle or adverb: no name."""
    found = parses(word.lower())
    return bool(found) and found[0].tag.POS in FUNCTION_WORDS


FUNCTION_WORDS = frozenset({"PREP", "CONJ", "PRCL", "INTJ", "NPRO", "ADVB", "COMP", "PRED"})
NOUN = frozenset({"NOUN"})
NAME_TAGS = ("Name", "Surn", "Patr")  # pymorphy3's first name, surname and patronymic grammemes
ADJECTIVE = frozenset({"ADJF", "PRTF"})


def nominative(words: list[str], head: int) -> str:
    """A noun phrase in the nominative singular, its adjectives agreeing with the head.

    Words after the head (genitive complements) stay as written.

    >>> nominative(["технических", "специальностей"], 1)
    'техническая специальность'
    >>> nominative(["специалистов", "автосферы"], 0)
    'специалист автосферы'
    """
    head_parse = best(words[head].lower(), NOUN)
    if head_parse is None:
        return " ".join(w.lower() for w in words)
    plural_only = "Pltm" in head_parse.tag
    number = "plur" if plural_only else "sing"
    head_form = head_parse.inflect({"nomn", number})
    out = []
    for i, word in enumerate(words):
        if i < head:
            parse = best(word.lower(), ADJECTIVE)
            grammemes = {"nomn", number} | (
                {head_parse.tag.gender} if number == "sing" and head_parse.tag.gender else set()
            )
            form = parse.inflect(grammemes) if parse is not None else None
            out.append(form.word if form is not None else word.lower())
        elif i == head:
            out.append(head_form.word if head_form is not None else head_parse.normal_form)
        else:
            out.append(word.lower())
    return " ".join(out)
