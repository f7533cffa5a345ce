"""The settings file of :meth:`eventcoder.Pipeline.from_config`: which gazetteer, actor dictionary and lexicons.

A TOML file; the keys sit at the top level or in a ``[pipeline]`` table (so that ``monitor.toml`` can carry
them). Relative paths are read from the file's folder::

    [pipeline]
    gazetteer = "gazetteer.sqlite"      # a database built by `eventcoder gazetteer build`
    actors = "actors.yaml"              # an actor dictionary in the packaged actors.yaml's format
    piece_chars = 100000                # longer texts are parsed in pieces of at most this many characters

    [pipeline.lexicons]                 # per language, a lexicon in the packaged data/lexicon/<lang>.yaml's format
    en = "lexicon/en.yaml"
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventcoder.errors import ConfigError

__all__ = ["PipelineConfig", "read_pipeline_config"]

_KEYS = {"gazetteer", "actors", "piece_chars", "lexicons"}


@dataclass(frozen=True, slots=True)
class PipelineConfig:
    """What a settings file names; ``None`` (or no lexicon for a language): the packaged default."""

    gazetteer: Path | None = None
    actors: Path | None = None
    piece_chars: int | None = None
    lexicons: dict[str, Path] = field(default_factory=dict)


def read_pipeline_config(path: str | Path) -> PipelineConfig:
    """The settings in the TOML file at ``path``.

    Raises:
        ConfigError: [E900] the file is missing, not TOML, has an unknown key or a value of the wrong type,
            or names a file that does not exist.
    """
    path = Path(path)
    table = _pipeline_table(_load_toml(path), path)
    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise ConfigError(f"{path}: unknown key {unknown[0]!r} (known: {', '.join(sorted(_KEYS))})")
    lexicons = table.get("lexicons", {})
    if not isinstance(lexicons, dict):
        raise ConfigError(f"{path}: 'lexicons' must be a table of language = path")
    return PipelineConfig(gazetteer=_file(table, "gazetteer", path), actors=_file(table, "actors", path),
                          piece_chars=_positive_int(table, "piece_chars", path),
                          lexicons={lang: file for lang in lexicons
                                    if (file := _file(lexicons, lang, path)) is not None})


def _load_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read the settings file {path}: {exc.strerror or exc}") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path} is not TOML: {exc}") from exc


def _pipeline_table(data: dict[str, Any], path: Path) -> dict[str, Any]:
    table = data.get("pipeline", data)
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [pipeline] must be a table")
    return table


def _file(table: dict[str, Any], key: str, config: Path) -> Path | None:
    value = table.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value:
        raise ConfigError(f"{config}: {key!r} must be a file path (a string), found {value!r}")
    found = (config.parent / value).expanduser()
    if not found.is_file():
        raise ConfigError(f"{config}: {key!r} names {found}, which is not a file")
    return found


def _positive_int(table: dict[str, Any], key: str, config: Path) -> int | None:
    value = table.get(key)
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ConfigError(f"{config}: {key!r} must be a positive integer, found {value!r}")
    return value
