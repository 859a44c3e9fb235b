from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language

from statextract import Document, Extractor, extract
from statextract.pipeline import STAGES


def test_stages_in_order_and_needs_met(nlp: Language) -> None:
    assert tuple(nlp.pipe_names) == STAGES
    analysis = nlp.analyze_pipes()
    assert not any(analysis["problems"].values()), analysis["problems"]


def test_saved_pipeline_loads_whole_and_gives_the_same_claims(nlp: Language, tmp_path: Path) -> None:
    text = "По данным Росстата, безработица снизилась на 0,3 п.п. и составила 2,4%."
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert [c.to_dict() for c in Extractor(loaded).pipe([Document("text", text)])] == [
        c.to_dict() for c in extract(text)
    ]


def test_hyphenated_words_stay_whole(nlp: Language) -> None:
    assert [t.text for t in nlp.make_doc("вице-премьер и врач-терапевт")] == [
        "вице-премьер",
        "и",
        "врач-терапевт",
    ]


def test_a_bug_in_one_document_is_reported_and_the_rest_go_on(nlp: Language, monkeypatch) -> None:
    subjects = type(nlp.get_pipe("subjects"))
    original = subjects.__call__

    def broken(self, doc):
        if "сломан" in doc.text:
            raise RuntimeError("boom")
        return original(self, doc)

    monkeypatch.setattr(subjects, "__call__", broken)
    problems = []
    texts = ["Заняты 5 человек.", "сломанный 7", "Заняты 9 человек."]
    claims = list(Extractor(nlp, on_error=problems.append).pipe(texts))
    assert [c.value for c in claims] == [5.0, 9.0]
    assert [str(p) for p in problems] == [
        "text2: failed in stage 'subjects' (RuntimeError: boom); this is a bug, please report it"
    ]


def test_empty_and_odd_texts_give_no_claims() -> None:
    for text in ["", " ", "\n\n", "«««", "— — —", "Без чисел вовсе"]:
        assert extract(text) == []


def test_streaming_leaves_the_vocabulary_as_it_was() -> None:
    """Memory stays flat over an archive: the words a stream of documents brings are freed after it (spaCy
    memory zones), while the records keep their text."""
    extractor = Extractor()
    strings = extractor.nlp.vocab.strings
    [claim] = extractor.pipe(["Работают 57 тысяч ксилофонистов."])
    assert claim.subject == "ксилофонист" and claim.value == 57000
    assert "ксилофонистов" not in strings
    extractor.nlp("Работают 12 тысяч балалаечников.")  # outside a zone, spaCy keeps what it saw
    assert "балалаечников" in strings


def test_streams_inside_one_memory_zone_share_it() -> None:
    """A batch worker's zone spans its tasks: streams inside it keep their words until it ends."""
    extractor = Extractor()
    strings = extractor.nlp.vocab.strings
    with extractor.memory_zone():
        [claim] = extractor.pipe(["Работают 57 тысяч ксилофонистов."])
        assert "ксилофонистов" in strings  # the stream opened no zone of its own
        [other] = extractor.pipe(["Работают 12 тысяч ксилофонистов."])
        assert "ксилофонистов" in strings and (claim.value, other.value) == (57000, 12000)
    assert "ксилофонистов" not in strings and not extractor.in_zone


def test_streamed_docs_are_freed_without_the_garbage_collector() -> None:
    """A streamed doc is freed as soon as its records are taken, not left in reference cycles (its spans
    and extension values refer to it) for a full collection to find; the collector's setting is restored."""
    import gc

    from spacy.tokens import Doc

    texts = ["Вице-премьер Аида Балаева сообщила, что работают порядка 57 тысяч сварщиков.", "Их 12 тысяч."] * 5
    extractor = Extractor()
    list(extractor.pipe(texts[:1]))
    threshold = gc.get_threshold()
    gc.collect()
    gc.disable()
    try:
        before = sum(isinstance(o, Doc) for o in gc.get_objects())
        claims = list(extractor.pipe(texts))
        after = sum(isinstance(o, Doc) for o in gc.get_objects())
    finally:
        gc.enable()
    assert len(claims) == 10
    assert after == before
    assert gc.get_threshold() == threshold


def test_interleaved_streams_restore_the_collector_threshold() -> None:
    """Two record streams read by turns: the collector runs less often while either runs, and its own
    threshold is back once both end, whichever ends first."""
    import gc

    from statextract.pipeline import YOUNG_COLLECTION_EVERY

    extractor = Extractor()
    threshold = gc.get_threshold()
    first = extractor.pipe(["Работают 57 тысяч сварщиков.", "Их 12 тысяч."])
    second = extractor.pipe(["Заняты 3 тысячи фермеров.", "И ещё 5 тысяч."])
    assert next(first).value == 57000
    assert next(second).value == 3000
    assert gc.get_threshold()[0] == max(threshold[0], YOUNG_COLLECTION_EVERY)
    assert [c.value for c in first] == [12000]  # the first ends while the second still runs
    assert gc.get_threshold()[0] == max(threshold[0], YOUNG_COLLECTION_EVERY)
    assert [c.value for c in second] == [5000]
    assert gc.get_threshold() == threshold


def test_a_stream_of_claims_skips_the_ner_only_quotes_need(extractor: Extractor) -> None:
    """NER reads a document with quotes and no figure only when its quotes are wanted; the claims of
    documents with figures come out the same either way."""
    quote_only = "Министр Светлана Ахметова выступила в сенате. «Реформа пойдёт дальше», — заявила Ахметова."
    [for_quotes] = [len(doc.ents) for doc in extractor.docs([quote_only])]
    [for_claims] = [len(doc.ents) for doc in extractor.docs([quote_only], quotes=False)]
    assert for_quotes > 0 and for_claims == 0
    dev = Path(__file__).resolve().parents[1] / "corpora" / "dev"
    texts = [path.read_text(encoding="utf-8") for path in sorted(dev.glob("*.txt"))[:10]]
    assert len(texts) == 10
    with_quotes = [c.to_dict() for doc in extractor.docs(texts) for c in doc._.claims]
    assert [c.to_dict() for c in extractor.pipe(texts)] == with_quotes
