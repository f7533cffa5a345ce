"""`eventcoder serve`: options reach the app's settings and uvicorn."""

from __future__ import annotations

from typing import Any

import pytest
from typer.testing import CliRunner

from eventcoder.cli.app import app


def test_serve_builds_the_app_and_runs_uvicorn(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    seen: dict[str, Any] = {}

    def fake_run(application: Any, **options: Any) -> None:
        seen["app"], seen["options"] = application, options

    monkeypatch.setattr("uvicorn.run", fake_run)
    monkeypatch.setenv("EVENTCODER_TOKEN", "s3cret")
    url = f"sqlite:///{tmp_path / 'x.db'}"
    result = CliRunner().invoke(app, ["serve", "--port", "8123", "--db", url])
    assert result.exit_code == 0, result.output
    assert seen["options"]["host"] == "127.0.0.1" and seen["options"]["port"] == 8123
    settings = seen["app"].state.eventcoder.settings
    assert settings.db_url == url and settings.token == "s3cret" and not settings.protect_reads
    assert "http://localhost:8123/" in result.output


def test_protect_reads_without_a_token_is_a_config_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EVENTCODER_TOKEN", raising=False)
    monkeypatch.setattr("uvicorn.run", lambda *a, **k: None)
    result = CliRunner().invoke(app, ["serve", "--protect-reads"])
    assert result.exit_code == 1 and "E900" in result.output
