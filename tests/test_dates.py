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
        # A wire's dateline, its month cut short; with no year in it or just after it, the date is unknown.
        ("МОСКВА, 3 окт 2024 — РИА Новости. Доходы ...", "2024-10-03"),
        ("МОСКВА, 14 ноября. /ТАСС/. В 2025 году безработица ...", "2025-11-14"),
        ("МОСКВА, 9 янв — РИА Новости. Морозы придут в выходные.", None),
        # A headline's date after a preposition is an event's; so is a day that opens a report.
        ("С 1 октября пенсии вырастут\n\nБИШКЕК, 14 мая 2025 года. Кабинет министров ...", "2025-05-14"),
        ("30 июля в Москве состоялось заседание. В 2009 году цены ...", None),
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
