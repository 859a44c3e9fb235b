"""The only module that knows where data files live; each file is read once per process."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

import pymorphy3

DATA = files("statextract") / "data"
MODELS = Path(__file__).resolve().parents[2] / "models"


@cache
def morph() -> pymorphy3.MorphAnalyzer:
    """One pymorphy3 analyser per process: building it costs ~0.3 s and ~15 MB.

    Its tags give grammemes as plain strings ("gent"), not pymorphy3's checked `TypedGrammeme`s, which
    it builds anew, and checks against every grammeme of the attribute, on every `tag.case`."""
    analyzer = pymorphy3.MorphAnalyzer()
    analyzer.TagClass.typed_grammemes = False
    return analyzer


def read_table(name: str) -> list[list[str]]:
    """Rows of a tab-separated file in data/, without `#` comments and blank lines."""
    return read_rows(DATA / name)


def read_rows(path: Path | Traversable) -> list[list[str]]:
    """Rows of a tab-separated file, without `#` comments and blank lines."""
    text = path.read_text(encoding="utf-8")
    lines = (line for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return [row for row in csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)]


def read_lines(name: str) -> list[str]:
    """Entries of a one-per-line data file, without `#` comments and blank lines."""
    return [row[0] for row in read_table(name)]


@cache
def word_set(name: str) -> frozenset[str]:
    """The entries of a one-per-line data file as a set, read once per process."""
    return frozenset(read_lines(name))


def word_forms(word: str) -> set[str]:
    """Every lower-case form of a word written `~lemma` in a data file; the word itself otherwise.

    >>> {"сотня", "сотен", "сотнями"} <= word_forms("~сотня")
    True
    >>> word_forms("млн.")
    {'млн.'}
    """
    if not word.startswith("~"):
        return {word.lower()}
    lemma = word[1:].lower()
    forms = {lemma}
    for parse in morph().parse(lemma):
        if parse.normal_form == lemma.replace("ё", "е") or parse.normal_form == lemma:
            forms.update(form.word.replace("ё", "е") for form in parse.lexeme)
            forms.update(form.word for form in parse.lexeme)
    return forms


def phrase_forms(phrase: str) -> Iterator[tuple[frozenset[str], ...]]:
    """A data phrase as one set of accepted forms per token ("~квадратный ~метр", "кв. м.").

    A final dot is optional, so "тыс." also matches "тыс".
    """
    from statextract.numerals import tokenize

    words: list[str] = []
    for chunk in phrase.split():
        if chunk.startswith("~"):
            words.append(chunk)
        else:
            words.extend(token.lower for token in tokenize(chunk))
    yield tuple(frozenset(word_forms(word)) for word in words)
    if len(words) > 1 and words[-1] == ".":
        yield tuple(frozenset(word_forms(word)) for word in words[:-1])


def model_path(*parts: str) -> Path:
    """A built artefact: inside the installed package (wheel), else in the repository's models/."""
    packaged = Path(str(files("statextract"))) / "models"
    base = packaged if packaged.is_dir() else MODELS
    return base.joinpath(*parts)
