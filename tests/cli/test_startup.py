"""What each command imports: the commands that code no text never load the NLP stack (spaCy, the
gazetteer), Dask, pandas or the web stack, those that only read events neither the ORM nor fusion, and the
package's public names load on first use. (How fast they start is measured in bench/cli_bench.py, never
timed here.)"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from eventcoder.store import EventStore

NLP = {"spacy", "thinc", "dask", "distributed", "pandas", "pyarrow", "shapely", "rapidfuzz", "ahocorasick",
       "dateparser", "trafilatura", "eventcoder.pipeline", "eventcoder.nlp", "eventcoder.extract",
       "eventcoder.geo", "eventcoder.actors"}
WEB = {"fastapi", "starlette", "uvicorn", "httpx", "numpy", "alembic"}
# what reading events needs not: the ORM (listings read plain rows) and fusion
WRITE = {"sqlalchemy.orm", "eventcoder.store._orm", "eventcoder.fuse", "eventcoder.store._ingest",
         "eventcoder.store._load"}

PROBE = """
import json, sys
sys.argv = ["eventcoder", *json.loads(sys.argv[1])]
from eventcoder.cli.app import app
try:
    app()
except SystemExit:
    pass
print("\\nMODULES " + json.dumps(sorted(sys.modules)))
"""


def loaded(*args: str, cwd: Path | None = None) -> set[str]:
    """The modules a fresh process holds once it ran ``eventcoder ARGS`` (packages and their names)."""
    result = subprocess.run([sys.executable, "-c", PROBE, json.dumps(list(args))], capture_output=True, text=True,
                            timeout=120, cwd=cwd)
    line = next(x for x in result.stdout.splitlines() if x.startswith("MODULES "))
    names = set(json.loads(line.removeprefix("MODULES ")))
    return names | {n.split(".")[0] for n in names}


def test_importing_the_cli_loads_no_stage() -> None:
    names = loaded("--version")
    assert not names & (NLP | WEB | {"sqlalchemy", "rich", "pydantic"})


@pytest.fixture(scope="module")
def db_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('startup') / 'events.db'}"
    EventStore(url).close()
    return url


@pytest.mark.parametrize("args", [
    ["--help"], ["events", "--help"], ["events", "--limit", "1"], ["events", "--format", "jsonl"],
    ["export", "--format", "acled-csv"], ["status"], ["digest"], ["db", "upgrade"],
], ids=lambda a: " ".join(a))
def test_database_commands_load_neither_nlp_nor_web(args: list[str], db_url: str) -> None:
    names = loaded(*args, *(["--db", db_url] if "--help" not in args else []))
    assert not names & (NLP | WEB | WRITE)
    if "--help" not in args:
        assert "sqlalchemy" in names  # the probe ran the command itself


def test_the_served_app_loads_neither_the_orm_nor_fusion() -> None:
    code = f"import sys, eventcoder.api.app; print(sorted(m for m in {sorted(WRITE)!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.stdout.strip() == "[]", out.stderr


def test_a_write_after_a_read_maps_the_rows_for_the_orm(tmp_path: Path) -> None:
    """Reading first leaves the ORM unloaded; the first write in the same process loads and maps it."""
    code = ("import sys; from eventcoder.store import EventStore; from eventcoder.records import Event; "
            f"store = EventStore('sqlite:///{tmp_path / 'rw.db'}'); store.events(limit=5); "
            "before = 'sqlalchemy.orm' in sys.modules; "
            "ids = store.load_events([Event(event_date='2022-05-04', year=2022, event_type='Battles', "
            "country='Niger', iso=562, location='Dosso', latitude=13.05, longitude=3.19)]); "
            "print(before, ids, store.report_count(), [e.location for e in store.events()])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.stdout.split(maxsplit=1) == ["False", "['NER1'] 0 ['Dosso']\n"], out.stderr


def test_bad_inputs_are_told_before_any_model_loads(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    for args in (["extract", str(tmp_path / "missing.txt")], ["extract", str(tmp_path / "empty.txt")],
                 ["ingest", str(tmp_path / "missing.txt"), "--db", f"sqlite:///{tmp_path / 'x.db'}"]):
        names = loaded(*args)
        assert "eventcoder.ingest" in names and not names & NLP, args


def test_the_package_loads_its_heavy_names_on_first_use() -> None:
    code = ("import sys, eventcoder; before = set(sys.modules); store = eventcoder.EventStore; "
            "print(sorted({'spacy', 'sqlalchemy', 'pandas'} & before), store.__name__, "
            "'spacy' in sys.modules, callable(eventcoder.extract), callable(eventcoder.to_dataframe))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120).stdout.split()
    assert out == ["[]", "EventStore", "False", "True", "True"]
