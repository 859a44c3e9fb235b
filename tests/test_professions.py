from __future__ import annotations

import pytest
from spacy.language import Language

from statextract.professions import lexicon, names

MENTIONS = [
    (
        "Нужны операторы машинного доения и врачи-терапевты.",
        [("операторы машинного доения", "оператор машинного доения"), ("врачи-терапевты", "врач-терапевт")],
    ),
    ("Слесари и сварщики получат надбавки.", [("Слесари", "слесарь"), ("сварщики", "сварщик")]),
    (
        "На заводе работают электрогазосварщиком и аграриями.",
        [("электрогазосварщиком", "электрогазосварщик"), ("аграриями", "аграрий")],
    ),
    ("Специалисты, сотрудники и работники ждут решения.", []),
    ("По данным Бюро национальной статистики, рост 5%.", []),
]


@pytest.mark.parametrize(("text", "expected"), MENTIONS, ids=[m[0] for m in MENTIONS])
def test_mentions(nlp: Language, text: str, expected: list[tuple[str, str]]) -> None:
    doc = nlp(text)
    assert [(s.text, s._.profession) for s in doc.spans["professions"]] == expected


CLAIMS = [
    ("Сварщиков — около 25 тысяч.", "около 25 тысяч", ["сварщик"]),
    ("Слесари и специалисты автосферы — порядка 16 тысяч.", "порядка 16 тысяч", ["слесарь", "специалист автосферы"]),
    ("Открыто 1 200 вакансий учителей.", "1 200", ["учитель"]),
    ("Зарплата врачей и медсестёр выросла на 11%.", "11%", ["врач", "медсестра"]),
    ("В больницах работают 3 тысячи медицинских работников.", "3 тысячи", ["медицинский работник"]),
    ("На заводе работают 5 тысяч молодых специалистов.", "5 тысяч", []),
    ("Трудоустроено 800 тысяч граждан.", "800 тысяч", []),
]


@pytest.mark.parametrize(("text", "figure", "professions"), CLAIMS, ids=[c[0] for c in CLAIMS])
def test_claim_professions(nlp: Language, text: str, figure: str, professions: list[str]) -> None:
    claim = next(c for c in nlp(text)._.claims if c.text == figure)
    assert list(claim.professions) == professions


def test_the_compiled_lexicon_is_bundled() -> None:
    assert len(names()) > 7000
    assert {"сварщик", "фермер", "оператор машинного доения", "врач-терапевт"} <= names()
    assert "шахты" not in names() and "специалист" not in {e.name for e in lexicon().get("специалист", ())} - names()
