"""Every ``EVENTCODER_*`` environment variable, declared once with its default and help.

The CLI (typer's ``envvar``), the REST API (``ApiSettings.from_env``), the store, the monitor and the
gazetteer cache read them through these declarations; ``docs/settings.md`` is generated from them
(``python -m eventcoder.settings > docs/settings.md``). Standard library only: importing it costs nothing.

Example:
    >>> from eventcoder.settings import DB
    >>> DB.value({"EVENTCODER_DB": "sqlite:///events.db"})
    'sqlite:///events.db'
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from eventcoder.errors import ConfigError

__all__ = ["CACHE", "DB", "LEXICON_DIR", "MAX_BATCH", "MAX_BODY_BYTES", "MONITOR_CONFIG", "PROTECT_READS",
           "SETTINGS", "TOKEN", "Setting", "reference"]

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"", "0", "false", "no", "off"}


@dataclass(frozen=True, slots=True)
class Setting:
    """One environment variable: ``kind`` is ``text``, ``integer`` (at least 1) or ``flag`` (1/true/yes/on)."""

    name: str
    default: str
    help: str
    used_by: str
    kind: str = "text"

    def raw(self, environ: Mapping[str, str] | None = None) -> str | None:
        """The variable's text, ``None`` when unset or empty."""
        value = (os.environ if environ is None else environ).get(self.name, "").strip()
        return value or None

    def value(self, environ: Mapping[str, str] | None = None) -> str | int | bool | None:
        """The variable read as its kind, else the default (``None`` for a default of ``""``).

        Raises:
            ConfigError: [E900] an integer or flag variable holding something else.
        """
        text = self.raw(environ)
        if text is None:
            text = self.default
        if self.kind == "flag":
            return self._flag(text)
        if self.kind == "integer":
            return self._integer(text)
        return text or None

    def _flag(self, text: str) -> bool:
        if text.lower() not in _TRUE | _FALSE:
            raise ConfigError(f"{self.name} must be 1/true/yes/on or 0/false/no/off, not {text!r}")
        return text.lower() in _TRUE

    def _integer(self, text: str) -> int:
        try:
            number = int(text)
        except ValueError:
            number = 0
        if number < 1:
            raise ConfigError(f"{self.name} must be a positive integer, not {text!r}")
        return number


DB = Setting("EVENTCODER_DB", "sqlite:///eventcoder.db",
             "Database URL of the event store (SQLAlchemy: sqlite:///path.db or postgresql+psycopg://...); "
             "`--db` wins.", "CLI, API, monitor, batch, store")
TOKEN = Setting("EVENTCODER_TOKEN", "", "Bearer token that API writes (POST /reports) need; unset: no writes.",
                "API")
PROTECT_READS = Setting("EVENTCODER_PROTECT_READS", "0", "Read endpoints need the token too "
                        "(`serve --protect-reads`).", "API", kind="flag")
MAX_BODY_BYTES = Setting("EVENTCODER_MAX_BODY_BYTES", str(5 * 1024 * 1024),
                         "Largest API request body accepted, in bytes.", "API", kind="integer")
MAX_BATCH = Setting("EVENTCODER_MAX_BATCH", "500", "Most reports in one POST /reports.", "API", kind="integer")
MONITOR_CONFIG = Setting("EVENTCODER_MONITOR_CONFIG", "monitor.toml",
                         "The monitor's TOML configuration (`watch --config`, `status --config`).", "CLI, monitor")
CACHE = Setting("EVENTCODER_CACHE", "~/.cache/eventcoder",
                "Folder of the default gazetteer, built there on first use.", "geo (CLI, API, batch)")

LEXICON_DIR = Setting("EVENTCODER_LEXICON_DIR", "",
                      "Folder of extra lexicon files (`<lang>.yaml`, same sections as the packaged "
                      "`data/lexicon/*.yaml`): each adds a language, or replaces the packaged file of its language.",
                      "lexicon (extract, ingest, nlp, actors, monitor)")

SETTINGS: tuple[Setting, ...] = (DB, TOKEN, PROTECT_READS, MAX_BODY_BYTES, MAX_BATCH, MONITOR_CONFIG, CACHE,
                                 LEXICON_DIR)


def reference() -> str:
    """``docs/settings.md``: one table row per variable."""
    rows = [f"| `{s.name}` | {s.kind} | `{s.default}` | {s.used_by} | {s.help} |" if s.default
            else f"| `{s.name}` | {s.kind} | (unset) | {s.used_by} | {s.help} |" for s in SETTINGS]
    return "\n".join([
        "# Settings",
        "",
        "Generated from `src/eventcoder/settings.py` by `python -m eventcoder.settings > docs/settings.md`;",
        "a test fails when this file is out of date. A command-line option wins over its variable.",
        "",
        "| variable | kind | default | used by | meaning |",
        "|---|---|---|---|---|",
        *rows,
        "",
    ])


if __name__ == "__main__":
    print(reference(), end="")
