"""`eventcoder digest`: new and updated events, largest tolls, new claims and status changes, with sources."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from eventcoder.cli._errors import handle_errors
from eventcoder.cli._options import DbUrl

__all__ = ["digest_command"]


class DigestFormat(StrEnum):
    md = "md"
    html = "html"
    json = "json"


@handle_errors
def digest_command(
    since: Annotated[str, typer.Option("--since", help="Start of the period: 24h, 90m, 7d, or an ISO date/time.")]
    = "24h",
    format: Annotated[DigestFormat, typer.Option("--format", "-f", help="md, html or json.")] = DigestFormat.md,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")]
    = None,
    db: DbUrl = None,
) -> None:
    """The brief an analyst forwards: what happened in the event database since --since."""
    import json

    from eventcoder.cli.status import existing_store
    from eventcoder.monitor import build_digest, parse_since, render_html, render_markdown

    start = parse_since(since)
    with existing_store(db) as store:
        digest = build_digest(store, since=start)
    if format is DigestFormat.md:
        text = render_markdown(digest)
    elif format is DigestFormat.html:
        text = render_html(digest)
    else:
        text = json.dumps(digest, ensure_ascii=False, indent=1, default=str) + "\n"
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        print(f"eventcoder digest: {digest['totals']['events']} event(s) written to {output}", file=sys.stderr)
