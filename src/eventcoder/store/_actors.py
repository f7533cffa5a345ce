"""``event_actors``: every actor name of an event, one row per (event, role, name), for the actor filter.

Rewritten with the event's coding wherever an event row is written (fusion, bulk load); an event's rows go
with it (``ON DELETE CASCADE``, and explicitly when an event is merged away).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, insert
from sqlalchemy.orm import Session

from eventcoder.records import Event
from eventcoder.store import _orm  # noqa: F401 (importing it maps the row classes)
from eventcoder.store.tables import EventActorRow

__all__ = ["ROLES", "actor_rows", "write_actors"]

ROLES = ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2", "claimed_by")


def _names(role: str, value: str | None) -> list[str]:
    if not value:
        return []
    if role.startswith("assoc_"):  # "A; B": each item, as the associated-actor match always read them
        return [part.strip() for part in value.split(";") if part.strip()]
    return [value]


def actor_rows(pk: int, event: Event) -> list[dict[str, Any]]:
    """The ``event_actors`` rows of an event (``pk``: its row's primary key)."""
    return [{"event_pk": pk, "role": role, "name": name}
            for role in ROLES for name in dict.fromkeys(_names(role, getattr(event, role)))]


def write_actors(session: Session, pk: int, event: Event) -> None:
    """Replace the ``event_actors`` rows of the event row ``pk`` by those of ``event``."""
    session.execute(delete(EventActorRow).where(EventActorRow.event_pk == pk))
    rows = actor_rows(pk, event)
    if rows:
        session.execute(insert(EventActorRow), rows)
