"""The package's Python entry points, as the README shows them."""

from __future__ import annotations

import sys
from typing import Any

import pytest

import eventcoder


def test_extract_stays_the_function_after_the_subpackage_is_imported(pipeline: Any) -> None:
    import eventcoder.extract
    import eventcoder.extract._frames as frames
    from eventcoder.extract import extract_mentions

    eventcoder._DEFAULT_PIPELINE["pipeline"] = pipeline
    assert callable(extract_mentions) and callable(frames.build_frame)
    assert eventcoder.extract.extract_mentions is extract_mentions  # the subpackage is still reachable
    original = sys.modules["eventcoder.extract"].main_country
    with pytest.MonkeyPatch.context() as patch:  # eventcoder.extract is the subpackage: patching works
        patch.setattr(eventcoder.extract, "main_country", len)
        assert sys.modules["eventcoder.extract"].main_country is len
    assert sys.modules["eventcoder.extract"].main_country is original
    for _ in range(2):  # the first call imports the pipeline's modules; the second must still work
        events = eventcoder.extract("Gunmen killed 12 villagers in Sorgha, Burkina Faso, on Wednesday.",
                                    published="2023-07-10")
        assert [e.event_type for e in events] == ["Violence against civilians"]
        assert events[0].fatalities == 12


def test_to_dataframe_has_one_row_per_event_with_schema_columns(pipeline: Any) -> None:
    eventcoder._DEFAULT_PIPELINE["pipeline"] = pipeline
    events = eventcoder.extract("Gunmen killed 12 villagers in Sorgha, Burkina Faso, on Wednesday.",
                                published="2023-07-10")
    frame = eventcoder.to_dataframe(events)
    assert len(frame) == 1
    assert {"event_id_cnty", "event_date", "latitude", "longitude", "fatalities"} <= set(frame.columns)
    assert frame.loc[0, "event_date"] == "2023-07-05"
