"""The layout of a report: list items of a roundup, toll lists of a communiqué, the communiqué's issuer.

Army and ministry communiqués are written in a layout, not in reported speech: a header names the issuer
("COMMUNIQUÉ DE L'ÉTAT-MAJOR GÉNÉRAL DES ARMÉES", "Ministry of Defence - press release") and the toll comes
as a list introduced by a colon ("Bilan provisoire :", "The provisional toll is as follows:"). Such a list
breaks the event down; it is not a roundup whose items are events of their own, which carry their own dates.
"""

from __future__ import annotations

import datetime as dt
import re

from eventcoder.extract._dates import find_dates
from eventcoder.lexicon import Lexicon

__all__ = ["document_speaker", "item_starts"]

ITEM_LINE = re.compile(r"^[ \t]*(?:[•▪·*\-–][ \t]+|\d{1,2}[ \t]*[.)][ \t]+|[A-ZÉ][A-ZÉ' ]{2,}[ \t]+[-–][ \t]+)",
                       re.M)
_HEADER_LINES = 3
_HEADER_CHARS = 160


def _line_bounds(text: str, start: int) -> tuple[int, int]:
    begin = text.rfind("\n", 0, start) + 1
    end = text.find("\n", start)
    return begin, len(text) if end < 0 else end


def _previous_line(text: str, line_start: int) -> str:
    """The nearest non-blank line before the line that begins at ``line_start``."""
    end = line_start - 1
    while end > 0:
        begin = text.rfind("\n", 0, end) + 1
        line = text[begin:end].strip()
        if line:
            return line
        end = begin - 1
    return ""


def _runs(text: str, matches: list[re.Match[str]]) -> list[list[re.Match[str]]]:
    """Consecutive list lines (only blank lines between them) grouped into runs."""
    runs: list[list[re.Match[str]]] = []
    for match in matches:
        if runs:
            _, last_end = _line_bounds(text, runs[-1][-1].end())
            if not text[last_end:match.start()].strip():
                runs[-1].append(match)
                continue
        runs.append([match])
    return runs


def _is_breakdown(text: str, run: list[re.Match[str]], lexicon: Lexicon, published: dt.date | None) -> bool:
    """A run introduced by a line ending in a colon whose items give no date of their own: a toll list."""
    begin, _ = _line_bounds(text, run[0].start())
    if not _previous_line(text, begin).endswith(":"):
        return False
    _, end = _line_bounds(text, run[-1].end())
    return not find_dates(text[begin:end], lexicon, published)


def item_starts(text: str, lexicon: Lexicon, published: dt.date | None = None) -> list[int]:
    """Character offsets where a roundup's list item (bullet, "1.", "2)", "COUNTRY - ") begins a line.

    A single item, a first line (a headline in capitals) and the lines of a toll list are no items.
    """
    first_line_end = text.find("\n")
    matches = [m for m in ITEM_LINE.finditer(text) if m.start() > first_line_end >= 0]
    starts = [m.end() for run in _runs(text, matches) if not _is_breakdown(text, run, lexicon, published)
              for m in run]
    return starts if len(starts) >= 2 else []


def _header(text: str) -> list[str]:
    """The report's first short lines, before its first full sentence (a headline is no issuer's header:
    "JNIM statement denies ...; UN investigators visit" is about a statement, not one)."""
    lines: list[str] = []
    for line in text.strip().splitlines()[:_HEADER_LINES]:
        line = line.strip()
        if not line:
            continue
        if len(line) > _HEADER_CHARS or line.endswith("."):
            break
        lines.append(line)
    return lines


def document_speaker(text: str, lexicon: Lexicon) -> str:
    """The official body that issues the report, when its header says it is that body's communiqué.

    "COMMUNIQUÉ DE L'ÉTAT-MAJOR GÉNÉRAL DES ARMÉES" gives "ÉTAT-MAJOR GÉNÉRAL DES ARMÉES"'s match of the
    lexicon's official speakers; a header without a communiqué word, or without an official body, gives "".
    """
    if lexicon.communique is None or lexicon.official_speakers is None:
        return ""
    for line in _header(text):
        if not lexicon.communique.search(line):
            continue
        bodies = [m.group(0) for m in lexicon.official_speakers.finditer(line)
                  if not lexicon.communique.fullmatch(m.group(0))]
        if bodies:
            return max(bodies, key=len)
    return ""
