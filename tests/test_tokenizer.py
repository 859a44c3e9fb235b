from __future__ import annotations

from functools import cache
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from spacy.language import Language

from statextract.tokenizer import words_and_spaces


def test_tokens_keep_figures_and_hyphenated_words(nlp: Language) -> None:
    doc = nlp.make_doc("Вице-премьер: 57 000 тенге, 3,3 млн., Ан-124\n— да")
    assert [t.text for t in doc] == [
        "Вице-премьер",
        ":",
        "57 000",
        "тенге",
        ",",
        "3,3",
        "млн",
        ".",
        ",",
        "Ан",
        "-",
        "124",
        "\n",
        "—",
        "да",
    ]


@given(st.text(max_size=80))
def test_tokens_cover_the_text_exactly(text: str) -> None:
    words, spaces = words_and_spaces(text)
    assert "".join(w + (" " if s else "") for w, s in zip(words, spaces, strict=True)) == text


@given(st.text(min_size=1, max_size=120) | st.from_regex(r"[А-ЯЁа-яё]{1,12}|[A-Z][a-z]{0,9}|\d{1,6}", fullmatch=True))
def test_lexical_attributes_are_spacys(text: str) -> None:
    """The faster `word_shape` and `like_url` give what spaCy's own give, for any string."""
    from spacy.lang import lex_attrs

    from statextract.tokenizer import like_url, word_shape

    assert word_shape(text) == lex_attrs.word_shape(text)
    assert like_url(text) == lex_attrs.like_url(text)


@cache
def spacys_getters() -> dict[int, Any]:
    import spacy

    return dict(spacy.blank("ru").vocab.lex_attr_getters)


QUOTES_AND_BRACKETS = list("\"'`«»‘’‚‛“”„‟‹›❮❯()[]{}<>") + ["''", "``", "(("]


@given(st.text(min_size=1, max_size=40) | st.sampled_from(QUOTES_AND_BRACKETS))
def test_every_replaced_lexical_attribute_is_spacys(text: str) -> None:
    """Each getter the tokenizer puts in the vocabulary gives what spaCy's own Russian one gives."""
    from statextract.tokenizer import lexical_attributes

    theirs = spacys_getters()
    for attribute, getter in lexical_attributes().items():
        assert getter(text) == theirs[attribute](text), attribute


def test_lexical_attributes_of_real_words(nlp: Language) -> None:
    from spacy.lang import lex_attrs

    doc = nlp.make_doc("Вице-премьер Аида Балаева: 57 000 сварщиков, ООН, COVID-19, сайт gov.kz, 2024 год")
    assert [t.shape_ for t in doc] == [lex_attrs.word_shape(t.text) for t in doc]
    assert [t.like_url for t in doc] == [lex_attrs.like_url(t.text) for t in doc]
    assert [t.shape_ for t in doc][:6] == ["Xxxx-xxxx", "Xxxx", "Xxxxx", ":", "dd ddd", "xxxx"]
