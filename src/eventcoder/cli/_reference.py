"""``docs/cli.md``: every command's ``--help`` (its summary, arguments and options) as Markdown.

Run ``python -m eventcoder.cli._reference > docs/cli.md``; ``tests/cli/test_reference.py`` fails when the file
is out of date. The text comes from the same (typer-vendored) click objects that print ``--help``.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from typing import Any

import typer

__all__ = ["commands", "reference"]


def commands(group: Any, prefix: str = "eventcoder") -> Iterator[tuple[str, Any]]:
    """Every click command under ``group`` with its full name, sub-commands after their group, in name order."""
    yield prefix, group
    if hasattr(group, "commands"):
        for name in sorted(group.commands):
            yield from commands(group.commands[name], f"{prefix} {name}")


def _param_row(param: Any, ctx: Any) -> str:
    record = param.get_help_record(ctx)
    if record is None:  # an argument: click gives it no help record
        help_text = getattr(param, "help", "") or ""
        return f"| `{param.human_readable_name}` | {_cell(help_text)} |"
    names, help_text = record
    return f"| `{_cell(names)}` | {_cell(help_text)} |"


def _cell(text: str) -> str:
    """``text`` fit for a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def _section(name: str, command: Any) -> list[str]:
    ctx = command.context_class(command, info_name=name)
    lines = [f"## `{name}`", "", inspect.cleandoc(command.help or "").replace("\b\n", ""), ""]
    usage = " ".join(command.collect_usage_pieces(ctx))
    lines += [f"Usage: `{name} {usage}`", ""]
    params = [p for p in command.get_params(ctx) if not getattr(p, "hidden", False)]
    if params:
        lines += ["| argument / option | meaning |", "|---|---|", *(_param_row(p, ctx) for p in params), ""]
    return lines


def reference() -> str:
    """The whole reference, one section per command."""
    from eventcoder.cli.app import app

    root = typer.main.get_command(app)
    lines = ["# Command-line reference", "",
             "Generated from `--help` by `python -m eventcoder.cli._reference > docs/cli.md`; a test fails when "
             "it is out of date. Environment variables: [settings.md](settings.md).", ""]
    for name, command in commands(root):
        lines += _section(name, command)
    return "\n".join(lines)


if __name__ == "__main__":
    print(reference(), end="")
