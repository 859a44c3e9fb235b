"""natasha's news NER, run on statextract's own tokens and only around the words that may be names.

The weights are natasha's (slovnet's NER model and navec's news embedding, both inside the natasha
wheel), and so are the tags. What differs is how they are run, because NER is the costliest step of
the pipeline and `NewsNERTagger.map` spends most of its time on work this pipeline does not need:
it re-tokenises the text with razdel, pads each batch to its longest text and runs its first
convolution on every token, although news repeats its words.

Here the model reads segments of tokens (a window around each capitalised word, see `segments`),
all the segments of a batch of documents joined into one sequence with a blank position between
them. A convolution never reaches across a blank: the model zeroes it after every layer, exactly as
it zeroes padding, so each segment is tagged as if alone, with natasha's own tags (tests/test_ner.py).
The first convolution is computed once per distinct word (its three kernel taps as one matrix product,
kept from batch to batch for the words used last), not once per token, and the CRF decodes all
segments at once.

The network sees three tokens either way, so inside a window its scores are those the whole sentence
would give; the CRF, which weighs the whole sequence, can still end a long lower-case organisation
name ("Министерство труда и социальной защиты населения") differently at a window's edge. On the
news corpus the windows keep 99.7% of the entities whole sentences give.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import repeat
from pathlib import Path
from typing import Any

import numpy


@dataclass(frozen=True, slots=True)
class Entity:
    start: int  # token offsets within the segment's document
    end: int
    label: str  # PER, ORG or LOC


def natasha_data(*parts: str) -> Path:
    """A file of natasha's bundled data, found without importing natasha (its import pulls in far
    more than NER and costs start-up time)."""
    spec = importlib.util.find_spec("natasha")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("natasha is not installed")
    return Path(next(iter(spec.submodule_search_locations)), "data", *parts)


def embedding() -> Any:
    """navec's news embedding, only what NER reads of it: its product-quantised vectors (codes, and each
    word's code indexes). navec's own loader also reads 250,000 words and precomputes norms for
    similarity, which would cost a worker a quarter of a second at start and 100 MB at its peak."""
    from types import SimpleNamespace

    from navec import Navec
    from navec.meta import Meta
    from navec.navec import META, PQ_
    from navec.tar import Tar

    with Tar(str(natasha_data("emb", "navec_news_v1_1B_250K_300d_100q.tar"))) as tar:
        meta = Meta.from_file(tar.load(META))
        Meta.check_protocol(meta.protocol)
        file = tar.load(PQ_)  # as navec.pq.PQ.from_file reads it
        vectors, _, parts, centroids = numpy.frombuffer(file.read(4 * 4), numpy.uint32)
        indexes = numpy.frombuffer(file.read(int(vectors) * int(parts)), numpy.uint8).reshape(vectors, parts)
        codes = numpy.frombuffer(file.read(), numpy.float32).reshape(parts, centroids, -1)
    return Navec(meta, None, SimpleNamespace(indexes=indexes, codes=codes))


class Tagger:
    """slovnet's NER network over word and shape ids: embedding, three convolutions (ReLU, batch norm),
    a linear head and a CRF."""

    def __init__(self) -> None:
        from slovnet import NER

        api = NER.load(natasha_data("model", "slovnet_ner_news_v1.tar")).navec(embedding())
        infer = api.infer
        self.words, self.shapes = infer.encoder.words_vocab, infer.encoder.shapes_vocab
        self.tags: list[str] = list(infer.decoder.tags_vocab.items)
        model = infer.model
        self.word_embedding = model.emb.word  # navec, product-quantised: ids -> 300-dimensional vectors
        self.shape_embedding = model.emb.shape.weight.array
        # Per layer: the convolution's three taps side by side (inputs x 3*filters), its bias, and its
        # batch norm as one scale and shift.
        self.layers = [
            (
                stacked_taps(layer.conv.weight.array),
                layer.conv.bias.array,
                layer.norm.weight.array / layer.norm.std.array,
                layer.norm.bias.array - layer.norm.mean.array * layer.norm.weight.array / layer.norm.std.array,
            )
            for layer in model.encoder.layers
        ]
        # The first convolution's taps, split into the word and the shape part.
        taps = self.layers[0][0]
        word_dim = taps.shape[0] - self.shape_embedding.shape[1]
        self.word_taps = numpy.ascontiguousarray(taps[:word_dim])
        self.shape_taps = self.shape_embedding @ taps[word_dim:]  # every shape's contribution, precomputed
        self.proj = (model.head.proj.weight.array, model.head.proj.bias.array)
        self.crf = model.head.crf
        self.taps_cache = TapsCache(CACHED_PAIRS, self.word_taps.shape[1])

    def tag(self, sequences: Sequence[Sequence[str]]) -> list[list[str]]:
        """BIO tags ("B-PER", "I-ORG", "O") of every sequence of words."""
        if not sequences:
            return []
        lengths = [len(words) for words in sequences]
        ids = [word_ids(word) for words in sequences for word in words]
        word_id = numpy.array([w for w, _ in ids], dtype=numpy.int64)
        shape_id = numpy.array([s for _, s in ids], dtype=numpy.int64)
        # Joined with one blank position before, between and after the sequences.
        total = sum(lengths) + len(lengths) + 1
        real = numpy.zeros(total, dtype=bool)
        offsets = numpy.cumsum([1, *[n + 1 for n in lengths[:-1]]])
        for offset, n in zip(offsets, lengths, strict=True):
            real[offset : offset + n] = True
        hidden = self.first_layer(word_id, shape_id, real)
        for taps, *rest in self.layers[1:]:
            hidden = finish(tapped(hidden @ taps, taps.shape[1] // 3), real, *rest)
        weight, bias = self.proj
        emissions = hidden[real] @ weight + bias
        return self.decode(emissions, lengths)

    def first_layer(self, word_id: Any, shape_id: Any, real: Any) -> Any:
        """The first layer, its convolution taken from `first_taps` once per distinct (word, shape) pair."""
        pairs, where = numpy.unique(word_id * len(self.shape_taps) + shape_id, return_inverse=True)
        table, rows_of_pairs = self.first_taps(pairs)
        rows = numpy.zeros(len(real), dtype=numpy.int64)  # row 0 of the table: the blank
        rows[real] = rows_of_pairs[where.reshape(-1)]
        return finish(tapped_rows(table, rows, self.word_taps.shape[1] // 3), real, *self.layers[0][1:])

    def first_taps(self, pairs: Any) -> tuple[Any, Any]:
        """The first convolution's taps for each distinct (word, shape) pair: a table with a zero row 0
        and the rows of the pairs in it. Rows are kept across calls for the `CACHED_PAIRS` pairs used
        last: news repeats its words from one batch to the next, and a row costs a 300 x 768 product."""
        cache = self.taps_cache
        rows = numpy.fromiter(map(cache.row_of.get, pairs.tolist(), repeat(0)), numpy.int64, len(pairs))
        missing = numpy.flatnonzero(rows == 0)
        if len(pairs) >= len(cache.table):  # a batch bigger than the cache: its own table
            table = numpy.zeros((len(pairs) + 1, self.word_taps.shape[1]), dtype=numpy.float32)
            table[1:] = self.taps_of(pairs)
            return table, numpy.arange(1, len(pairs) + 1)
        cache.clock += 1
        cache.used[rows[rows > 0]] = cache.clock
        if len(missing):
            free = cache.free_rows(len(missing))
            cache.table[free] = self.taps_of(pairs[missing])
            cache.store(pairs[missing], free)
            rows[missing] = free
        return cache.table, rows

    def taps_of(self, pairs: Any) -> Any:
        """The first convolution's taps of (word, shape) pairs: word vector x word taps + shape taps."""
        shapes = len(self.shape_taps)
        return self.word_embedding(pairs // shapes) @ self.word_taps + self.shape_taps[pairs % shapes]

    def decode(self, emissions: Any, lengths: list[int]) -> list[list[str]]:
        """The CRF's best tag sequence for each sequence: Viterbi over all sequences at once, longest
        first, so that each step works only on the sequences still running."""
        order = sorted(range(len(lengths)), key=lambda n: -lengths[n])
        length = numpy.array([lengths[n] for n in order])
        size, longest = len(order), int(length[0])
        starts = numpy.cumsum([0, *lengths[:-1]])[order]
        steps = numpy.arange(longest)
        padded = emissions[numpy.minimum(starts[:, None] + steps[None, :], len(emissions) - 1)]
        to_from = self.crf.transitions.array.T  # to x from
        running = [int(numpy.count_nonzero(length > t)) for t in range(longest)]
        score = padded[:, 0].copy()
        history = []
        for t in range(1, longest):
            k = running[t]
            candidates = score[:k, None, :] + to_from + padded[:k, t, :, None]  # sequence x to x from
            previous = candidates.argmax(2)
            score[:k] = candidates.max(2)
            history.append(previous)
        path = numpy.empty((size, longest), dtype=numpy.int64)
        current = score.argmax(1)
        path[numpy.arange(size), length - 1] = current
        for t in range(longest - 1, 0, -1):
            k = running[t]
            current[:k] = history[t - 1][numpy.arange(k), current[:k]]
            path[:k, t - 1] = current[:k]
        names = numpy.array(self.tags)
        result: list[list[str]] = [[] for _ in lengths]
        for row, n in enumerate(order):
            result[n] = names[path[row, : lengths[n]]].tolist()
        return result


# (word, shape) pairs whose first-layer taps are kept: 16,384 rows of 768 floats, 50 MB. On the news
# corpus the first layer then computes 36,000 rows instead of 89,000.
CACHED_PAIRS = 16_384


class TapsCache:
    """Rows of first-layer taps by (word, shape) pair, the least recently used evicted when full."""

    def __init__(self, capacity: int, width: int) -> None:
        self.table = numpy.zeros((capacity + 1, width), dtype=numpy.float32)  # row 0 stays zero: the blank
        self.row_of: dict[int, int] = {}
        self.pair_at = numpy.full(capacity + 1, -1, dtype=numpy.int64)
        self.used = numpy.zeros(capacity + 1, dtype=numpy.int64)  # the call that last used each row
        self.used[0] = numpy.iinfo(numpy.int64).max  # never evicted
        self.filled = 0
        self.clock = 0

    def free_rows(self, count: int) -> Any:
        """`count` rows to fill: unused ones first, then those least recently used (never this call's)."""
        fresh = min(count, len(self.table) - 1 - self.filled)
        rows = numpy.arange(self.filled + 1, self.filled + 1 + fresh)
        self.filled += fresh
        self.used[rows] = self.clock
        if fresh < count:
            oldest = numpy.argpartition(self.used, count - fresh)[: count - fresh]
            for pair in self.pair_at[oldest].tolist():
                del self.row_of[pair]
            rows = numpy.concatenate([rows, oldest])
        return rows

    def store(self, pairs: Any, rows: Any) -> None:
        self.row_of.update(zip(pairs.tolist(), rows.tolist(), strict=True))
        self.pair_at[rows] = pairs
        self.used[rows] = self.clock


@lru_cache(maxsize=100_000)
def word_ids(word: str) -> tuple[int, int]:
    """A word's id in the embedding's vocabulary and its shape's id ("Xx", "NUM", "PUNCT_,")."""
    from slovnet.shape import word_shape

    found = tagger()
    return found.words.encode(word.lower()), found.shapes.encode(word_shape(word))


def tapped(spread: Any, filters: int) -> Any:
    """A kernel-3 convolution from each position's three tap outputs: out[t] = tap0[t-1] + tap1[t] + tap2[t+1]."""
    out = spread[:, filters : 2 * filters].copy()
    out[1:] += spread[:-1, :filters]
    out[:-1] += spread[1:, 2 * filters :]
    return out


def tapped_rows(table: Any, rows: Any, filters: int) -> Any:
    """`tapped(table[rows], filters)`, each position gathering only the tap it needs from each row rather
    than whole rows of all three (a third of the copying; the same sums in the same order)."""
    out = table[rows, filters : 2 * filters]
    out[1:] += table[rows[:-1], :filters]
    out[:-1] += table[rows[1:], 2 * filters :]
    return out


def stacked_taps(weight: Any) -> Any:
    """A kernel-3 convolution's weights (filters x inputs x 3) as inputs x 3*filters: its taps side by side."""
    return numpy.ascontiguousarray(numpy.concatenate([weight[:, :, k].T for k in range(weight.shape[2])], axis=1))


def finish(out: Any, real: Any, bias: Any, scale: Any, shift: Any) -> Any:
    """Bias, ReLU and batch norm in place; blanks back to zero."""
    out += bias
    numpy.maximum(out, 0, out=out)
    out *= scale
    out += shift
    out[~real] = 0
    return out


@cache
def tagger() -> Tagger:
    """The tagger, loaded once per process."""
    return Tagger()


def entities(tags: Sequence[str], offset: int) -> list[Entity]:
    """Entities from BIO tags, at token offsets shifted by `offset`.

    >>> [(e.start, e.end, e.label) for e in entities(["O", "B-PER", "I-PER", "B-ORG", "I-LOC"], 10)]
    [(11, 13, 'PER'), (13, 14, 'ORG'), (14, 15, 'LOC')]
    """
    found: list[Entity] = []
    start, label = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        part, _, kind = tag.partition("-")
        if start >= 0 and (part != "I" or kind != label):
            found.append(Entity(offset + start, offset + i, label))
            start = -1
        if part == "B" or (part == "I" and start < 0):
            start, label = i, kind
    return found
