"""Wrongly typed fields of JSON Lines reports: one coded message per field, every good line still read,
coded and stored (issue 17), the same check through the CLI, the drop folders and batch."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from eventcoder.errors import ReportFieldError
from eventcoder.ingest import check_report_fields, each_error, read_reports, report_from_dict
from eventcoder.monitor._folder import FolderPoller

TEXT = "Gunmen killed 3 villagers in Tillaberi on Sunday, officials said."
BAD = [({"outlet": 5}, '"outlet" must be a string, found a number'),
       ({"language": 7}, '"language" must be a string (a language code: en, fr, ...), found a number'),
       ({"id": {"n": 1}}, '"id" must be a string or an integer, found an object'),
       ({"url": {"a": 1}}, '"url" must be a string, found an object'),
       ({"published": 20230507}, '"published" must be a string (YYYY-MM-DD), found a number'),
       ({"title": ["a", "b"]}, '"title" must be a string, found a list'),
       ({"outlet": "x" * 301}, '"outlet" must be at most 300 characters, found 301')]


def _file(tmp_path: Path) -> Path:
    lines = [{"id": "good-0", "text": TEXT, "published": "2024-03-12"}]
    for i, (fields, _) in enumerate(BAD, start=1):  # distinct texts: the store keeps one report per text
        lines.append({"id": f"bad-{i}", "text": TEXT, **fields})
        lines.append({"id": f"good-{i}", "text": TEXT.replace("3", str(i + 3)), "published": "2024-03-12",
                      "outlet": "Radio"})
    path = tmp_path / "reports.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    return path


def test_each_bad_line_is_named_and_every_good_line_read(tmp_path: Path) -> None:
    path = _file(tmp_path)
    errors: list[str] = []
    reports = list(read_reports([path], on_error=lambda exc: errors.extend(str(e) for e in each_error(exc))))
    assert [r.id for r in reports] == [f"good-{i}" for i in range(len(BAD) + 1)]
    assert errors == [f"[E105] {path}:{2 * i}: {message}" for i, (_, message) in enumerate(BAD, start=1)]


def test_several_bad_fields_each_get_a_message() -> None:
    with pytest.raises(ReportFieldError) as caught:
        report_from_dict({"text": TEXT, "outlet": 5, "url": [1], "id": True}, source="r.jsonl:3")
    assert [str(e) for e in each_error(caught.value)] == [
        '[E105] r.jsonl:3: "id" must be a string or an integer, found true',
        '[E105] r.jsonl:3: "url" must be a string, found a list',
        '[E105] r.jsonl:3: "outlet" must be a string, found a number']


def test_integer_ids_dates_and_unsafe_characters() -> None:
    import datetime as dt

    assert check_report_fields({"id": 17, "published": dt.date(2024, 3, 12), "text": "a"}, "x")["id"] == "17"
    report = report_from_dict({"id": 17, "text": "Gunmen\u0000 killed \ud800 three.", "title": "T\ud800"},
                              source="x")
    assert report.id == "17" and "\x00" not in report.text and report.title == "T\ufffd"
    report.text.encode("utf-8")


def test_cli_ingest_stores_the_good_lines_and_exits_1(tmp_path: Path) -> None:
    path = _file(tmp_path)
    db = tmp_path / "e.db"
    result = subprocess.run([sys.executable, "-m", "eventcoder.cli", "ingest", str(path), "--db", f"sqlite:///{db}",
                             "--quiet"], capture_output=True, timeout=300)
    err = result.stderr.decode()
    assert result.returncode == 1, err
    assert "Traceback" not in err and "internal error" not in err
    for i, (_, message) in enumerate(BAD, start=1):
        assert f"[E105] {path}:{2 * i}: {message}" in err
    with sqlite3.connect(db) as conn:
        stored = {row[0] for row in conn.execute("SELECT id FROM reports")}
    assert stored == {f"good-{i}" for i in range(len(BAD) + 1)}


def test_drop_folder_lines_with_bad_fields_are_failed_items(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    _file(inbox)
    items = FolderPoller(inbox, max_bytes=10**6).poll()
    good = [i for i in items if not i.error]
    bad = [i for i in items if i.error]
    assert [i.key for i in good] == [f"reports.jsonl#good-{i}" for i in range(len(BAD) + 1)]
    assert [i.error for i in bad] == [f"[E105] reports.jsonl:{2 * i}: {m}" for i, (_, m) in enumerate(BAD, 1)]
    assert good[1].outlet == "Radio" and good[1].payload["report"]["text"] == TEXT.replace("3", "4")


def test_batch_reads_the_good_lines_and_names_the_bad(tmp_path: Path) -> None:
    from eventcoder.batch import plan_partitions, read_partition

    path = _file(tmp_path)
    entries = [e for p in plan_partitions([path], 4) for e in read_partition(p)]
    assert [e.id for e in entries if not isinstance(e, str)] == [f"good-{i}" for i in range(len(BAD) + 1)]
    assert [e for e in entries if isinstance(e, str)] == [
        f"[E105] {path}:{2 * i}: {m}" for i, (_, m) in enumerate(BAD, 1)]
