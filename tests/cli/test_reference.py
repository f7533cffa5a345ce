"""docs/cli.md is the ``--help`` of every command, regenerated: it fails when a command or option changes."""

from __future__ import annotations

from pathlib import Path

import typer
from typer.testing import CliRunner

from eventcoder.cli._reference import commands, reference
from eventcoder.cli.app import app

DOC = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


def test_docs_cli_md_is_up_to_date() -> None:
    assert DOC.read_text(encoding="utf-8") == reference(), "run: python -m eventcoder.cli._reference > docs/cli.md"


def test_every_command_and_option_of_help_is_in_the_reference() -> None:
    text = DOC.read_text(encoding="utf-8")
    runner = CliRunner()
    for name, command in commands(typer.main.get_command(app)):
        assert f"## `{name}`" in text
        result = runner.invoke(app, [*name.split()[1:], "--help"], terminal_width=200)
        assert result.exit_code == 0, name
        for param in command.params:
            for option in getattr(param, "opts", ()):
                if option.startswith("-"):
                    assert option in result.output and option in text, (name, option)
