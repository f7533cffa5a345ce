"""Property tests: every reader, fed arbitrary bytes and arbitrary JSON values, answers with reports and coded
messages, never an internal error, and never loses the good items beside the bad ones.

Bounded and reproducible: few examples each, derandomized (the same examples on every run and in CI).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventcoder.errors import EventcoderError
from eventcoder.ingest import read_path, report_from_dict
from eventcoder.records import Report

FUZZ = settings(max_examples=40, derandomize=True, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
GOOD = {"id": "good-1", "text": "Gunmen killed 3 villagers in Tillaberi on Sunday, officials said.",
        "published": "2024-03-12"}
FIELDS = ("id", "url", "outlet", "published", "language", "title", "text")

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12)
# report objects whose known fields hold any JSON value
report_objects = st.dictionaries(st.sampled_from(FIELDS), json_values, max_size=7)
anything = json_values | report_objects


def _coded(message: str) -> bool:
    return message.startswith("[E1") and "\n" not in message and "internal error" not in message.lower()


def _read(path: Path) -> tuple[list[Report], list[str]]:
    errors: list[str] = []
    try:
        reports = read_path(path, on_error=lambda exc: errors.append(str(exc)))
    except EventcoderError as exc:
        return [], [str(exc)]
    return reports, errors


@FUZZ
@given(data=st.binary(max_size=600), suffix=st.sampled_from([".txt", ".html", ".jsonl", ".md"]))
def test_any_bytes_in_a_file(tmp_path_factory: pytest.TempPathFactory, data: bytes, suffix: str) -> None:
    path = tmp_path_factory.mktemp("bytes") / f"input{suffix}"
    path.write_bytes(data)
    reports, errors = _read(path)
    assert all(_coded(e) for e in errors), errors
    assert all(isinstance(r, Report) and r.text.strip() for r in reports)
    for report in reports:  # whatever was read can be stored: UTF-8 encodable, no NUL
        assert "\x00" not in report.text
        report.text.encode("utf-8")


@FUZZ
@given(lines=st.lists(anything, min_size=1, max_size=6), at=st.integers(0, 6))
def test_json_lines_keep_the_good_line(tmp_path_factory: pytest.TempPathFactory, lines: list[Any], at: int) -> None:
    values = list(lines)
    values.insert(min(at, len(values)), GOOD)
    path = tmp_path_factory.mktemp("jsonl") / "reports.jsonl"
    path.write_text("\n".join(json.dumps(v) for v in values) + "\n", encoding="utf-8")
    reports, errors = _read(path)
    assert all(_coded(e) for e in errors), errors
    assert "good-1" in [r.id for r in reports]
    assert len(reports) + len(errors) == len(values)  # one report or one message per line


@FUZZ
@given(obj=report_objects)
def test_each_bad_field_is_named(obj: dict[str, Any]) -> None:
    try:
        report = report_from_dict(obj, source="x.jsonl:1")
    except EventcoderError as exc:
        from eventcoder.ingest import each_error

        messages = [str(e) for e in each_error(exc)]
        assert all(_coded(m) and "x.jsonl:1" in m for m in messages), messages
        return
    assert isinstance(obj.get("text"), str) and report.text.strip()


@FUZZ
@given(obj=st.dictionaries(st.sampled_from(["id", "url", "outlet", "title", "language"]), st.text(max_size=20)))
def test_typed_fields_of_good_strings_are_kept(obj: dict[str, str]) -> None:
    report = report_from_dict({**obj, "text": GOOD["text"]}, source="x.jsonl:1")
    assert report.outlet == (obj.get("outlet") or None) or "\ufffd" in (report.outlet or "")


@FUZZ
@given(data=st.binary(max_size=400) | st.text(max_size=300).map(lambda t: (
    f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>{t}</title>'
    f"<link>https://example.org/a</link><description>{t}</description></item></channel></rss>").encode()))
def test_feeds(data: bytes) -> None:
    from eventcoder.monitor.feeds import FeedResult, parse_feed

    try:
        result = parse_feed(data, FeedResult(), url="https://example.org/feed.xml")
    except EventcoderError as exc:
        assert _coded(str(exc)), exc
        return
    assert all(item.key for item in result.items)


@FUZZ
@given(values=st.lists(st.one_of(st.none(), st.integers(-5, 10**12), st.text(max_size=20)), min_size=1,
                       max_size=5),
       column=st.sampled_from(["id", "outlet", "published", "text", "title"]))
def test_parquet_rows(tmp_path_factory: pytest.TempPathFactory, values: list[Any], column: str) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    from eventcoder.batch import plan_partitions, read_partition

    kinds = {type(v) for v in values if v is not None}
    if len(kinds) > 1:  # a Parquet column has one type
        values = [str(v) if v is not None else None for v in values]
    rows = [dict(GOOD, id=f"r{i}") for i in range(len(values))]
    for row, value in zip(rows, values, strict=True):
        row[column] = value
    folder = tmp_path_factory.mktemp("pq")
    pq.write_table(pa.Table.from_pylist(rows), folder / "a.parquet")
    pq.write_table(pa.Table.from_pylist([GOOD]), folder / "b.parquet")  # a good file after the fuzzed one
    entries = [e for p in plan_partitions([folder], 50) for e in read_partition(p)]
    assert len(entries) == len(rows) + 1
    assert all(_coded(e) for e in entries if isinstance(e, str)), entries
    assert isinstance(entries[-1], Report) and entries[-1].id == "good-1"


def test_a_file_that_is_not_parquet(tmp_path: Path) -> None:
    from eventcoder.batch import plan_partitions, read_partition

    path = tmp_path / "broken.parquet"
    path.write_bytes(b"PAR1 this is not parquet")
    entries = [e for p in plan_partitions([path], 50) for e in read_partition(p)]
    assert len(entries) == 1 and isinstance(entries[0], str) and entries[0].startswith("[E101]")


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(Path(__file__).parent / "api"))
    from api_helpers import TOKEN, make_client

    url = f"sqlite:///{tmp_path_factory.mktemp('api') / 'fuzz.db'}"
    with make_client(url, token=TOKEN) as client:
        yield client, {"Authorization": f"Bearer {TOKEN}"}


@FUZZ
@given(body=anything | st.lists(report_objects, max_size=3))
def test_api_request_bodies(api, body: Any) -> None:  # type: ignore[no-untyped-def]
    client, auth = api
    response = client.post("/reports", json=body, headers=auth)
    assert response.status_code < 500, response.text
    payload = response.json()
    if response.status_code >= 400:
        assert payload["ok"] is False and payload["error"] and payload["code"] != "internal_error"


@FUZZ
@given(data=st.binary(max_size=300) | st.text(max_size=200).map(lambda t: (
    f'[[sources]]\nname = "a"\nurl = "{t}"\ninterval = "{t}"\n').encode("utf-8", "surrogatepass")))
def test_monitor_toml(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    from eventcoder.monitor import load_config

    path = tmp_path_factory.mktemp("toml") / "monitor.toml"
    path.write_bytes(data)
    try:
        load_config(path)
    except EventcoderError as exc:
        assert str(exc).startswith("[E9") and "\n" not in str(exc), exc


@settings(max_examples=8, derandomize=True, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(noise=st.text(max_size=200))
def test_arbitrary_text_around_a_report_is_still_coded(pipeline, noise: str) -> None:  # type: ignore[no-untyped-def]
    report = report_from_dict({"id": "n", "text": GOOD["text"] + "\n\n" + noise, "published": "2024-03-12"},
                              source="noise")
    mentions = pipeline.mentions(report)
    assert any(f.count == 3 for m in mentions for f in m.fatalities)
