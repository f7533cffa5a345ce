"""A kill -9 in the middle of an ingest loses nothing committed and leaves no half-written event."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from store_helpers import canonical, integrity_problems, synthetic_reports

from eventcoder.store import EventStore

CHILD = Path(__file__).with_name("store_crash_child.py")
COUNT, SEED = 40, 3


def _start(url: str, *part: int) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, str(CHILD), url, str(COUNT), str(SEED), *map(str, part)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
@pytest.mark.parametrize("kill_after", [1, 12])
def test_kill_9_mid_ingest_loses_nothing(tmp_path: Path, kill_after: int) -> None:
    url = f"sqlite:///{tmp_path / 'crash.db'}"
    child = _start(url)
    committed = []
    assert child.stdout is not None
    while len(committed) < kill_after:
        line = child.stdout.readline()
        assert line, child.stderr.read() if child.stderr else "child ended"
        committed.append(line.split()[1])
    time.sleep(0.01)  # well inside the next report's transaction (each write pauses 4 ms)
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    committed += [line.split()[1] for line in child.stdout.read().splitlines() if line.startswith("committed")]

    with EventStore(url) as store:
        assert integrity_problems(store) == []
        stored = {r for r in (store.report(rid) for rid in committed) if r is not None}
        assert {r.id for r in stored} == set(committed)  # nothing committed is lost
        assert store.report_count() in (len(committed), len(committed) + 1)  # the killed one: all or nothing
        for rid in committed:
            assert store.events_of(rid)

    # a rerun completes the job, and ends where an uninterrupted run ends
    rerun = _start(url)
    _, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err
    with EventStore(url) as store, EventStore("sqlite:///:memory:") as clean:
        clean.ingest_many(synthetic_reports(COUNT, SEED))
        assert integrity_problems(store) == []
        assert store.report_count() == COUNT
        assert canonical(store.events()) == canonical(clean.events())


def test_two_writers_at_once_take_turns(tmp_path: Path) -> None:
    """Two processes ingest halves of the reports into one SQLite file at the same time."""
    url = f"sqlite:///{tmp_path / 'two.db'}"
    EventStore(url).close()  # the schema first (both would otherwise race to create it)
    writers = [_start(url, part, 2) for part in (0, 1)]
    for writer in writers:
        _, err = writer.communicate(timeout=300)
        assert writer.returncode == 0, err
    with EventStore(url) as store, EventStore("sqlite:///:memory:") as clean:
        clean.ingest_many(synthetic_reports(COUNT, SEED))
        assert integrity_problems(store) == []
        assert store.report_count() == COUNT
        assert canonical(store.events()) == canonical(clean.events())
