"""The command line end to end: outputs and one-line errors with a non-zero exit."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from eventcoder.formats import ACLED_COLUMNS

EXE = [sys.executable, "-m", "eventcoder.cli"]
REPORT = ("Gunmen ambushed an army patrol near Tamou in Niger's Tillaberi region on Tuesday, killing seven "
          "soldiers, the defence ministry said on Thursday.")


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([*EXE, *args], input=stdin, capture_output=True, timeout=300)


@pytest.mark.parametrize(
    ("args", "message"),
    [(["extract", "/nonexistent/file.txt"], "[E101]"),
     (["extract", "--published", "21/04/2023", "-"], "[E303]"),
     (["eval", "--gold", "/nonexistent/gold.jsonl"], "eventcoder:")],
)
def test_errors_are_one_line_and_exit_non_zero(args: list[str], message: str) -> None:
    result = run(*args, stdin=b"text")
    assert result.returncode != 0
    err = result.stderr.decode()
    assert message in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_one_bad_line_does_not_cost_the_good_reports(tmp_path: Path) -> None:
    path = tmp_path / "reports.jsonl"
    path.write_text(json.dumps({"id": "good", "text": REPORT, "published": "2023-05-04"}) + "\n{oops\n",
                    encoding="utf-8")
    result = run("extract", str(path), "--format", "jsonl")
    assert result.returncode == 1
    events = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert events and all(e["report_ids"] == ["good"] for e in events)
    err = result.stderr.decode()
    assert "reports.jsonl:2" in err and "[E101]" in err and "Traceback" not in err


def test_empty_and_binary_stdin(tmp_path: Path) -> None:
    for payload, code in ((b"", "[E102]"), (b"\x00\x00\xff\xfe\x00junk", "[E103]")):
        result = run("extract", "-", stdin=payload)
        assert result.returncode == 1 and code in result.stderr.decode()


@pytest.mark.slow
def test_extract_formats(tmp_path: Path) -> None:
    source = tmp_path / "r.txt"
    source.write_text(REPORT, encoding="utf-8")
    csv_path, geo_path = tmp_path / "e.csv", tmp_path / "e.geojson"
    result = run("extract", str(source), "--published", "2024-03-14", "--format", "jsonl",
                 "--csv", str(csv_path), "--geojson", str(geo_path))
    assert result.returncode == 0, result.stderr.decode()
    (record,) = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert record["event_date"] == "2024-03-12" and record["report_ids"]
    rows = list(csv.reader(io.StringIO(csv_path.read_text("utf-8"))))
    assert tuple(rows[0][:len(ACLED_COLUMNS)]) == ACLED_COLUMNS and len(rows) == 2
    collection = json.loads(geo_path.read_text("utf-8"))
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == 1
