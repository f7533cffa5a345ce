"""A statement told over several sentences (a communiqué's toll lines): its killed counts per side add up,
a repeated count is one count, and a total line is not added to its parts."""

from __future__ import annotations

from eventcoder.fuse import conservative_fatalities
from eventcoder.records import FatalityFigure


def line(count: int, part: int, side: str = "perpetrator", statement: str = "r1:communique") -> FatalityFigure:
    return FatalityFigure(count=count, by="army", report_id="r1", side=side, speaker_kind="official",
                          statement=statement, part=part)


def test_the_lines_of_one_statement_add_up_per_side() -> None:
    assert conservative_fatalities([line(14, 3), line(9, 7)])[0] == 23
    assert conservative_fatalities([line(14, 3), line(4, 5, side="military")])[0] == 18


def test_a_count_repeated_on_another_line_is_counted_once() -> None:
    assert conservative_fatalities([line(14, 3), line(14, 8)])[0] == 14


def test_a_total_line_is_not_added_to_the_lines_it_sums() -> None:
    assert conservative_fatalities([line(23, 2), line(14, 4), line(9, 5)])[0] == 23


def test_separate_statements_still_give_the_lowest_official_count() -> None:
    assert conservative_fatalities([line(14, 3, statement="r1:3"), line(9, 7, statement="r1:7")])[0] == 9
