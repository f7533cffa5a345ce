"""Each command's main path and one bad input, in process (typer's runner), on a real SQLite database.

Every command that fails says one coded line (``eventcoder: [Exxx] ...``) and exits 1; a wrong usage exits 2.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventcoder.cli.app import app
from eventcoder.geo._build import ensure_default_gazetteer

REPORT = ("Unidentified gunmen stormed a market in Tera on Sunday, killing nine traders, a local official told "
          "reporters in Niamey on Monday.")


def invoke(*args: str, stdin: str | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args), input=stdin, terminal_width=200)


def one_coded_line(result, code: str) -> None:  # type: ignore[no-untyped-def]
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and f"[{code}]" in lines[0] and "Traceback" not in result.output, result.output


@pytest.fixture(scope="module")
def filled_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A SQLite database into which ``ingest`` coded REPORT."""
    folder = tmp_path_factory.mktemp("commands")
    source = folder / "report.txt"
    source.write_text(REPORT, encoding="utf-8")
    url = f"sqlite:///{folder / 'events.db'}"
    result = invoke("ingest", str(source), "--published", "2024-06-04", "--db", url, "--quiet")
    assert result.exit_code == 0, result.output
    return url


@pytest.fixture()
def empty_db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    assert invoke("db", "upgrade", "--db", url).exit_code == 0
    return url


@pytest.mark.slow
def test_ingest_then_events_list_the_coded_event(filled_db: str) -> None:
    result = invoke("events", "--format", "jsonl", "--db", filled_db)
    assert result.exit_code == 0, result.output
    (event,) = [json.loads(line) for line in result.output.splitlines()]
    assert event["event_date"] == "2024-06-02" and event["country"] == "Niger"


def test_ingest_rejects_a_bad_publication_date(empty_db: str) -> None:
    one_coded_line(invoke("ingest", "-", "--published", "June 4th", "--db", empty_db, stdin=REPORT), "E303")


def test_events_rejects_a_bad_date_and_a_bad_box(empty_db: str) -> None:
    one_coded_line(invoke("events", "--date-from", "2024-13-01", "--db", empty_db), "E303")
    one_coded_line(invoke("events", "--bbox", "10,20,5,15", "--db", empty_db), "E502")


@pytest.mark.slow
def test_export_writes_acled_csv(filled_db: str, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    result = invoke("export", "--format", "acled-csv", "--output", str(out), "--db", filled_db)
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and "Tera" in lines[1]


def test_export_refuses_an_unknown_format(empty_db: str) -> None:
    assert invoke("export", "--format", "xlsx", "--db", empty_db).exit_code == 2


def test_db_upgrade_creates_the_database_and_refuses_an_unknown_driver(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    assert invoke("db", "upgrade", "--db", f"sqlite:///{path}").exit_code == 0
    assert path.is_file()
    one_coded_line(invoke("db", "upgrade", "--db", "nosuchdriver://host/db"), "E500")


def test_status_of_an_empty_database_and_of_a_missing_one(empty_db: str, tmp_path: Path) -> None:
    result = invoke("status", "--format", "json", "--db", empty_db)
    assert result.exit_code == 0, result.output
    assert isinstance(json.loads(result.output), dict)
    one_coded_line(invoke("status", "--db", f"sqlite:///{tmp_path / 'absent.db'}"), "E500")


def test_digest_of_an_empty_database_and_a_bad_period(empty_db: str) -> None:
    result = invoke("digest", "--since", "7d", "--format", "json", "--db", empty_db)
    assert result.exit_code == 0, result.output
    assert isinstance(json.loads(result.output), dict)
    bad = invoke("digest", "--since", "a fortnight", "--db", empty_db)
    assert bad.exit_code in (1, 2) and "Traceback" not in bad.output


def test_watch_once_over_an_empty_drop_folder_and_a_missing_config(empty_db: str, tmp_path: Path) -> None:
    (tmp_path / "inbox").mkdir()
    config = tmp_path / "monitor.toml"
    config.write_text('[[source]]\nname = "inbox"\npath = "inbox"\ninterval = "30s"\n', encoding="utf-8")
    assert invoke("watch", "--once", "--quiet", "--config", str(config), "--db", empty_db).exit_code == 0
    one_coded_line(invoke("watch", "--once", "--config", str(tmp_path / "absent.toml"), "--db", empty_db), "E900")


def test_gazetteer_info_of_the_cached_one_and_of_a_missing_file(tmp_path: Path) -> None:
    result = invoke("gazetteer", "info", "--db", str(ensure_default_gazetteer()))
    assert result.exit_code == 0, result.output
    assert "version" in result.output.lower()
    one_coded_line(invoke("gazetteer", "info", "--db", str(tmp_path / "absent.sqlite")), "E900")


def test_geoparse_names_the_places_and_refuses_an_unknown_format(tmp_path: Path) -> None:
    source = tmp_path / "text.txt"
    source.write_text(REPORT, encoding="utf-8")
    result = invoke("geoparse", str(source), "--format", "jsonl")
    assert result.exit_code == 0, result.output
    names = {json.loads(line)["text"] for line in result.output.splitlines()}
    assert {"Tera", "Niamey"} <= names
    one_coded_line(invoke("geoparse", str(source), "--format", "xml"), "E900")


def test_eval_geo_refuses_a_missing_file(tmp_path: Path) -> None:
    result = invoke("eval-geo", str(tmp_path / "absent.xml"))
    assert result.exit_code != 0 and "Traceback" not in result.output


def test_serve_refuses_protected_reads_without_a_token(empty_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EVENTCODER_TOKEN", raising=False)
    one_coded_line(invoke("serve", "--protect-reads", "--db", empty_db), "E900")


def test_serve_refuses_a_bad_limit_variable(empty_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTCODER_MAX_BATCH", "lots")
    one_coded_line(invoke("serve", "--db", empty_db), "E900")


def test_batch_refuses_a_missing_input(tmp_path: Path) -> None:
    result = invoke("batch", str(tmp_path / "absent.jsonl"), "--out", str(tmp_path / "out.parquet"), "--quiet")
    assert result.exit_code == 1 and "Traceback" not in result.output
