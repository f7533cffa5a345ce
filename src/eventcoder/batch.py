"""``eventcoder batch``: the pipeline over large report collections on Dask (``dask.distributed``).

The same code runs on a ``LocalCluster`` and on any Dask cluster reached by its scheduler address:

1. **Plan** (client): the inputs become small partition descriptors (a JSON Lines byte range, a run of
   Parquet row groups, a list of .txt/.html files), in the order ``eventcoder ingest`` reads them. No report
   is read here, so a collection never has to fit in memory.
2. **Extract** (workers): each task reads its partition, runs the cheap prefilter
   (:mod:`eventcoder.ingest.prefilter`) and then ``Pipeline.mentions`` on the reports it keeps. The
   pipeline (spaCy models, gazetteer, actor dictionary) is built once per worker by :class:`PipelinePlugin`.
   A report that cannot be read or coded is logged and skipped; it never fails the batch.
3. **Checkpoint** (client): each partition's reports and mentions go to a file in the checkpoint directory,
   keyed by the input fingerprint; a batch run again skips the partitions already there. A worker that dies
   costs a retry of its tasks (Dask reschedules them); results are taken per partition, so no report is lost
   or counted twice.
4. **Fuse**, in one of two ways (the same events, fields, ids and history as ``eventcoder ingest`` on the
   same reports in the same order, either way):

   - ``fusion="stream"`` (default): partitions are fused on the client in input order through
     ``EventStore.ingest``, the code path of ``eventcoder ingest``, while the workers extract the next ones.
   - ``fusion="blocks"``: once everything is extracted, the mentions are blocked by country and week, the
     blocks fused in parallel on the workers (:func:`eventcoder.fuse.plan_fusion`; groups of blocks whose
     events could meet across a border are merged and fused again), and the client writes each report's
     planned step in input order (``EventStore.ingest_planned``: no candidate queries, no fusion). A step
     is used only where it is exactly what ``ingest`` would do at that point (the report comes in
     publication order within its blocks); otherwise the report, and the later reports of its blocks, go
     through ``EventStore.ingest``. For many workers, where the client's fusion is the limit.

Example:
    >>> from distributed import Client, LocalCluster
    >>> from eventcoder.batch import register_pipeline, run_batch
    >>> from eventcoder.store import EventStore
    >>> with Client(LocalCluster(n_workers=2, threads_per_worker=1)) as client, EventStore(url) as store:
    ...     register_pipeline(client)
    ...     summary = run_batch(["reports.jsonl"], client=client, store=store, checkpoint="events.batch")
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import pickle
import resource
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from distributed import WorkerPlugin, as_completed, get_worker

from eventcoder.errors import EventcoderError
from eventcoder.fuse import Cluster, FusionPlan, plan_fusion, report_key
from eventcoder.fuse._blocks import run_groups_here
from eventcoder.records import Mention, Report
from eventcoder.store import PlanMismatch
from eventcoder.store._ingest import report_hash
from eventcoder.store.summary import IngestSummary

__all__ = [
    "BatchSummary",
    "Checkpoint",
    "Partition",
    "PartitionResult",
    "PipelinePlugin",
    "dashboard_link",
    "plan_partitions",
    "process_partition",
    "read_partition",
    "register_pipeline",
    "run_batch",
]

log = logging.getLogger("eventcoder.batch")

PLUGIN_NAME = "eventcoder-pipeline"
FORMAT = 1  # of the checkpoint files: bump when PartitionResult changes
TEXT_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", ".json")
SUFFIXES = (*TEXT_SUFFIXES, ".jsonl", ".parquet")


# ---------------------------------------------------------------- partitions

@dataclass(frozen=True, slots=True)
class Partition:
    """A slice of the input, small enough for one task.

    ``kind`` is ``jsonl`` (bytes ``start:stop`` of ``path``, from line ``first_line``), ``parquet`` (row
    groups ``start:stop`` of ``path``) or ``files`` (each of ``files`` is one or more reports).
    ``count`` is the number of lines, rows or files; ``stamp`` the size and modification time of the
    file(s), for the fingerprint.
    """

    index: int
    kind: str
    path: str = ""
    start: int = 0
    stop: int = 0
    first_line: int = 1
    files: tuple[str, ...] = ()
    count: int = 0
    stamp: str = ""
    published: str | None = None

    def describe(self) -> str:
        if self.kind == "jsonl":
            return f"{self.path}:{self.first_line}-{self.first_line + self.count - 1}"
        if self.kind == "parquet":
            return f"{self.path} row groups {self.start}-{self.stop - 1}"
        return f"{self.files[0]} (+{len(self.files) - 1} files)" if len(self.files) > 1 else self.files[0]


def _stamp(path: Path) -> str:
    st = path.stat()
    return f"{st.st_size}:{st.st_mtime_ns}"


def _input_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named, and report files inside named folders (sorted, recursive), as ``ingest`` lists them."""
    for raw in paths:
        path = Path(raw)
        if str(raw) == "-":
            raise ValueError("batch reads files and folders, not stdin: use `eventcoder ingest -`")
        if not path.exists():
            raise FileNotFoundError(f"{raw}: no such file or directory")
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
        else:
            yield path


def _jsonl_partitions(path: Path, size: int, index: int, published: str | None) -> Iterator[Partition]:
    with path.open("rb") as fh:
        head = fh.read(2)
        if head in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16: read whole, as ingest does
            yield Partition(index, "files", files=(str(path),), count=1, stamp=_stamp(path), published=published)
            return
        fh.seek(0)
        start = offset = 0
        first = line_no = 1
        count = 0
        for line in fh:
            offset += len(line)
            count += 1
            line_no += 1
            if count == size:
                yield Partition(index, "jsonl", str(path), start, offset, first, count=count,
                                stamp=_stamp(path), published=published)
                index += 1
                start, first, count = offset, line_no, 0
        if count:
            yield Partition(index, "jsonl", str(path), start, offset, first, count=count,
                            stamp=_stamp(path), published=published)


def _parquet_partitions(path: Path, size: int, index: int, published: str | None) -> Iterator[Partition]:
    import pyarrow.parquet as pq

    try:
        meta = pq.ParquetFile(path).metadata
    except (OSError, ValueError):  # not Parquet: one partition whose reading says so (bad input costs no run)
        yield Partition(index, "parquet", str(path), 0, 0, count=1, stamp=_stamp(path), published=published)
        return
    start = rows = 0
    for group in range(meta.num_row_groups):
        rows += meta.row_group(group).num_rows
        if rows >= size:
            yield Partition(index, "parquet", str(path), start, group + 1, count=rows, stamp=_stamp(path),
                            published=published)
            index += 1
            start, rows = group + 1, 0
    if start < meta.num_row_groups:
        yield Partition(index, "parquet", str(path), start, meta.num_row_groups, count=rows,
                        stamp=_stamp(path), published=published)


def plan_partitions(paths: Iterable[str | Path], size: int = 200, *,
                    published: str | None = None) -> list[Partition]:
    """The partitions of the inputs, in ``ingest``'s order (descriptors only: nothing is read but
    newlines and Parquet metadata).

    Raises:
        FileNotFoundError: an input does not exist. ValueError: ``-`` (stdin) or a bad size.
    """
    if size < 1:
        raise ValueError(f"partition size must be at least 1, got {size}")
    plan: list[Partition] = []
    files: list[Path] = []

    def flush() -> None:
        for i in range(0, len(files), size):
            chunk = files[i:i + size]
            plan.append(Partition(len(plan), "files", files=tuple(str(f) for f in chunk), count=len(chunk),
                                  stamp=",".join(_stamp(f) for f in chunk), published=published))
        files.clear()

    for path in _input_files(paths):
        suffix = path.suffix.lower()
        if suffix == ".jsonl":
            flush()
            plan.extend(_jsonl_partitions(path, size, len(plan), published))
        elif suffix == ".parquet":
            flush()
            plan.extend(_parquet_partitions(path, size, len(plan), published))
        else:
            files.append(path)
    flush()
    return plan


def _decode_line(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _message(exc: EventcoderError) -> str:
    """One input's message: its error, or those of each of a report's bad fields, joined by ``; ``."""
    from eventcoder.ingest import each_error

    return "; ".join(str(error) for error in each_error(exc))


def read_partition(partition: Partition) -> Iterator[Report | str]:
    """The reports of a partition, in order; a string (the message) for each input that is not a report.

    Every line or row goes through ``report_from_dict`` (the one check of a report's fields, as ``ingest``
    and the API use it); a line with several bad fields gets one message naming each.
    """
    from eventcoder.ingest import MAX_BYTES, load_json_line, read_path, report_from_dict

    if partition.kind == "files":
        for name in partition.files:
            try:
                yield from read_path(Path(name), published=partition.published)
            except EventcoderError as exc:
                yield _message(exc)
        return
    if partition.kind == "parquet":
        yield from _parquet_reports(partition)
        return
    with open(partition.path, "rb") as fh:
        fh.seek(partition.start)
        data = fh.read(partition.stop - partition.start)
    for number, raw in enumerate(data.split(b"\n"), start=partition.first_line):
        if not raw.strip():
            continue
        where = f"{partition.path}:{number}"
        if len(raw) > MAX_BYTES:
            yield f"{where}: the line is over {MAX_BYTES} bytes"
            continue
        try:
            yield report_from_dict(load_json_line(_decode_line(raw), where), source=where,
                                   published=partition.published)
        except EventcoderError as exc:
            yield _message(exc)
        except (ValueError, TypeError) as exc:
            yield f"{where}: {exc}"


def _parquet_reports(partition: Partition) -> Iterator[Report | str]:
    """The rows of a Parquet partition as reports; a coded message for a file that is not Parquet."""
    try:
        yield from _parquet_rows(partition)
    except (OSError, ValueError) as exc:  # pyarrow's ArrowInvalid is a ValueError, ArrowIOError an OSError
        yield f"[E101] cannot read {partition.path}: not a readable Parquet file ({exc})"


def _parquet_rows(partition: Partition) -> Iterator[Report | str]:
    import pyarrow.parquet as pq

    from eventcoder.ingest import report_from_dict

    parquet = pq.ParquetFile(partition.path)
    wanted = [c for c in ("id", "text", "published", "url", "outlet", "language", "title")
              if c in parquet.schema_arrow.names]
    row = sum(parquet.metadata.row_group(g).num_rows for g in range(partition.start))
    for batch in parquet.iter_batches(batch_size=256, row_groups=range(partition.start, partition.stop),
                                      columns=wanted):
        for record in batch.to_pylist():
            where = f"{partition.path}#row{row}"
            row += 1
            try:
                yield report_from_dict(record, source=where, published=partition.published)
            except EventcoderError as exc:
                yield _message(exc)
            except (ValueError, TypeError) as exc:
                yield f"{where}: {exc}"


# ---------------------------------------------------------------- workers

@dataclass(slots=True)
class PartitionResult:
    """What a worker found in one partition: every report read (with its mentions, none when the
    prefilter dropped it), the inputs it could not read or code, and the CPU time the task took (reading,
    prefilter and extraction) and of that the prefilter's."""

    index: int
    items: list[tuple[Report, list[Mention]]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    kept: int = 0
    dropped: int = 0
    seconds: float = 0.0
    prefilter_seconds: float = 0.0
    worker: str = ""
    peak_rss_mb: float = 0.0

    @property
    def read(self) -> int:
        return len(self.items) + len(self.errors)


def process_partition(partition: Partition, pipeline: Any, prefilter: Any = None) -> PartitionResult:
    """Read one partition, prefilter it and extract the mentions of the reports kept (``Pipeline.mentions``).

    A report whose extraction raises is logged in ``errors`` and left out (as ``ingest`` leaves it out).
    """
    if prefilter is None:
        from eventcoder.ingest.prefilter import Prefilter

        prefilter = Prefilter.load()
    result = PartitionResult(partition.index)
    started = time.thread_time()
    for entry in read_partition(partition):
        if isinstance(entry, str):
            result.errors.append(entry)
            continue
        before = time.thread_time()
        keep = prefilter.keep(entry)
        result.prefilter_seconds += time.thread_time() - before
        if not keep:
            result.dropped += 1
            result.items.append((entry, []))
            continue
        try:
            mentions = pipeline.mentions(entry)
        except Exception as exc:  # a bad report must never fail the batch
            result.errors.append(f"report {entry.id}: extraction failed: {type(exc).__name__}: {exc}")
            continue
        result.kept += 1
        result.items.append((entry, list(mentions)))
    result.seconds = time.thread_time() - started
    result.peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def _make_pipeline() -> Any:
    from eventcoder.pipeline import Pipeline

    return Pipeline(warn=None)


class PipelinePlugin(WorkerPlugin):
    """A ``distributed.WorkerPlugin`` that builds one pipeline per worker and loads its models, gazetteer
    and actor dictionary at start (in a thread, so the worker keeps answering the scheduler). A worker
    that starts later (after a crash) gets it too.

    Args:
        factory: builds the pipeline (default: ``Pipeline(warn=None)``); it must be importable on workers.
        warm: load everything at start rather than on the first task.
    """

    idempotent = True
    name = PLUGIN_NAME

    def __init__(self, factory: Callable[[], Any] = _make_pipeline, warm: bool = True) -> None:
        self.factory = factory
        self.warm = warm
        self.pipeline: Any = None
        self._building = threading.Lock()
        self.busy = threading.Lock()  # one task at a time uses the pipeline (spaCy state is per process)

    def __getstate__(self) -> dict[str, Any]:
        return {"factory": self.factory, "warm": self.warm}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(**state)  # type: ignore[misc]

    async def setup(self, worker: Any) -> None:
        import asyncio

        if self.warm:
            await asyncio.to_thread(self.get)

    def teardown(self, worker: Any) -> None:
        self.pipeline = None

    def get(self) -> Any:
        """The worker's pipeline, built (and warmed up) on first use."""
        with self._building:
            if self.pipeline is None:
                pipeline = self.factory()
                if self.warm:
                    _warm_up(pipeline)
                self.pipeline = pipeline
            return self.pipeline


def _warm_up(pipeline: Any) -> None:
    from eventcoder.ingest.prefilter import Prefilter

    Prefilter.load()
    for language, text in (("en", "Gunmen killed two soldiers in Mali on Monday."),
                           ("fr", "Des hommes armés ont tué deux soldats au Mali lundi.")):
        pipeline.mentions(Report(id=f"warm-up-{language}", text=text, published="2023-01-02", language=language))


_LOCAL: dict[str, PipelinePlugin] = {}


def _extract_task(partition: Partition) -> PartitionResult:
    """The Dask task: one partition with the worker's pipeline (the plugin's, else one per process)."""
    try:
        worker = get_worker()
        plugin = worker.plugins.get(PLUGIN_NAME)
        address = worker.address
    except ValueError:  # not on a worker
        plugin, address = None, f"pid {os.getpid()}"
    if not isinstance(plugin, PipelinePlugin):
        plugin = _LOCAL.setdefault("plugin", PipelinePlugin())
    pipeline = plugin.get()
    with plugin.busy:
        result = process_partition(partition, pipeline)
    result.worker = address
    return result


def register_pipeline(client: Any, factory: Callable[[], Any] | None = None, *, warm: bool = True) -> None:
    """Register :class:`PipelinePlugin` on the cluster: each worker (also one started later, after a crash)
    builds its pipeline once. Registering again keeps the pipelines already loaded."""
    client.register_plugin(PipelinePlugin(factory or _make_pipeline, warm), name=PLUGIN_NAME)


def dashboard_link(client: Any) -> str | None:
    """The Dask dashboard's address, or ``None`` when the scheduler serves none. (Its plots need bokeh;
    without it the worker pages under ``/info/main/workers.html`` still work.)"""
    try:
        services = client.scheduler_info().get("services", {})
    except Exception:
        return None
    return str(client.dashboard_link) if "dashboard" in services else None


# ---------------------------------------------------------------- checkpoint

def code_fingerprint() -> str:
    """Size and time of every file of the installed eventcoder (code, lexicons, dictionary): a
    checkpoint written by other code is not reused."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(f"{path.relative_to(root)}:{_stamp(path)}\n".encode())
    return digest.hexdigest()


def fingerprint(plan: Sequence[Partition]) -> str:
    """The input fingerprint: every partition (files, offsets, sizes, times) and the code."""
    from eventcoder import __version__

    digest = hashlib.sha256(f"eventcoder-batch {FORMAT} {__version__} {code_fingerprint()}\n".encode())
    for p in plan:
        digest.update(repr((p.index, p.kind, p.path, p.start, p.stop, p.first_line, p.files, p.stamp,
                            p.published)).encode())
    return digest.hexdigest()


class Checkpoint:
    """``ROOT/<fingerprint>/``: ``manifest.json``, one ``part-NNNNNN.pkl`` per finished partition and
    ``fused.json`` (how far fusion went, and into which database). ``plan`` and ``key`` are the inputs'
    partitions and fingerprint."""

    def __init__(self, root: str | Path, plan: Sequence[Partition]) -> None:
        self.plan = list(plan)
        self.key = fingerprint(self.plan)
        self.root = Path(root)
        self.dir = self.root / self.key[:16]
        self.dir.mkdir(parents=True, exist_ok=True)
        manifest = self.dir / "manifest.json"
        if not manifest.exists():
            _write_atomic(manifest, json.dumps({
                "fingerprint": self.key, "format": FORMAT, "partitions": len(self.plan),
                "reports": sum(p.count for p in self.plan),
                "inputs": sorted({p.path for p in self.plan if p.path} | {p.files[0] for p in self.plan if p.files}),
            }, indent=1).encode())

    @classmethod
    def open(cls, inputs: Iterable[str | Path], root: str | Path, *, partition_size: int = 200,
             published: str | None = None) -> Checkpoint:
        """Plan the inputs and open (or resume) their checkpoint under ``root``."""
        return cls(root, plan_partitions(inputs, partition_size, published=published))

    def _part(self, index: int) -> Path:
        return self.dir / f"part-{index:06d}.pkl"

    def finished(self) -> set[int]:
        return {int(p.stem.split("-")[1]) for p in self.dir.glob("part-*.pkl")}

    def save(self, result: PartitionResult) -> None:
        _write_atomic(self._part(result.index), pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))

    def load(self, index: int) -> PartitionResult:
        with self._part(index).open("rb") as fh:
            result = pickle.load(fh)
        assert isinstance(result, PartitionResult)
        return result

    def fused_through(self, target: str) -> tuple[int, str | None]:
        path = self.dir / "fused.json"
        if not path.exists():
            return -1, None
        data = json.loads(path.read_text())
        if data.get("target") != target:
            return -1, None
        return int(data["through"]), data.get("last_report")

    def mark_fused(self, target: str, index: int, last_report: str | None) -> None:
        _write_atomic(self.dir / "fused.json",
                      json.dumps({"target": target, "through": index, "last_report": last_report}).encode())

    def remove(self) -> None:
        for path in self.dir.iterdir():
            path.unlink()
        self.dir.rmdir()
        with contextlib.suppress(OSError):
            self.root.rmdir()


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with tmp.open("wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


# ---------------------------------------------------------------- the batch

@dataclass
class BatchSummary(IngestSummary):
    """What a batch did. ``read`` counts every input line/file; ``new``/``duplicates``/``created``/
    ``updated``/``merged``/``undated`` are ``ingest``'s figures; ``kept``/``dropped`` the prefilter's.
    ``seconds`` is wall-clock time; ``extract_seconds``/``prefilter_seconds`` CPU time on the workers,
    ``fuse_seconds`` CPU time of fusion on the client, ``client_seconds`` all CPU time of the client process
    (with the scheduler of a LocalCluster)."""

    partitions: int = 0
    restored: int = 0
    computed: int = 0
    failed_partitions: int = 0
    kept: int = 0
    dropped: int = 0
    seconds: float = 0.0
    extract_seconds: float = 0.0
    prefilter_seconds: float = 0.0
    fuse_seconds: float = 0.0
    client_seconds: float = 0.0
    peak_rss_mb: dict[str, float] = field(default_factory=dict)
    groups: int = 0  # fusion in blocks: groups fused in parallel, blocks merged at borders
    group_merges: int = 0
    planned: int = 0  # reports written from the plan, and through ingest's own path
    unplanned: int = 0

    @property
    def reports_per_second(self) -> float:
        return self.read / self.seconds if self.seconds else 0.0

    def lines(self) -> list[str]:
        out = [f"reports read: {self.read} ({self.new} new, {self.duplicates} already stored, "
               f"{self.failed} failed) in {self.seconds:.1f} s, {self.reports_per_second:.1f} reports/s",
               f"prefilter: {self.kept} kept, {self.dropped} dropped (no violence vocabulary)",
               self.events_line(),
               f"partitions: {self.partitions} ({self.computed} computed, {self.restored} from the checkpoint"
               + (f", {self.failed_partitions} failed" if self.failed_partitions else "") + ")"]
        if self.peak_rss_mb:
            out.append(f"workers: {len(self.peak_rss_mb)}, peak memory per worker "
                       f"{max(self.peak_rss_mb.values()):.0f} MB")
        if self.groups:
            out.append(f"fusion in blocks: {self.groups} groups ({self.group_merges} blocks merged at borders); "
                       f"{self.planned} reports written from the plan, {self.unplanned} fused one by one")
        out.append(f"CPU: {self.extract_seconds:.1f} s on the workers (prefilter {self.prefilter_seconds:.2f} s), "
                   f"{self.client_seconds:.1f} s on the client (fusion {self.fuse_seconds:.1f} s)")
        return out + self.undated_lines()


class _Fuser:
    """Fuses partition results into the store in input order (``ingest``'s code path, one report at a time)."""

    def __init__(self, store: Any, summary: BatchSummary, checkpoint: Checkpoint, target: str,
                 on_error: Callable[[str], None]) -> None:
        self.store, self.summary, self.checkpoint, self.target = store, summary, checkpoint, target
        self.on_error = on_error
        through, last = checkpoint.fused_through(target)
        if through >= 0 and (last is None or store.report(last) is None):
            through = -1  # not the database the marker speaks of: fuse again (stored reports are skipped)
        self.skip_through = through

    def fuse(self, result: PartitionResult, write: Callable[[Report, list[Mention]], Any] | None = None) -> None:
        """Count a partition and fuse its reports (with ``write``, else ``EventStore.ingest``)."""
        write = write or self.store.ingest
        summary = self.summary
        summary.read += result.read
        summary.kept += result.kept
        summary.dropped += result.dropped
        summary.extract_seconds += result.seconds
        summary.prefilter_seconds += result.prefilter_seconds
        if result.worker:
            summary.peak_rss_mb[result.worker] = max(summary.peak_rss_mb.get(result.worker, 0.0),
                                                     result.peak_rss_mb)
        for message in result.errors:
            summary.failed += 1
            self.on_error(message)
        if result.index <= self.skip_through:  # fused by an earlier run into this database
            summary.duplicates += len(result.items)
            return
        started = time.thread_time()
        last = None
        for report, mentions in result.items:
            try:
                outcome = write(report, mentions)
            except EventcoderError as exc:
                summary.failed += 1
                self.on_error(f"report {report.id}: {exc}")
                continue
            last = report.id
            summary.count(outcome, undated=report.published is None)
        summary.fuse_seconds += time.thread_time() - started
        self.checkpoint.mark_fused(self.target, result.index, last or self._previous_last())

    def _previous_last(self) -> str | None:
        return self.checkpoint.fused_through(self.target)[1]

    # ------------------------------------------------------------ fusion in blocks

    def may_plan(self) -> bool:
        """Can fusion be planned in blocks? Only into an empty database, or one this batch filled so far
        (a plan knows no other events)."""
        return self.skip_through >= 0 or (self.store.report_count() == 0 and self.store.count() == 0)

    def fuse_in_blocks(self, results: list[PartitionResult], client: Any, bar: Any,
                       on_partition: Callable[[PartitionResult, BatchSummary], None] | None) -> None:
        """Plan fusion in blocks on the cluster, then write every report in input order (see
        :class:`_PlannedWriter`)."""
        started = time.thread_time()
        unique = _first_occurrences(results)
        fusion_plan = plan_fusion([mentions for _, mentions in unique], run=_GroupRunner(client))
        self.summary.groups, self.summary.group_merges = len(fusion_plan.groups), fusion_plan.merges
        writer = _PlannedWriter(self.store, fusion_plan, unique)
        self.summary.fuse_seconds += time.thread_time() - started
        for result in results:
            if result.index <= self.skip_through:
                writer.skip(result)
            self.fuse(result, write=writer.write)
            if bar is not None:
                bar.update(result.read)
            if on_partition is not None:
                on_partition(result, self.summary)
        self.summary.planned, self.summary.unplanned = writer.planned, writer.unplanned


def _first_occurrences(results: Sequence[PartitionResult]) -> list[tuple[Report, list[Mention]]]:
    """The reports of the batch in input order, each once (as ``ingest`` stores them: same id or same text
    again is a duplicate)."""
    seen: set[str] = set()
    out = []
    for result in results:
        for report, mentions in result.items:
            keys = (f"id:{report.id}", f"text:{report_hash(report)}")
            if not seen.intersection(keys):
                out.append((report, list(mentions)))
            seen.update(keys)
    return out


class _GroupRunner:
    """Fuses groups of blocks on the cluster: small groups go together, so a task is never tiny."""

    def __init__(self, client: Any, chunk_mentions: int = 2000) -> None:
        self.client, self.chunk_mentions = client, chunk_mentions

    def __call__(self, tasks: Sequence[tuple[Any, Any]]) -> list[Any]:
        chunks: list[list[tuple[Any, Any]]] = [[]]
        size = 0
        for task in tasks:
            weight = sum(len(mentions) for mentions in task[0])
            if chunks[-1] and size + weight > self.chunk_mentions:
                chunks.append([])
                size = 0
            chunks[-1].append(task)
            size += weight
        data = self.client.scatter([c for c in chunks if c])  # straight to the workers, not through the scheduler
        futures = self.client.map(run_groups_here, data, pure=False, retries=2)
        out: list[Any] = []
        for part in self.client.gather(futures):
            out.extend(part)
        return out


class _PlannedWriter:
    """Writes reports in input order from a fusion plan, each as ``EventStore.ingest`` would have.

    A report's planned step is written when it is exact: every report before it in its groups'
    publication order is written and none after it, and no later report is stored anywhere (``ingest``
    would replay). Otherwise (input out of publication order, a stored report, a plan that does not start
    from the database's state) the report goes through ``EventStore.ingest`` itself, and its groups and
    their neighbours are no longer planned: their later reports take that path too.
    """

    def __init__(self, store: Any, plan: FusionPlan, unique: list[tuple[Report, list[Mention]]]) -> None:
        self.store, self.plan = store, plan
        self.planned_ids = {report.id for report, _ in unique}
        self.mentions = {m.id: m for _, mentions in unique for m in mentions}
        self.position = {(g, rid): i for g, group in enumerate(plan.groups) for i, rid in enumerate(group.order)}
        self.written = [0] * len(plan.groups)
        self.dirty: set[int] = set()
        self.all_dirty = False
        self.latest: tuple[bool, str, str] | None = None
        self.planned = self.unplanned = 0

    def _advance(self, report: Report, groups: list[int]) -> None:
        key = report_key(report.published, report.id)
        self.latest = key if self.latest is None else max(self.latest, key)
        for g in groups:
            self.written[g] += 1

    def skip(self, result: PartitionResult) -> None:
        """Note the reports of a partition an earlier run wrote (out of order ones as that run did)."""
        for report, mentions in result.items:
            if report.id in self.planned_ids:
                groups = self.plan.group_of.get(report.id, [])
                if mentions and not self._exact(report, groups):
                    self._leave_plan(groups)
                self._advance(report, groups)

    def _exact(self, report: Report, groups: list[int]) -> bool:
        if self.all_dirty or report.id not in self.planned_ids:
            return False
        if self.latest is not None and report_key(report.published, report.id) < self.latest:
            return False
        return all(g not in self.dirty and self.written[g] == self.position[(g, report.id)] for g in groups)

    def write(self, report: Report, mentions: list[Mention]) -> Any:
        groups = self.plan.group_of.get(report.id, [])
        if mentions and self._exact(report, groups):
            steps = [step for _, step in self.plan.steps(report.id)]
            clusters = [Cluster([self.mentions[mid] for mid in ids], event)
                        for step in steps for ids, event in step.clusters]
            try:
                outcome = self.store.ingest_planned(report, mentions, clusters,
                                                    [ids for step in steps for ids in step.consumed])
            except PlanMismatch as exc:
                log.info("fusion plan not used: %s", exc)
            else:
                self.planned += 1
                self._advance(report, groups)
                return outcome
        outcome = self.store.ingest(report, mentions)
        if outcome.duplicate_of == report.id and report.id in self.planned_ids:
            self._advance(report, groups)  # written by an interrupted run of this batch: as planned
        elif not outcome.duplicate:
            self.unplanned += bool(mentions)
            if report.id not in self.planned_ids and outcome.event_ids:
                self.all_dirty = True  # events the plan does not know: plan no more
            self._leave_plan(groups)
            self._advance(report, groups)
        return outcome

    def _leave_plan(self, groups: list[int]) -> None:
        """No more planned steps for these groups, nor for their neighbours: fused by ingest's path, their
        events may differ from the plan's and reach across the groups' borders."""
        for g in groups:
            self.dirty.add(g)
            self.dirty.update(self.plan.neighbours.get(g, ()))


def run_batch(
    inputs: Iterable[str | Path] | Checkpoint,
    *,
    client: Any,
    store: Any,
    checkpoint: str | Path | None = None,
    partition_size: int = 200,
    published: str | None = None,
    window: int | None = None,
    progress: bool = False,
    on_partition: Callable[[PartitionResult, BatchSummary], None] | None = None,
    fusion: str = "stream",
) -> BatchSummary:
    """Extract ``inputs`` on the Dask cluster of ``client`` and fuse them into ``store`` in input order.

    Args:
        inputs: JSON Lines and Parquet files, folders of .txt/.html (and of those files); or a
            :class:`Checkpoint` opened on them.
        client: a ``distributed.Client`` (call :func:`register_pipeline` on it first, or each worker builds
            its pipeline on its first task).
        store: an :class:`~eventcoder.store.EventStore`.
        checkpoint: the checkpoint directory (one subdirectory per input fingerprint), when ``inputs`` are
            paths.
        partition_size: reports (lines, rows, files) per task.
        published: publication date for reports that carry none (as ``ingest --published``).
        window: partitions in flight at most (default: three per worker thread, at least four).
        progress: show a progress bar (reports/s) on stderr.
        on_partition: called after each partition is fused (tests interrupt a batch from it).
        fusion: ``"stream"`` (fuse each partition on the client while the workers extract the next) or
            ``"blocks"`` (extract everything, fuse blocks of country x week in parallel on the workers,
            then write in input order; see :mod:`eventcoder.fuse._blocks`). Same events and ids.

    Returns:
        The :class:`BatchSummary`.
    """
    started, client_cpu = time.perf_counter(), time.process_time()
    if isinstance(inputs, Checkpoint):
        ckpt = inputs
    else:
        if checkpoint is None:
            raise ValueError("run_batch needs a checkpoint directory")
        ckpt = Checkpoint.open(inputs, checkpoint, partition_size=partition_size, published=published)
    plan, key = ckpt.plan, ckpt.key
    done = ckpt.finished()
    summary = BatchSummary(partitions=len(plan), restored=len(done & {p.index for p in plan}))
    todo = iter([p for p in plan if p.index not in done])
    if window is None:
        threads = sum(client.nthreads().values()) or 1
        window = max(4, 3 * threads)
    bar = _progress_bar(sum(p.count for p in plan), progress)

    def report_error(message: str) -> None:
        log.warning("skipped: %s", message)
        if bar is not None:
            bar.write(f"eventcoder: skipped: {message}", file=sys.stderr)

    if fusion not in ("stream", "blocks"):
        raise ValueError(f"fusion must be 'stream' or 'blocks', not {fusion!r}")
    fuser = _Fuser(store, summary, ckpt, _target(store), report_error)
    if fusion == "blocks" and not fuser.may_plan():
        log.warning("fusion in blocks needs an empty database (or this batch's own): fusing in stream")
        fusion = "stream"
    extracted: dict[int, PartitionResult] = {}
    pending: dict[Any, Partition] = {}
    ready: dict[int, PartitionResult] = {}
    queue = as_completed()

    def submit_more() -> None:
        while len(pending) + len(ready) < window:
            partition = next(todo, None)
            if partition is None:
                return
            future = client.submit(_extract_task, partition, key=f"eventcoder-{key[:12]}-{partition.index}",
                                   pure=False, retries=1)
            pending[future] = partition
            queue.add(future)

    next_index = 0

    def fuse_ready() -> None:
        nonlocal next_index
        if fusion == "blocks":  # fused once all is extracted
            for index, result in ready.items():
                extracted[index] = result
                if bar is not None:
                    bar.update(plan[index].count)
            ready.clear()
            return
        while next_index < len(plan):
            if next_index in ready:
                result = ready.pop(next_index)
            elif next_index in done:
                result = ckpt.load(next_index)
            else:
                return
            fuser.fuse(result)
            if bar is not None:
                bar.update(plan[next_index].count)
                bar.set_postfix(kept=summary.kept, dropped=summary.dropped, failed=summary.failed, refresh=False)
            if on_partition is not None:
                on_partition(result, summary)
            next_index += 1

    try:
        submit_more()
        fuse_ready()
        while pending:
            future = next(queue)
            partition = pending.pop(future)
            try:
                result = future.result()
            except Exception as exc:  # the task failed twice, or its worker died too often
                summary.failed_partitions += 1
                report_error(f"partition {partition.index} ({partition.describe()}): {type(exc).__name__}: {exc}")
                result = PartitionResult(partition.index)
            else:
                ckpt.save(result)
                summary.computed += 1
            future.release()
            ready[partition.index] = result
            submit_more()
            fuse_ready()
            submit_more()  # fusion freed room in the window
        fuse_ready()
        if fusion == "blocks":
            results = [extracted[i] if i in extracted else ckpt.load(i) for i in range(len(plan))]
            if bar is not None:
                bar.close()
                bar = _progress_bar(sum(p.count for p in plan), progress, "write")
            fuser.fuse_in_blocks(results, client, bar, on_partition)
            next_index = len(plan)
        if next_index != len(plan):  # never expected: say so rather than return a short batch
            raise RuntimeError(f"batch stopped at partition {next_index} of {len(plan)}; run it again to resume")
    finally:
        if pending:
            client.cancel(list(pending))
        if bar is not None:
            bar.close()
    summary.seconds = time.perf_counter() - started
    summary.client_seconds = time.process_time() - client_cpu
    return summary


def _target(store: Any) -> str:
    from eventcoder.store._session import safe_url

    return safe_url(getattr(store, "url", "") or "")


def _progress_bar(total: int, enabled: bool, desc: str = "batch") -> Any:
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit="report", file=sys.stderr, smoothing=0.1, dynamic_ncols=True)
