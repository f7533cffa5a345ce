"""The ORM mapping of :mod:`eventcoder.store.tables`' row classes, made when this module is first imported.

Writes (fusion, loads) and the reads that go through ORM sessions import it; listing events reads plain rows
(SQLAlchemy Core) and never does, so those commands start without ``sqlalchemy.orm``. Once mapped, a row
class builds objects (``EventRow(pk=1, ...)``) and its attributes are the ORM's, which queries take as before.
"""

from __future__ import annotations

from sqlalchemy.orm import registry

from eventcoder.store.tables import METADATA, TableRow

__all__ = ["REGISTRY"]

REGISTRY = registry(metadata=METADATA)

for _row_class in TableRow.__subclasses__():
    REGISTRY.map_imperatively(_row_class, _row_class.__table__)
