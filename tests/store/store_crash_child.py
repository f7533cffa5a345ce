"""Run by test_store_crash.py in a subprocess: ingest synthetic reports, slowly, until killed.

    python store_crash_child.py DB_URL COUNT SEED [PART PARTS]

(with PART and PARTS, only every PARTS-th report from the PART-th: several writers share the work.)

Prints ``committed REPORT_ID`` after each report's transaction commits. Each write pauses a little
inside the transaction, so a SIGKILL is likely to land in the middle of one.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from store_helpers import synthetic_reports

from eventcoder.store import EventStore, _ingest

_recode = _ingest._Fusion._recode


def _slow_recode(self, *args, **kwargs):  # type: ignore[no-untyped-def]
    time.sleep(0.004)
    return _recode(self, *args, **kwargs)


def main() -> None:
    url, count, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    part, parts = (int(sys.argv[4]), int(sys.argv[5])) if len(sys.argv) > 5 else (0, 1)
    _ingest._Fusion._recode = _slow_recode  # type: ignore[method-assign]
    with EventStore(url) as store:
        for report, mentions in synthetic_reports(count, seed)[part::parts]:
            store.ingest(report, mentions)
            print(f"committed {report.id}", flush=True)
    print("done", flush=True)


if __name__ == "__main__":
    main()
