from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from statextract.numerals import TOKEN_RE, parse_digits, tokenize, words_value

DIGITS = [
    ("57 000", 57000.0),
    ("57\u00a0000", 57000.0),
    ("1\u202f200\u202f000", 1200000.0),
    ("1\u2009200", 1200.0),
    ("1 200 000", 1200000.0),
    ("3,3", 3.3),
    ("2.5", 2.5),
    ("0,15", 0.15),
    ("20,000", 20000.0),
    ("2,003", 2.003),
    ("2.300", 2300.0),
    ("20,00", 20.0),
    ("0,125", 0.125),
    ("1,234.5", 1234.5),
    ("1.234,5", 1234.5),
    ("1.200.000", 1200000.0),
    ("20,000,000", 20000000.0),
    ("1/3", 1 / 3),
    ("3/4", 0.75),
    ("½", 0.5),
    ("1½", 1.5),
    ("¼", 0.25),
    ("100", 100.0),
    ("007", 7.0),
]


@pytest.mark.parametrize(("text", "value"), DIGITS, ids=[t for t, _ in DIGITS])
def test_parse_digits(text: str, value: float) -> None:
    assert parse_digits(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["12.03.2025", "1/0", "1.2.3"])
def test_parse_digits_refuses_what_is_no_number(text: str) -> None:
    assert parse_digits(text) is None


def test_a_magnitude_after_keeps_three_decimals() -> None:
    assert parse_digits("1,125", decimal_only=True) == 1.125


WORDS = [
    ("пять", 5),
    ("пяти", 5),
    ("двух тысяч", 2000),
    ("две тысячи", 2000),
    ("двумя тысячами", 2000),
    ("тысяча", 1000),
    ("миллион", 1_000_000),
    ("миллиона", 1_000_000),
    ("трёхсот", 300),
    ("трехсот", 300),
    ("двумястами пятьюдесятью шестью", 256),
    ("двумстам пятидесяти", 250),
    ("двадцать одним миллионом", 21_000_000),
    ("полтора миллиона", 1_500_000),
    ("полутора миллионов", 1_500_000),
    ("полторы тысячи", 1500),
    ("два с половиной", 2.5),
    ("два с половиной миллиона", 2_500_000),
    ("ноль целых пятнадцать сотых", 0.15),
    ("две целых три десятых", 2.3),
    ("одна целая пять десятых", 1.5),
    ("3 миллиона 200 тысяч", 3_200_000),
    ("2 млрд 300 млн", 2_300_000_000),
    ("1,5 тысячи", 1500),
    ("2,2 тыс.", 2200),
    ("8,4 млрд", 8_400_000_000),
    ("4 трлн", 4_000_000_000_000),
    ("сто двадцать пять", 125),
    ("девятьсот девяносто девять тысяч", 999_000),
    ("одиннадцать", 11),
    ("семнадцати", 17),
    ("сорока", 40),
    ("девяноста", 90),
    ("ста", 100),
    ("пятистах", 500),
    ("тысяча двести", 1200),
    ("миллион двести тысяч", 1_200_000),
    ("полмиллиона", 500_000),
    ("полсотни", 50),
    ("четырьмя", 4),
    ("семьюстами", 700),
]


@pytest.mark.parametrize(("text", "value"), WORDS, ids=[t for t, _ in WORDS])
def test_words_value(text: str, value: float) -> None:
    assert words_value(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["пять шесть", "двадцать двадцать", "тысяча тысяч", "сварщики"])
def test_words_value_refuses_what_is_not_one_number(text: str) -> None:
    assert words_value(text) is None


def test_tokens_keep_groups_and_hyphens() -> None:
    assert [t.text for t in tokenize("вице-премьер: 1 200 000 т.")] == [
        "вице-премьер",
        ":",
        "1 200 000",
        "т",
        ".",
    ]


@given(st.text(max_size=60) | st.text(alphabet=" \n\u00a0\u202f.,-–—«»%№/½0123456789абвгЁёAZİ", max_size=60))
def test_tokens_are_token_re_matches(text: str) -> None:
    """`tokenize` reads offsets from the whitespace between tokens: the same tokens as TOKEN_RE finds."""
    expected = [(m.start(), m.end(), m.group(), m.lastgroup) for m in TOKEN_RE.finditer(text)]
    assert [(t.start, t.end, t.text, t.kind) for t in tokenize(text)] == expected
    assert [t.lower for t in tokenize(text)] == [t.text.lower().replace("ё", "е") for t in tokenize(text)]


@given(st.integers(0, 10**12))
def test_grouped_digits_round_trip(n: int) -> None:
    assert parse_digits(f"{n:,}".replace(",", "\u00a0")) == n


@given(st.integers(0, 10**9), st.integers(0, 99))
def test_decimal_comma_round_trip(whole: int, hundredths: int) -> None:
    assert parse_digits(f"{whole},{hundredths:02d}") == pytest.approx(whole + hundredths / 100)


@given(st.text())
def test_never_raises_on_any_text(text: str) -> None:
    parse_digits(text)
    words_value(text)
