"""The spaCy tokenizer: the same tokens the number normaliser reads, so a figure is never split oddly.

Words keep the hyphens between letters ("вице-премьер"; "Ан-124" is a word, a hyphen and a number,
which the normaliser reads as a name), numbers keep their grouping ("57 000") and
decimals ("3,3"), every other character is a token of its own; whitespace other than a single space
after a token becomes a token, as in spaCy's own tokenizer. About twice as fast as spaCy's default.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import spacy
from spacy.attrs import (
    IS_ALPHA,
    IS_ASCII,
    IS_BRACKET,
    IS_DIGIT,
    IS_LEFT_PUNCT,
    IS_LOWER,
    IS_QUOTE,
    IS_RIGHT_PUNCT,
    IS_SPACE,
    IS_TITLE,
    IS_UPPER,
    LIKE_NUM,
    LIKE_URL,
    LOWER,
    PREFIX,
    SHAPE,
    SUFFIX,
)
from spacy.lang import lex_attrs
from spacy.tokens import Doc
from spacy.vocab import Vocab

from statextract.numerals import Token, tokenize

# Keys of `doc.user_data` the tokenizer fills: the text as given, and the normaliser's tokens of it,
# so that no stage joins the text from spaCy's tokens again or tokenizes it a second time.
TEXT = "statextract.text"
NUMERAL_TOKENS = "statextract.numeral_tokens"
WORDS = "statextract.words"  # every token's text, as `[t.text for t in doc]` would give


def words_and_spaces(text: str, tokens: list[Token] | None = None) -> tuple[list[str], list[bool]]:
    """Token texts and whether a space follows each, covering the text exactly.

    >>> words_and_spaces("Заняты 57 000\\n— вице-премьер")
    (['Заняты', '57 000', '\\n', '—', 'вице-премьер'], [True, False, False, True, False])
    """
    words: list[str] = []
    spaces: list[bool] = []
    position = 0
    for token in tokenize(text) if tokens is None else tokens:
        if token.start != position:  # most tokens follow the last one directly or after one space
            if words and token.start == position + 1 and text[position] == " ":
                spaces[-1] = True
            else:
                add_gap(text[position : token.start], words, spaces)
        words.append(token.text)
        spaces.append(False)
        position = token.end
    add_gap(text[position:], words, spaces)
    return words, spaces


def add_gap(gap: str, words: list[str], spaces: list[bool]) -> None:
    if not gap:
        return
    if words and gap[0] == " " and not spaces[-1]:
        spaces[-1] = True
        gap = gap[1:]
    if gap:
        words.append(gap)
        spaces.append(False)


class Tokenizer:
    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        tokens = tokenize(text)
        words, spaces = words_and_spaces(text, tokens)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        doc.user_data[TEXT] = text
        doc.user_data[NUMERAL_TOKENS] = tokens
        doc.user_data[WORDS] = words
        return doc

    def pipe(self, texts: Any, batch_size: int = 1000) -> Any:
        for text in texts:
            yield self(text)

    # Nothing to save: the rules live in numerals.py and its data files.
    def to_disk(self, path: Path, **kwargs: Any) -> None:
        pass

    def from_disk(self, path: Path, **kwargs: Any) -> Tokenizer:
        return self

    def to_bytes(self, **kwargs: Any) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs: Any) -> Tokenizer:
        return self


@cache
def spacy_number_words() -> frozenset[str]:
    from spacy.lang.ru.lex_attrs import _num_words

    return frozenset(_num_words)


def like_num(text: str) -> bool:
    """spaCy's Russian `like_num`, with its number words in a set: spaCy's scans a list of 884 words
    for every new word of the vocabulary, which made up half the cost of building a Doc."""
    text = text[1:] if text.startswith(("+", "-", "±", "~")) else text
    text = text[:-1] if text.endswith("%") else text
    text = text.replace(",", "").replace(".", "")
    if text.isdigit():
        return True
    num, slash, denom = text.partition("/")
    if slash and "/" not in denom and num.isdigit() and denom.isdigit():
        return True
    return text.lower() in spacy_number_words()


def word_shape(text: str) -> str:
    """spaCy's `word_shape` ("Xxxxx", "dd,d"), with the words most text is made of (all lower case,
    capitalised, all digits) shaped without its loop over the characters.

    >>> word_shape("сварщиков"), word_shape("Балаева"), word_shape("2024"), word_shape("Ан-124")
    ('xxxx', 'Xxxxx', 'dddd', 'Xx-ddd')
    """
    if len(text) < 100:
        if text.isalpha():
            if text.islower():
                return "xxxx"[: len(text)]
            if text[0].isupper() and (len(text) == 1 or text[1:].islower()):
                return "X" + "xxxx"[: len(text) - 1]
        elif text.isdigit():
            return "dddd"[: len(text)]
    return lex_attrs.word_shape(text)


def like_url(text: str) -> bool:
    """spaCy's `like_url`, answering at once for a word with no dot, which it could only call no URL
    after a scan of its characters."""
    if "." not in text and not text.startswith(("http://", "https://")):
        return False
    return lex_attrs.like_url(text)


def lexical_attributes() -> dict[int, Callable[[str], Any]]:
    """Getters of the same lexical attributes as spaCy's, each called for every new word of a memory zone:
    the three above, and for spaCy's one-line functions (`string.isalpha()`, `text in quotes` ...) the
    built-in they wrap, which saves a Python call each."""
    from operator import itemgetter

    def among(*strings: str) -> Callable[[str], bool]:
        return frozenset(strings).__contains__

    return {
        LIKE_NUM: like_num,
        SHAPE: word_shape,
        LIKE_URL: like_url,
        LOWER: str.lower,
        PREFIX: itemgetter(0),
        SUFFIX: itemgetter(slice(-3, None)),
        IS_ALPHA: str.isalpha,
        IS_DIGIT: str.isdigit,
        IS_LOWER: str.islower,
        IS_SPACE: str.isspace,
        IS_TITLE: str.istitle,
        IS_UPPER: str.isupper,
        IS_ASCII: str.isascii,
        IS_BRACKET: among(*"()[]{}<>"),
        IS_QUOTE: among(*"\"'`«»‘’‚‛“”„‟‹›❮❯", "''", "``"),
        IS_LEFT_PUNCT: among(*"([{<\"'«‘‚‛“„‟‹❮", "``"),
        IS_RIGHT_PUNCT: among(*")]}>\"'»’”›❯", "''"),
    }


@spacy.registry.tokenizers("statextract.tokenizer.v1")
def create_tokenizer() -> Callable[[Any], Tokenizer]:
    def make(nlp: Any) -> Tokenizer:
        nlp.vocab.lex_attr_getters.update(lexical_attributes())
        return Tokenizer(nlp.vocab)

    return make
