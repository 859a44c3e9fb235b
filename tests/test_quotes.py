from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from statextract.quotes import find_quotes


def quoted(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotes(text)]


def cues(text: str) -> list[str]:
    return [text[q.cue_start : q.cue_end] for q in find_quotes(text)]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("«Заняты 57 тысяч фермеров», — отметила Ахметова.", ["Заняты 57 тысяч фермеров"]),
        ("Министр заявил: «Мы создали 12 тысяч мест».", ["Мы создали 12 тысяч мест"]),
        ("„Инфляция составит 6–7%“, — заявила глава ЦБ.", ["Инфляция составит 6–7%"]),
        ('"Рост составит 4%", — считает экономист.', ["Рост составит 4%"]),
        ("“Рост составит 4%”, — считает экономист.", ["Рост составит 4%"]),
        ("«Программа „Еңбек“ дала 800 тысяч мест», — сказал он.", ["Программа „Еңбек“ дала 800 тысяч мест"]),
        ("— Заняты 3,3 миллиона человек, — отчиталась вице-премьер.", ["Заняты 3,3 миллиона человек"]),
        ("– Вахта длится 30 дней, – рассказал Лаптев.", ["Вахта длится 30 дней"]),
        ("- Продажи упали на 28%, - пояснил президент.", ["Продажи упали на 28%"]),
        ("— Первое, — сказала она. — Второе.", ["Первое", "Второе."]),
        ("— Сварщики — около 25 тысяч, — заявил аким.", ["Сварщики — около 25 тысяч"]),
    ],
)
def test_quote_forms(text: str, words: list[str]) -> None:
    assert quoted(text) == words


def test_a_quote_runs_over_paragraphs_the_russian_way() -> None:
    text = "«Первый абзац про 5 тысяч.\n«Второй абзац про 7 тысяч», — сказал министр."
    assert quoted(text) == ["Первый абзац про 5 тысяч.\n«Второй абзац про 7 тысяч"]
    assert cues(text)[0].endswith("— сказал министр.")


def test_a_quote_closed_in_the_next_paragraph_without_reopening() -> None:
    text = "«Первый абзац.\nВторой абзац», — заявила Омарова."
    assert quoted(text) == ["Первый абзац.\nВторой абзац"]


@pytest.mark.parametrize(
    "text",
    [
        "«Никогда не закроется\nНовый абзац: 5 тысяч.\nЕщё один.",
        'Один "два три. Без конца\nДальше текст',
        "»« »« «« »",
        "Без знаков препинания и без конца 5 тысяч человек",
        "«" * 50,
        "— — — —",
    ],
)
def test_odd_input_never_swallows_the_document(text: str) -> None:
    for quote in find_quotes(text):
        assert "\n" not in text[quote.start : quote.end] or text[quote.start : quote.end].count("\n") <= 1
        assert quote.end <= len(text) and quote.start <= quote.end


def test_an_unclosed_quote_ends_with_its_paragraph() -> None:
    text = "«Никогда не закроется\nНовый абзац: 5 тысяч."
    assert quoted(text) == ["Никогда не закроется"]


@given(st.text(alphabet='«»„“"”—–- \nабв.,:', max_size=80))
def test_never_raises(text: str) -> None:
    for quote in find_quotes(text):
        assert 0 <= quote.start <= quote.end <= len(text)
