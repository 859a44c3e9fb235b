from __future__ import annotations

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
