"""`eventcoder batch`: the pipeline over large collections on Dask, fused as `ingest` would fuse them."""

from __future__ import annotations

import contextlib
import enum
import logging
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from eventcoder.cli._errors import handle_errors
from eventcoder.cli._options import DbUrl, Published, check_date

__all__ = ["batch_command"]


class _TqdmHandler(logging.Handler):
    """Log lines printed above the progress bar."""

    def emit(self, record: logging.LogRecord) -> None:
        from tqdm import tqdm

        tqdm.write(f"eventcoder: {record.getMessage()}", file=sys.stderr)


def _checkpoint_root(out: Path | None, url: str | None) -> Path:
    """Next to the output: ``events.parquet.batch/``, ``events.db.batch/``, else ``./eventcoder.batch/``."""
    if out is not None:
        return out.with_name(out.name + ".batch")
    if url and url.startswith("sqlite:///") and ":memory:" not in url:
        return Path(url.removeprefix("sqlite:///") + ".batch")
    return Path("eventcoder.batch")


def _client(stack: contextlib.ExitStack, local: int | None, scheduler: str | None) -> Any:
    """A client on the scheduler, or on a LocalCluster of ``local`` processes (closed with ``stack``)."""
    from distributed import Client, LocalCluster

    if scheduler:
        return stack.enter_context(Client(scheduler))
    workers = local or os.cpu_count() or 1
    cluster = stack.enter_context(LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                               dashboard_address=":0"))
    client = stack.enter_context(Client(cluster))
    client.wait_for_workers(workers)
    return client


def _bokeh_note(link: str) -> str:
    try:
        import bokeh  # noqa: F401
    except ImportError:
        return f" (its plots need bokeh; worker pages at {link.replace('/status', '/info/main/workers.html')})"
    return ""


class Fusion(enum.StrEnum):
    """Where fusion runs."""

    stream = "stream"
    blocks = "blocks"


@handle_errors
def batch_command(
    inputs: Annotated[list[str], typer.Argument(help="JSON Lines and Parquet files, folders of .txt/.html.")],
    local: Annotated[int | None, typer.Option("--local", min=1, help="Run N worker processes on this machine "
                                                                     "(default: one per core).")] = None,
    scheduler: Annotated[str | None, typer.Option("--scheduler", envvar="DASK_SCHEDULER_ADDRESS",
                                                  help="A running Dask scheduler, e.g. tcp://host:8786.")] = None,
    out: Annotated[Path | None, typer.Option("--out", help="Write the events as Parquet (SCHEMA.md columns); "
                                                           "without --db, fusion uses a database in the "
                                                           "checkpoint.")] = None,
    db: DbUrl = None,
    partition_size: Annotated[int, typer.Option("--partition-size", min=1, help="Reports per task.")] = 200,
    published: Published = None,
    checkpoint: Annotated[Path | None, typer.Option("--checkpoint", help="Checkpoint folder (default: next to "
                                                                         "--out or the SQLite file).")] = None,
    keep_checkpoint: Annotated[bool, typer.Option("--keep-checkpoint", help="Keep the checkpoint after a "
                                                                            "complete batch.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    fusion: Annotated[Fusion, typer.Option("--fusion", help="stream: fuse on the client while the workers "
                                                            "extract; blocks: fuse blocks of country x week "
                                                            "in parallel on the workers, then write (for "
                                                            "many workers). Same events and ids.")
                      ] = Fusion.stream,
) -> None:
    """Extract and fuse many reports on a Dask cluster: the events and ids `ingest` gives, in parallel.

    An interrupted batch run again resumes from its checkpoint; unreadable or failing reports are logged
    and skipped.
    """
    from eventcoder.batch import Checkpoint, dashboard_link, register_pipeline, run_batch
    from eventcoder.cli.ingest import write_parquet
    from eventcoder.store import EventStore
    from eventcoder.store._session import default_url, safe_url

    if local and scheduler:
        raise typer.BadParameter("give --local or --scheduler, not both", param_hint="--local")
    published = check_date(published)
    logger = logging.getLogger("eventcoder.batch")
    if not any(isinstance(h, _TqdmHandler) for h in logger.handlers):
        logger.addHandler(_TqdmHandler())
    root = checkpoint or _checkpoint_root(out, db or (None if out else default_url()))
    ckpt = Checkpoint.open(inputs, root, partition_size=partition_size, published=published)
    url = db or (f"sqlite:///{ckpt.dir / 'events.db'}" if out else default_url())
    print(f"eventcoder: {len(ckpt.plan)} partitions, {sum(p.count for p in ckpt.plan)} inputs; "
          f"checkpoint {ckpt.dir}; database {safe_url(url)}", file=sys.stderr)
    with contextlib.ExitStack() as stack:
        client = _client(stack, local, scheduler)
        store = stack.enter_context(EventStore(url))
        link = dashboard_link(client)
        if link:
            print(f"eventcoder: Dask dashboard at {link}{_bokeh_note(link)}", file=sys.stderr)
        print(f"eventcoder: loading the pipeline on {len(client.nthreads())} worker(s)", file=sys.stderr)
        register_pipeline(client)
        summary = run_batch(ckpt, client=client, store=store, progress=not quiet, fusion=fusion.value)
        if out is not None:
            written = write_parquet(store.iter_events(order="event_date"), out)
            print(f"eventcoder: wrote {written} events to {out}", file=sys.stderr)
    for line in summary.lines():
        print(line)
    if summary.failed_partitions:
        print(f"eventcoder: {summary.failed_partitions} partition(s) failed: run the same command again to "
              "retry them", file=sys.stderr)
        raise typer.Exit(1)
    if not keep_checkpoint:
        ckpt.remove()
    if summary.failed:  # as `ingest`: the good reports are in, the run still says that some were not
        print(f"eventcoder: {summary.failed} input(s) failed (see above)", file=sys.stderr)
        raise typer.Exit(1)
