"""Drop folders: new ``.txt``, ``.html`` and ``.jsonl`` files become items.

A file's identity is its path inside the folder; its revision is the hash of its bytes, so a file replaced
by a new version is read again and an unchanged one never is. Each line of a ``.jsonl`` file is an item of
its own (identity: the report's ``id``, else the line's hash), so a file that grows is read for its new lines
only; a line whose fields are of the wrong type ([E105], ``check_report_fields``, the check every reader uses)
is a failed item that names them, and the file's other lines are still read. Hidden files and names ending in ``.tmp``/``.part``/``.partial``/``~`` are ignored, and so are files
modified within the last ``settle`` seconds (a writer may still be at work; write-then-rename avoids the
wait).
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventcoder.errors import FeedUnavailable, IngestError, ReportParseError
from eventcoder.ingest import check_report_fields, decode_bytes, describe_value, each_error, load_json_line

__all__ = ["SUFFIXES", "FolderItem", "FolderPoller"]

SUFFIXES = {".txt": "text", ".text": "text", ".md": "text", ".html": "html", ".htm": "html", ".jsonl": "jsonl",
            ".json": "jsonl"}
_TEMP = (".tmp", ".part", ".partial", ".crdownload", ".swp", "~")


@dataclass(frozen=True, slots=True)
class FolderItem:
    """One report of a drop folder (``error`` set when the file could not be read)."""

    key: str
    revision: str
    payload: dict[str, Any]
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    error: str | None = None


class FolderPoller:
    """Lists a drop folder's new and changed files; remembers (size, mtime) of files already read.

    Args:
        path: the folder (created neither here nor by the monitor: a missing folder is a source error).
        max_bytes: larger files are refused (recorded as a failed item).
    """

    def __init__(self, path: Path, *, max_bytes: int) -> None:
        self.path = Path(path)
        self.max_bytes = max_bytes
        self._stats: dict[str, tuple[int, int]] = {}

    def poll(self, *, settle: float = 0.0, source: str | None = None) -> list[FolderItem]:
        """The items of files that are new or changed since this poller last read them.

        Raises:
            FeedUnavailable: [E110] the folder does not exist or cannot be listed.
        """
        where = source or str(self.path)
        if not self.path.is_dir():
            raise FeedUnavailable(f"drop folder {self.path} does not exist or is not a folder", source=where)
        try:
            files = sorted(p for p in self.path.rglob("*") if p.is_file() and self._wanted(p))
        except OSError as exc:
            raise FeedUnavailable(f"cannot list {self.path}: {exc.strerror or exc}", source=where) from None
        now = time.time()
        found: list[FolderItem] = []
        for path in files:
            try:
                stat = path.stat()
            except OSError:
                continue  # removed while we looked
            rel = path.relative_to(self.path).as_posix()
            mark = (stat.st_size, stat.st_mtime_ns)
            if self._stats.get(rel) == mark or (settle and now - stat.st_mtime < settle):
                continue
            items = self._read(path, rel, stat.st_size)
            if items is None:
                continue
            self._stats[rel] = mark
            found.extend(items)
        return found

    def forget(self) -> None:
        """Read every file again on the next poll (the seen-items table still skips what was read)."""
        self._stats.clear()

    @staticmethod
    def _wanted(path: Path) -> bool:
        name = path.name
        if name.startswith(".") or name.lower().endswith(_TEMP):
            return False
        return path.suffix.lower() in SUFFIXES and not any(part.startswith(".") for part in path.parts[:-1])

    def _read(self, path: Path, rel: str, size: int) -> list[FolderItem] | None:
        kind = SUFFIXES[path.suffix.lower()]
        if size > self.max_bytes:
            return [FolderItem(rel, f"size:{size}", {"kind": kind, "path": rel},
                               error=f"{rel} is {size:,} bytes, over the limit of {self.max_bytes:,}")]
        try:
            data = path.read_bytes()
        except OSError as exc:
            if not path.exists():
                return None
            return [FolderItem(rel, f"error:{size}", {"kind": kind, "path": rel},
                               error=f"cannot read {rel}: {exc.strerror or exc}")]
        revision = hashlib.sha256(data).hexdigest()[:16]
        try:
            text = decode_bytes(data, rel)
        except IngestError as exc:
            return [FolderItem(rel, revision, {"kind": kind, "path": rel}, error=str(exc))]
        if kind == "jsonl":
            return list(self._lines(text, rel))
        return [FolderItem(rel, revision, {"kind": kind, "path": rel, "text": text}, url=None)]

    @staticmethod
    def _lines(text: str, rel: str) -> list[FolderItem]:
        out: list[FolderItem] = []
        lines = text.splitlines()
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            digest = hashlib.sha256(line.strip().encode("utf-8", "surrogatepass")).hexdigest()[:16]
            where = f"{rel}:{number}"
            try:
                obj = load_json_line(line, where)
                if not isinstance(obj, dict):
                    raise ReportParseError(f"expected a JSON object, found {describe_value(obj)}", source=where)
                fields = check_report_fields(obj, where)
            except IngestError as exc:
                if number == len(lines) and not text.endswith("\n") and "invalid JSON" in str(exc):
                    continue  # a line still being written: read when the file changes again
                message = "; ".join(str(error) for error in each_error(exc))
                out.append(FolderItem(f"{rel}#line:{digest}", digest, {"kind": "report", "path": rel},
                                      error=message))
                continue
            ident = fields.get("id") or f"line:{digest}"
            out.append(FolderItem(f"{rel}#{ident}", digest, {"kind": "report", "path": where,
                                                             "report": {k: v for k, v in fields.items() if v is not None}},
                                  title=fields.get("title"),
                                  published=str(fields["published"])[:10] if fields.get("published") else None,
                                  outlet=fields.get("outlet"), url=fields.get("url")))
        return out
