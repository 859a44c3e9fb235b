from __future__ import annotations

import pytest
from spacy.language import Language

from statextract.mentions import name_nominative, people, same_surname

CASES = [
    (
        "Вице-премьер Аида Балаева провела совещание.\n— Заняты 3,3 миллиона человек, — отчиталась вице-премьер.",
        "3,3 миллиона",
        "Аида Балаева",
        "вице-премьер",
        "direct",
    ),
    (
        "Министр Светлана Ахметова выступила в сенате. «Заняты 57 тысяч фермеров», — отметила Ахметова.",
        "57 тысяч",
        "Светлана Ахметова",
        "министр",
        "direct",
    ),
    (
        "Министр заявил: «Мы создали 12 тысяч мест». Министром был назначен Иван Петров.",
        "12 тысяч",
        None,
        None,
        "direct",
    ),
    (
        "Министр труда Иван Петров выступил. По его словам, сварщиков 25 тысяч.",
        "25 тысяч",
        "Иван Петров",
        "министр труда",
        "indirect",
    ),
    (
        "Министр Иван Петров и вице-министр Анна Смирнова провели встречу. По её словам, вакансий 9 тысяч.",
        "9 тысяч",
        "Анна Смирнова",
        "вице-министр",
        "indirect",
    ),
    ("Иван Петров сообщил, что безработица снизилась до 4,7%.", "до 4,7%", "Иван Петров", None, "indirect"),
    (
        "По данным Бюро национальной статистики, зарплата выросла на 11,6%.",
        "11,6%",
        "Бюро национальной статистики",
        None,
        "source",
    ),
    (
        "Как сообщает пресс-служба Минпромторга, выделят 14 млрд рублей.",
        "14 млрд рублей",
        "пресс-служба Минпромторга",
        None,
        "source",
    ),
    ("По данным Росстата, безработица 2,4%. Через год она составит 2,6%.", "2,6%", "Росстат", None, "source"),
    ("В регионе построили 12 школ.", "12", None, None, None),
    ("Политолог Малек Дудаков пояснил, что изменились 5 штатов.", "5", "Малек Дудаков", "политолог", "indirect"),
    (
        "«Вакцина эффективна на 90%», — подчеркивает вирусолог Павел Волчков.",
        "90%",
        "Павел Волчков",
        "вирусолог",
        "direct",
    ),
    (
        "Глава Ryanair Майкл О'Лири выступил. По словам О'Лири, отменены 600 рейсов.",
        "600",
        "Майкл О'Лири",
        "глава Ryanair",
        "indirect",
    ),
    # A subject after the verb that nobody names: not the person the sentence names before it.
    (
        "Картина Винсента ван Гога продана за 80 млн долларов, сообщил аукционный дом.",
        "80 млн долларов",
        None,
        None,
        None,
    ),
    (
        "Сергей Лаптев, генеральный директор, заявил, что выручка выросла на 5%.",
        "5%",
        "Сергей Лаптев",
        "генеральный директор",
        "indirect",
    ),
    # Scraped text that lost the source's name: a pronoun after "сообщает" is no organisation.
    ("Пилоты начали забастовку, сообщает Они требуют прибавки. Отменены 250 рейсов.", "250", None, None, None),
    # A straight closing '"' opens no name: the attribution after it names nobody here.
    (
        '"Компания доставила 58 миллиардов кубометров газа", сообщила компания.',
        "58 миллиардов кубометров",
        None,
        None,
        "direct",
    ),
    (
        '"Заражено более 1,1 млн человек", - сказала глава Еврокомиссии Урсула фон дер Ляйен.',
        "более 1,1 млн",
        "Урсула фон дер Ляйен",
        "глава Еврокомиссии",
        "direct",
    ),
    (
        "Новак: добыча нефти вырастет на 2%\nВице-премьер Александр Новак выступил на форуме.",
        "2%",
        "Александр Новак",
        "вице-премьер",
        "indirect",
    ),
    # A news outlet after the verb was told; who told it works where "в" says.
    (
        "Проезд подорожает до 47 рублей, сообщили ТАСС в пресс-службе мэрии.",
        "до 47 рублей",
        "пресс-служба мэрии",
        None,
        "indirect",
    ),
    (
        "Аналитик Игорь Волков выступил. «Доллар будет стоить 90 рублей», — сказал он РИА Новости.",
        "90 рублей",
        "Игорь Волков",
        "аналитик",
        "direct",
    ),
    ("Цены выросли на 5%, сообщает ТАСС.", "5%", "ТАСС", None, "source"),
    ("По данным hh.ru, на каждую вакансию приходится 3 резюме.", "3", "hh.ru", None, "source"),
    # A title right after the reporting verb is the person, not the body in it.
    (
        "Министр здравоохранения Эркин Чечейбаев выступил. «Нужно не менее 2,5 млрд сомов», — сказал глава Минздрава.",
        "не менее 2,5 млрд сомов",
        "Эркин Чечейбаев",
        "министр здравоохранения",
        "direct",
    ),
    # No bracketed abbreviation or stray closing quote in an organisation's name.
    (
        "45% россиян проведут отпуск дома, следует из опроса «Фонда Общественное мнение» (ФОМ).",
        "45%",
        "Фонд Общественное мнение",
        None,
        "source",
    ),
    # "с начала года" is no feminine verb: the name stays a man's, in the nominative.
    (
        "По словам начальника ОМВД Дмитрия Лаптева, с начала года зарегистрировано 26 краж.",
        "26",
        "Дмитрий Лаптев",
        "начальник ОМВД",
        "indirect",
    ),
    # An organisation's name runs on through the abbreviations and places natasha tags apart.
    (
        "Задержаны трое жителей, сообщили в пресс-службе ГУ МВД России по Челябинской области.",
        "трое",
        "пресс-служба ГУ МВД России по Челябинской области",
        None,
        "indirect",
    ),
    (
        "Руководитель OMV Райнер Зеле выступил. Зеле подчеркнул, что сооружено около 600 км газопровода.",
        "около 600 км",
        "Райнер Зеле",
        "руководитель OMV",
        "indirect",
    ),
    # "Об этом ..." attributes the sentence before it; a report names its author in the genitive.
    ("Безработица осталась на уровне 2,2%. Об этом говорится в докладе Росстата.", "2,2%", "Росстат", None, "source"),
    ("Цены выросли на 5%. Об этом сообщила пресс-служба Минфина.", "5%", "пресс-служба Минфина", None, "indirect"),
    (
        "В 2024 году «Укрзализныця» перевезла 23,9 млн пассажиров. Об этом сообщает сама компания.",
        "23,9 млн",
        "Укрзализныця",
        None,
        "source",
    ),
    (
        "«Газпром» передал 100% акций в залог, говорится в отчете компании по МСФО.",
        "100%",
        "Газпром",
        None,
        "source",
    ),
    # A profession before a name is a role, in the name's case; a place after it is not part of it.
    (
        "Фермер из Рубцовского района Алексей Шилов собрал 6,7 тыс. т пшеницы.",
        "6,7 тыс. т",
        None,
        None,
        None,
    ),
    (
        "Добыча составила около 9 млн баррелей, сообщил журналистам вице-премьер Александр Дорохов.",
        "около 9 млн баррелей",
        "Александр Дорохов",
        "вице-премьер",
        "indirect",
    ),
    (
        "По словам аналитика кадрового сервиса Ирины Беловой, зарплата составляет 250 тысяч рублей.",
        "250 тысяч рублей",
        "Ирина Белова",
        "аналитик кадрового сервиса",
        "indirect",
    ),
]


INTERVIEW = """«Хорошего токаря растят годами»

Генеральный директор завода «Уралпромтех» Виктор Семёнов рассказал, где завод ищет рабочих.

— Виктор Николаевич, сколько людей работает на заводе?

— Около 4,2 тыс. сотрудников. Три года назад было 3,6 тыс. человек.

— Кого не хватает?

— Токарей. Только операторов ЧПУ нам нужно ещё около 80. Об этом говорил и губернатор Алексей Текслер.

Беседовала Анна Крылова
"""


def test_a_closing_paragraph_names_the_source_of_the_whole_item(nlp: Language) -> None:
    text = (
        "В области соцконтракт заключили 1 126 человек.\n\nМаксимальная выплата составляет 350 тыс. рублей.\n\n"
        "Об этом сообщила пресс-служба департамента социального развития Тюменской области.\n"
    )
    source = "пресс-служба департамента социального развития Тюменской области"
    assert [c.speaker for c in nlp(text)._.claims] == [source, source]


def test_an_interviews_answers_are_the_interviewees(nlp: Language) -> None:
    doc = nlp(INTERVIEW)
    speakers = {c.text: (c.speaker, c.speaker_role, c.speech) for c in doc._.claims}
    role = "генеральный директор завода «Уралпромтех»"
    assert speakers["Около 4,2 тыс."] == ("Виктор Семёнов", role, "direct")
    assert speakers["около 80"] == ("Виктор Семёнов", role, "direct")
    questions = [q for q in doc._.quotations if q.text.endswith("?")]
    assert questions and all(q.speaker is None for q in questions)


def test_a_role_is_read_from_a_profession_before_a_name(nlp: Language) -> None:
    text = "Фермер из Рубцовского района Алексей Шилов собрал 6,7 тыс. т пшеницы. Токарь Иван Петров сделал 5 деталей."
    roles = {p.name: p.role for p in people(nlp(text))}
    assert roles == {"Алексей Шилов": "фермер", "Иван Петров": "токарь"}


def test_no_role_from_a_word_in_another_case_or_an_adjectives_reading(nlp: Language) -> None:
    text = (
        "Трамп готов к рабочему визиту к Терезе Мэй, сказал он о 5 встречах. Модель управления Трампа обсудили 3 раза."
    )
    assert all(p.role is None for p in people(nlp(text)))


@pytest.mark.parametrize(("text", "figure", "speaker", "role", "speech"), CASES, ids=[c[1] for c in CASES])
def test_speaker(nlp: Language, text: str, figure: str, speaker, role, speech) -> None:
    claim = next(c for c in nlp(text)._.claims if c.text == figure)
    assert (claim.speaker, claim.speaker_role, claim.speech) == (speaker, role, speech)


def test_the_outlets_narration_in_a_new_paragraph_has_no_speaker(nlp: Language) -> None:
    text = "По словам министра Ивана Петрова, заняты 5 тысяч человек.\nВ прошлом году построили 12 школ."
    assert [c.speaker for c in nlp(text)._.claims] == ["Иван Петров", None]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Министр Светлана Ахметова выступила в сенате. «Реформа пойдёт дальше», — заявила Ахметова.",
            "Светлана Ахметова",
        ),
        # A name's number ("Windows 11") is no figure: the quote still needs its speaker found.
        ("Глава ведомства Иван Петров похвалил Windows 11.\n— Переход пойдёт быстрее, — сказал Петров.", "Иван Петров"),
    ],
)
def test_a_quote_in_a_text_with_no_figure_has_its_speaker(nlp: Language, text: str, speaker: str) -> None:
    doc = nlp(text)
    assert doc._.claims == []
    assert [q.speaker for q in doc._.quotations] == [speaker]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # An adjective surname in any case is one person; "Лановой" tells the "-ой" of "Ланового".
        # (Each text has a figure: NER reads only where a figure or a quote needs it.)
        (
            "Алексей Навальный выступил перед 500 людьми. Навального задержали, Навальному дали 3 года.",
            ["Алексей Навальный"],
        ),
        ("Не стало Василия Ланового, ему было 87 лет. Лановой был соучредителем движения.", ["Василий Лановой"]),
        # A woman's oblique form is not the man's surname, nor "Белов" "Белый".
        (
            "Жизнь Александра Вертинского длилась 68 лет. Он узнал о Надежде Вертинской из журнала.",
            ["Александр Вертинский", "Надежда Вертинская"],
        ),
        ("Андрей Белый и Иван Белов привезли 5 книг.", ["Андрей Белый", "Иван Белов"]),
    ],
)
def test_one_person_per_surname(nlp: Language, text: str, names: list[str]) -> None:
    assert sorted(p.name for p in people(nlp(text))) == sorted(names)


@pytest.mark.parametrize(
    ("words", "name", "gender"),
    [
        (["Аиды", "Балаевой"], "Аида Балаева", "femn"),
        (["Ивана", "Петрова"], "Иван Петров", "masc"),
        (["Нэнси", "Пелоси"], "Нэнси Пелоси", "femn"),
        (["Жанар", "Тулегенова"], "Жанар Тулегенова", "femn"),
        (["Петра", "Порошенко"], "Пётр Порошенко", "masc"),
        (["Урсулы", "фон", "дер", "Ляйен"], "Урсула фон дер Ляйен", "femn"),
        (["Майкла", "О’Лири"], "Майкл О’Лири", "masc"),
        (["Виктором", "Курильским"], "Виктор Курильский", "masc"),  # a surname pymorphy3 reads as an adjective
        (["Андрея", "Белого"], "Андрей Белый", "masc"),
    ],
)
def test_names_in_the_nominative(words: list[str], name: str, gender: str) -> None:
    verb = "femn" if words[0] == "Жанар" else None
    assert name_nominative(words, verb) == (name, gender)


def test_surnames_in_any_case() -> None:
    assert same_surname("Ахметовой", "Ахметова") and same_surname("Петрову", "Петров")
    assert not same_surname("Петренко", "Петров")
