"""The monitor's TOML configuration (``monitor.toml``), validated with pydantic.

One file lists the sources (``[[source]]``: a feed ``url`` or a drop folder ``path``), the alert rules
(``[[alert]]``) and the settings they share (``[monitor]``, ``[smtp]``, ``db``). A mistake is reported as one
:class:`~eventcoder.errors.ConfigError` that names the offending key, e.g.
``[E900] configuration: monitor.toml: source "sahel-wire" (source[1]).interval: expected a duration such as
90, "90s", "5m" or "1h", found "soon"``.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from eventcoder.errors import ConfigError
from eventcoder.lexicon import languages

__all__ = [
    "ACLED_EVENT_TYPES",
    "AlertRule",
    "EmailChannel",
    "MonitorConfig",
    "MonitorSettings",
    "SmtpSettings",
    "SourceConfig",
    "WebhookChannel",
    "Within",
    "load_config",
    "parse_config",
    "parse_duration",
]

ACLED_EVENT_TYPES = ("Battles", "Violence against civilians", "Explosions/Remote violence", "Riots", "Protests",
                     "Strategic developments")
STATUSES = ("reported", "claimed", "confirmed", "disputed")
CHANGE_KINDS = ("new", "updated", "status_changed")
_UNITS = {"": 1, "s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "d": 86400, "w": 7 * 86400}
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$")
_NAME = re.compile(r"^[^\x00-\x1f\x7f\s][^\x00-\x1f\x7f]{0,79}$")


def parse_duration(value: Any, *, allow_zero: bool = False) -> float:
    """Seconds from ``90``, ``"90s"``, ``"5m"``, ``"1.5h"``, ``"7d"`` or ``"2w"``.

    Raises:
        ValueError: not a positive duration.
    """
    if isinstance(value, bool):
        raise ValueError(f"expected a duration such as 90, \"90s\", \"5m\" or \"1h\", found {value!r}")
    if isinstance(value, int | float):
        seconds = float(value)
    else:
        match = _DURATION.match(str(value).lower())
        if match is None or match.group(2) not in _UNITS:
            raise ValueError(f"expected a duration such as 90, \"90s\", \"5m\" or \"1h\", found {value!r}")
        seconds = float(match.group(1)) * _UNITS[match.group(2)]
    if not math.isfinite(seconds) or seconds < 0 or (seconds == 0 and not allow_zero):
        raise ValueError(f"expected a positive duration, found {value!r}")
    return seconds


Duration = Annotated[float, BeforeValidator(parse_duration)]
ZeroDuration = Annotated[float, BeforeValidator(lambda value: parse_duration(value, allow_zero=True))]


def _listify(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, str):
        return [value]
    return value


StrList = Annotated[list[str] | None, BeforeValidator(_listify)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class SourceConfig(_Strict):
    """One ``[[source]]``: an RSS/Atom feed (``url``) or a drop folder (``path``)."""

    name: str = Field(description="Unique name of the source (shown in the log, the status and alerts).")
    url: str | None = Field(None, description="RSS or Atom feed URL (http or https).")
    path: Path | None = Field(None, description="Drop folder: new .txt, .html and .jsonl files are read.")
    interval: Duration = Field(300.0, description="Time between polls (seconds or \"5m\").")
    outlet: str | None = Field(None, description="Outlet name for the reports (default: the feed's title, or "
                                                 "the source name).")
    language: str | None = Field(None, description="Language of the reports, one with a lexicon file (default: "
                                                  "detected).")
    full_text: Literal["auto", "always", "never"] = Field(
        "auto", description="Fetch the linked page (trafilatura) when the item holds only a summary (auto), "
                            "always, or never.")
    timeout: Duration | None = Field(None, description="Overall time limit of one fetch (default monitor.timeout).")
    max_bytes: int | None = Field(None, ge=1024, description="Largest body/file read (default monitor.max_bytes).")
    settle: ZeroDuration | None = Field(None, description="Drop folders: ignore files modified more recently than "
                                                      "this (default monitor.settle).")
    enabled: bool = True

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        if not _NAME.match(value):
            raise ValueError(f"expected a name of 1-80 characters (no control characters), found {value!r}")
        return value

    @field_validator("language")
    @classmethod
    def _language(cls, value: str | None) -> str | None:
        if value is not None and value not in languages():
            raise ValueError(f"expected a language with a lexicon file ({', '.join(languages())}), found {value!r}")
        return value

    @field_validator("url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        if value is not None and not re.match(r"^https?://[^\s/]+", value):
            raise ValueError(f"expected an http:// or https:// feed URL, found {value!r}")
        return value

    @model_validator(mode="after")
    def _one_kind(self) -> SourceConfig:
        if (self.url is None) == (self.path is None):
            raise ValueError("give exactly one of url (a feed) or path (a drop folder)")
        return self

    @property
    def kind(self) -> str:
        return "feed" if self.url else "folder"

    @property
    def location(self) -> str:
        return self.url or str(self.path)


class Within(_Strict):
    """A circle: events within ``km`` of (``lat``, ``lon``)."""

    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    km: float = Field(gt=0, le=20000)


class WebhookChannel(_Strict):
    url: str
    headers: dict[str, str] = Field(default_factory=dict)
    timeout: Duration = 10.0

    @field_validator("url")
    @classmethod
    def _url(cls, value: str) -> str:
        if not re.match(r"^https?://[^\s/]+", value):
            raise ValueError(f"expected an http:// or https:// URL, found {value!r}")
        return value


class EmailChannel(_Strict):
    to: Annotated[list[str], BeforeValidator(_listify)]
    subject: str = "[eventcoder] {alert}: {kind} {event_id} ({country}, {event_date})"

    @field_validator("to")
    @classmethod
    def _addresses(cls, value: list[str]) -> list[str]:
        if not value:
            raise ValueError("give at least one address")
        for address in value:
            if not re.match(r"^[^@\s]+@[^@\s]+$", address):
                raise ValueError(f"not an e-mail address: {address!r}")
        return value


def _webhook(value: Any) -> Any:
    return {"url": value} if isinstance(value, str) else value


def _email(value: Any) -> Any:
    return {"to": value} if isinstance(value, str | list) else value


class AlertRule(_Strict):
    """One ``[[alert]]``: conditions on the event (all must hold; a list means any of its values), the kinds
    of change it fires on, and its channels."""

    name: str
    country: StrList = None
    admin1: StrList = None
    event_type: StrList = None
    actor: StrList = Field(None, description="Actor names or aliases (dictionary): matches actor1, actor2 or "
                                             "claimed_by.")
    fatalities_min: int | None = Field(None, ge=0)
    status: StrList = None
    within: Within | None = None
    on: Annotated[list[Literal["new", "updated", "status_changed"]], BeforeValidator(_listify)] = Field(
        default_factory=lambda: list(CHANGE_KINDS))
    fields: StrList = Field(None, description="For `updated`: fire only when one of these fields changed "
                                              "(default: any field but bookkeeping ones).")
    webhook: Annotated[WebhookChannel | None, BeforeValidator(_webhook)] = None
    email: Annotated[EmailChannel | None, BeforeValidator(_email)] = None
    log: bool = True

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        if not _NAME.match(value):
            raise ValueError(f"expected a name of 1-80 characters (no control characters), found {value!r}")
        return value

    @field_validator("event_type")
    @classmethod
    def _event_type(cls, value: list[str] | None) -> list[str] | None:
        for item in value or ():
            if item not in ACLED_EVENT_TYPES:
                raise ValueError(f"unknown event type {item!r}; expected one of {', '.join(ACLED_EVENT_TYPES)}")
        return value

    @field_validator("status")
    @classmethod
    def _status(cls, value: list[str] | None) -> list[str] | None:
        for item in value or ():
            if item not in STATUSES:
                raise ValueError(f"unknown status {item!r}; expected one of {', '.join(STATUSES)}")
        return value

    @field_validator("on")
    @classmethod
    def _on(cls, value: list[str]) -> list[str]:
        if not value:
            raise ValueError(f"give at least one of {', '.join(CHANGE_KINDS)}")
        return value

    @field_validator("fields")
    @classmethod
    def _fields(cls, value: list[str] | None) -> list[str] | None:
        from eventcoder.records import Event

        for item in value or ():
            if item not in Event.__dataclass_fields__:
                raise ValueError(f"unknown event field {item!r} (SCHEMA.md field names)")
        return value

    def channels(self) -> list[tuple[str, str]]:
        """``(channel, target)`` pairs: ``("webhook", url)``, ``("email", "a@b,c@d")``, ``("log", "")``."""
        out: list[tuple[str, str]] = []
        if self.webhook is not None:
            out.append(("webhook", self.webhook.url))
        if self.email is not None:
            out.append(("email", ",".join(self.email.to)))
        if self.log:
            out.append(("log", ""))
        return out


class SmtpSettings(_Strict):
    host: str = "localhost"
    port: int = Field(25, ge=1, le=65535)
    sender: str = Field("eventcoder@localhost", alias="from")
    starttls: bool = False
    ssl: bool = False
    username: str | None = None
    password_env: str | None = Field(None, description="Environment variable holding the SMTP password.")
    timeout: Duration = 10.0


class MonitorSettings(_Strict):
    """``[monitor]``: defaults every source and alert shares."""

    timeout: Duration = Field(20.0, description="Overall time limit of one fetch (connect + headers + body).")
    max_bytes: int = Field(10 * 1024 * 1024, ge=1024, description="Largest feed, page or file read; larger "
                                                                   "ones are refused.")
    workers: int = Field(8, ge=1, le=64, description="Feeds fetched at once.")
    backoff_max: Duration = Field(6 * 3600.0, description="Longest wait before retrying a failing source.")
    settle: ZeroDuration = Field(2.0, description="Drop folders: files modified more recently are left for the "
                                                  "next poll (write-then-rename is safest).")
    page_retries: int = Field(3, ge=0, le=20, description="Fetch attempts of a linked page before falling back "
                                                          "to the item's summary.")
    near_duplicate: float = Field(0.8, gt=0, le=1, description="Share of a new text's word 5-shingles found in a "
                                                               "kept text from which it is checked as a repeat.")
    near_duplicate_words: int = Field(12, ge=0, description="A repeat may add at most this many words (an outlet's "
                                                            "header and footer) and no new figure.")
    near_duplicate_days: Duration = Field(14 * 86400.0, description="How far back near-duplicates are looked "
                                                                    "for.")
    alert_retry_base: Duration = Field(30.0, description="Wait before the second attempt of a failed delivery "
                                                         "(doubled at each further attempt).")
    alert_retry_max: Duration = Field(3600.0, description="Longest wait between two attempts of a delivery.")
    dictionary: Path | None = Field(None, description="Actor dictionary file (default: the packaged one).")


class MonitorConfig(_Strict):
    """The whole file."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=False)

    db: str | None = Field(None, description="Database URL (the event store's); --db and EVENTCODER_DB win.")
    monitor: MonitorSettings = Field(default_factory=MonitorSettings)
    smtp: SmtpSettings = Field(default_factory=SmtpSettings)
    sources: list[SourceConfig] = Field(default_factory=list, alias="source")
    alerts: list[AlertRule] = Field(default_factory=list, alias="alert")

    @model_validator(mode="after")
    def _unique(self) -> MonitorConfig:
        for kind, items in (("source", self.sources), ("alert", self.alerts)):
            seen: set[str] = set()
            for item in items:
                if item.name in seen:
                    raise ValueError(f"two [[{kind}]] entries are named {item.name!r}; names must be unique")
                seen.add(item.name)
        return self

    def source(self, name: str) -> SourceConfig | None:
        return next((s for s in self.sources if s.name == name), None)


def _where(loc: Sequence[int | str], data: dict[str, Any]) -> str:
    """``source "sahel-wire" (source[1]).interval`` for a pydantic location."""
    parts: list[str] = []
    node: Any = data
    for i, key in enumerate(loc):
        if isinstance(key, int):
            label = f"[{key}]"
            item = node[key] if isinstance(node, list) and key < len(node) else None
            name = item.get("name") if isinstance(item, dict) else None
            if name and i == 1 and parts and parts[0] in ("source", "alert"):
                parts[0] = f"{parts[0]} {name!r} ({parts[0]}[{key}])"
            else:
                parts[-1:] = [(parts[-1] if parts else "") + label]
        else:
            if key in ("function-after", "function-before", "function-wrap") or "[" in str(key):
                continue
            parts.append(str(key))
        node = node.get(key) if isinstance(node, dict) else (
            node[key] if isinstance(node, list) and isinstance(key, int) and key < len(node) else None)
    return ".".join(parts) or "(top level)"


def _message(error: dict[str, Any]) -> str:
    message = str(error.get("msg", "invalid"))
    for prefix in ("Value error, ", "Assertion failed, "):
        if message.startswith(prefix):
            message = message[len(prefix):]
    if error.get("type") == "extra_forbidden":
        message = "unknown key (check its spelling; see docs/monitor.md)"
    elif error.get("type") == "missing":
        message = "required key is missing"
    found = error.get("input")
    if error.get("type") not in ("extra_forbidden", "missing") and "found" not in message and \
            isinstance(found, str | int | float | bool) and repr(found) not in message:
        message += f", found {found!r}"
    return message


def parse_config(data: dict[str, Any], *, source: str = "monitor.toml") -> MonitorConfig:
    """A validated :class:`MonitorConfig` from parsed TOML.

    Raises:
        ConfigError: [E900] naming the first offending key, and how many other problems there are.
    """
    try:
        return MonitorConfig.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        first = errors[0]
        more = f" (and {len(errors) - 1} more problem(s))" if len(errors) > 1 else ""
        raise ConfigError(f"{source}: {_where(first['loc'], data)}: {_message(dict(first))}{more}") from None


def load_config(path: str | Path) -> MonitorConfig:
    """Read and validate a ``monitor.toml``; relative drop-folder paths are taken from the file's folder.

    Raises:
        ConfigError: [E900] a missing or unreadable file, invalid TOML (with its line), or an invalid key.
    """
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such file; give --config PATH (see docs/monitor.md for an example)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read it ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    for item in data.get("source", []) if isinstance(data.get("source"), list) else []:
        if isinstance(item, dict) and isinstance(item.get("path"), str) and not Path(item["path"]).is_absolute():
            item["path"] = str((path.parent / item["path"]).resolve())
    return parse_config(data, source=str(path))
