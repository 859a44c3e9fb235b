"""Direct speech in plain text: quoted passages and dialogue lines, each with its attribution.

Pure functions over the text, so odd input stays cheap to test: a quote that never closes ends
with its paragraph (unless the next paragraph opens with a quote mark, the Russian way of running
a quote over paragraphs), and unmatched closing marks are ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from statextract.morphology import parses

OPENING = {"«": "»", "„": "“", "“": "”", '"': '"'}
OPENING_RE = re.compile("[" + "".join(OPENING) + "]")
SPEECH_DASH_RE = re.compile(r"[,.!?…]\s*[—–-]\s+(?=[а-яё])")  # ", — сказала она"
DASH_RE = re.compile(r"[ \t]*[—–-][ \t]+")


@dataclass(frozen=True, slots=True)
class Quote:
    """Quoted words at text[start:end]; the attribution is looked for in text[cue_start:cue_end]."""

    start: int
    end: int
    cue_start: int
    cue_end: int


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line."""
    spans, offset = [], 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((offset, offset + len(line)))
        offset += len(line) + 1
    return spans


def sentence_end(text: str, start: int, limit: int) -> int:
    match = re.compile(r"[.!?…](?=\s|$)").search(text, start, limit)
    return match.end() if match else limit


def sentence_start(text: str, end: int, limit: int) -> int:
    head = text[limit:end]
    found = max(head.rfind(". "), head.rfind("! "), head.rfind("? "))
    return limit + found + 2 if found >= 0 else limit


def marked_quotes(text: str) -> list[Quote]:
    """Passages in «ёлочки», „лапки“, “curly” or "straight" quotes; nested quotes stay inside."""
    found: list[Quote] = []
    lines = paragraphs(text)
    n = 0
    while n < len(lines):
        line_start, line_end = lines[n]
        i = line_start
        while mark := OPENING_RE.search(text, i, line_end):
            i = mark.start()
            opening = text[i]
            closing = OPENING[opening]
            end, last_line = find_closing(text, lines, n, i, opening, closing)
            cue_start = sentence_start(text, i, line_start)
            after = end + 1
            cue_end = sentence_end(text, after, lines[last_line][1])
            if end > i:
                found.append(Quote(i + 1, end, cue_start, cue_end))
            if last_line != n:
                n = last_line
                line_start, line_end = lines[n]
            i = end + 1
        n += 1
    return found


def find_closing(
    text: str, lines: list[tuple[int, int]], n: int, i: int, opening: str, closing: str
) -> tuple[int, int]:
    """Offset of the mark closing the quote opened at i, and the index of the line it is on.

    A straight quote with no partner in its paragraph closes right away (an odd number of marks).
    """
    if opening == closing:
        end = text.find(closing, i + 1, lines[n][1])
        return (end if end >= 0 else i), n
    depth, position = 0, i
    while True:
        for at in range(position, lines[n][1]):
            if text[at] == opening:
                depth += 1
            elif text[at] == closing:
                depth -= 1
                if depth == 0:
                    return at, n
        if not continues(text, lines[n + 1] if n + 1 < len(lines) else None, opening, closing):
            return lines[n][1], n  # never closed: the quote ends with its paragraph
        n += 1
        position = lines[n][0]
        if text[position:].lstrip()[:1] == opening:
            position = text.index(opening, position) + 1


def continues(text: str, line: tuple[int, int] | None, opening: str, closing: str) -> bool:
    """Whether an open quote runs on into this line: it opens with a quote mark again (the Russian
    way), or it closes there before anything opens."""
    if line is None:
        return False
    body = text[line[0] : line[1]]
    if body.lstrip()[:1] == opening:
        return True
    close, open_ = body.find(closing), body.find(opening)
    return close >= 0 and (open_ < 0 or close < open_)


def dialogue_quotes(text: str) -> list[Quote]:
    """Lines that open with a speech dash: "— Заняты 3,3 миллиона человек, — отчиталась вице-премьер."

    Every spoken part of a line shares the line's first attribution ("— ..., — сказала она. — ...").
    """
    found: list[Quote] = []
    for line_start, line_end in paragraphs(text):
        opening = DASH_RE.match(text, line_start, line_end)
        if not opening:
            continue
        parts: list[tuple[int, int]] = []
        cue: tuple[int, int] | None = None
        position = opening.end()
        while position < line_end:
            dash = SPEECH_DASH_RE.search(text, position, line_end)
            while dash is not None and not starts_with_verb(text, dash.end()):
                dash = SPEECH_DASH_RE.search(text, dash.end(), line_end)  # "— их порядка 57 тысяч —" is not one
            if dash is None:
                parts.append((position, line_end))
                break
            parts.append((position, dash.start()))
            cue_end = sentence_end(text, dash.end(), line_end)
            cue = cue or (dash.start(), cue_end)
            resumed = DASH_RE.match(text, cue_end, line_end)
            if resumed is None:
                break
            position = resumed.end()
        cue_start, cue_end = cue or (line_start, line_end)
        found.extend(Quote(start, end, cue_start, cue_end) for start, end in parts)
    return found


WORD_RE = re.compile(r"[а-яё-]+", re.I)


def starts_with_verb(text: str, at: int) -> bool:
    """Whether an attribution starts here: a verb first ("отчиталась"), or second ("— добавил он")."""
    for match in list(WORD_RE.finditer(text, at, at + 40))[:2]:
        found = parses(match.group().lower())
        if found and found[0].tag.POS in ("VERB", "PRTS"):
            return True
    return False


def find_quotes(text: str) -> list[Quote]:
    """Every quote in the text, in order; a quote inside a dialogue line belongs to the line."""
    dialogue = dialogue_quotes(text)
    marked = [q for q in marked_quotes(text) if not any(d.start <= q.start < d.end for d in dialogue)]
    return sorted(dialogue + marked, key=lambda q: q.start)


@lru_cache(maxsize=64)
def speech_quotes(text: str) -> tuple[Quote, ...]:
    """The quotes that are speech: they hold a clause (three words or more), not a name («Самрук-Казына»).
    Cached for the texts in hand: the annotate stage asks whether a text has any, to run NER for their
    speakers, and the speakers stage then attributes them."""
    return tuple(q for q in find_quotes(text) if len(text[q.start : q.end].split()) >= 3)
