"""The root Typer app: `eventcoder COMMAND`."""

from __future__ import annotations

from typing import Annotated

import typer

from eventcoder import __version__
from eventcoder.cli._errors import DEBUG
from eventcoder.cli.batch import batch_command
from eventcoder.cli.digest import digest_command
from eventcoder.cli.evaluate import evaluate_command
from eventcoder.cli.extract import extract_command
from eventcoder.cli.geo import eval_geo, gazetteer_app, geoparse
from eventcoder.cli.ingest import db_app, events_command, export_command, ingest_command
from eventcoder.cli.serve import serve_command
from eventcoder.cli.status import status_command
from eventcoder.cli.watch import watch_command

__all__ = ["app", "main"]

app = typer.Typer(
    name="eventcoder",
    help="Turn news reports about political violence into ACLED-style event records.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        print(f"eventcoder {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks.")] = False,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version.")] = False,
) -> None:
    """eventcoder command line."""
    DEBUG["on"] = debug


app.command("extract")(extract_command)
app.command("eval")(evaluate_command)
app.add_typer(gazetteer_app, name="gazetteer")
app.command("geoparse")(geoparse)
app.command("eval-geo")(eval_geo)
app.command("serve")(serve_command)
app.command("ingest")(ingest_command)
app.command("events")(events_command)
app.command("export")(export_command)
app.add_typer(db_app, name="db")
app.command("watch")(watch_command)
app.command("digest")(digest_command)
app.command("status")(status_command)
app.command("batch")(batch_command)


def main() -> None:
    """Console entry point."""
    app()
