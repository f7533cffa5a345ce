"""Long texts in pieces: spans that cover a text exactly, each short enough to parse alone.

spaCy refuses a text over ``nlp.max_length`` (1,000,000 characters, [E088]) and needs about 1 GB per 100,000
characters to parse one; a report of several MB is therefore parsed piece by piece. A piece ends at the last
paragraph break (a blank line) that fits, else the last line break, else the last sentence end, else the last
white space, else at the limit. Pieces are ``(start, end)`` offsets into the text, contiguous and in order,
so offsets found in a piece map back to the whole text by adding its start.
"""

from __future__ import annotations

import re
from collections import deque

__all__ = ["PIECE_CHARS", "piece_spans"]

PIECE_CHARS = 100_000
_BOUNDARIES = (re.compile(r"\n[ \t]*\n\s*"), re.compile(r"\n\s*"), re.compile(r"(?<=[.!?…])\s+"), re.compile(r"\s+"))


def _cut(text: str, start: int, stop: int) -> int:
    """The end of the last boundary after ``start`` and not after ``stop`` (``stop`` if there is none)."""
    for pattern in _BOUNDARIES:
        last = deque(pattern.finditer(text, start + 1, stop), maxlen=1)
        if last and last[0].end() > start:
            return last[0].end()
    return stop


def piece_spans(text: str, limit: int = PIECE_CHARS) -> list[tuple[int, int]]:
    """Contiguous ``(start, end)`` spans covering ``text``, each at most ``limit`` characters."""
    if limit < 1:
        raise ValueError(f"limit must be at least 1, got {limit}")
    spans: list[tuple[int, int]] = []
    start, size = 0, len(text)
    while size - start > limit:
        end = _cut(text, start, start + limit)
        spans.append((start, end))
        start = end
    spans.append((start, size))
    return spans
