from __future__ import annotations

import pytest

from statextract import extract
from statextract.dates import dateline, statement_date


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Астана. 12 марта 2025 года. Заняты 5 человек.", "2025-03-12"),
        ("МОСКВА, 3 апреля 2024 г. – Росстат сообщил ...", "2024-04-03"),
        ("Ташкент. 4 июня. В 2025 году ...", "2025-06-04"),
        ("Без даты вовсе.", None),
        ("31 февраля 2025 года", None),
    ],
)
def test_dateline(text: str, date: str | None) -> None:
    assert dateline(text) == date


def test_relative_words_move_the_statement_date() -> None:
    assert statement_date("2025-05-15", "Вчера бюро сообщило, что безработица 4,6%.") == "2025-05-14"
    assert statement_date("2025-05-15", "Позавчера министр заявил ...") == "2025-05-13"
    assert statement_date("2025-05-15", "Сегодня министр заявил ...") == "2025-05-15"
    assert statement_date(None, "Вчера ...") is None


def test_header_first_then_dateline_then_relative_words() -> None:
    text = "date 2025-05-15\nВчера Минтруд сообщил, что заняты 5 тысяч человек. Зарплата выросла на 9%."
    assert [c.date for c in extract(text)] == ["2025-05-14", "2025-05-15"]
    assert [c.date for c in extract("Астана. 12 марта 2025 года. Заняты 5 тысяч человек.")] == ["2025-03-12"]
    assert [c.date for c in extract("Заняты 5 тысяч человек.", date="2024-01-02")] == ["2024-01-02"]
