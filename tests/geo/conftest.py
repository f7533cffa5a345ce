"""Fixtures for the geography tests.

``gaz`` is the default gazetteer, built once per machine into the cache dir (``$EVENTCODER_CACHE`` or
``~/.cache/eventcoder``; about half a minute the first time, no network) and shared by every test of the
session. ``mini`` is a small in-memory gazetteer for tests that must not depend on the data files.
"""

from __future__ import annotations

import pytest
from shapely.geometry import box

from eventcoder.geo import InMemoryGazetteer, SQLiteGazetteer, open_default_gazetteer


@pytest.fixture(scope="session")
def gaz() -> SQLiteGazetteer:
    return open_default_gazetteer()


@pytest.fixture(scope="session")
def mini() -> InMemoryGazetteer:
    places = [
        {"name": "Kayes", "lat": 14.44693, "lon": -11.44448, "cc": "ML", "admin1": "Kayes", "admin2": "Kayes",
         "population": 78406, "fcode": "PPLA"},
        {"name": "Kayes", "lat": -4.20493, "lon": 13.28608, "cc": "CG", "admin1": "Bouenza", "population": 58737},
        {"name": "Nioro", "lat": 15.22932, "lon": -9.59277, "cc": "ML", "admin1": "Kayes", "admin2": "Nioro",
         "population": 8000, "alt_names": ["Nioro du Sahel"]},
        {"name": "Nioro", "lat": 12.9, "lon": -0.85, "cc": "BF", "admin1": "Centre-Nord", "admin2": "Sanmatenga"},
        {"name": "Sokolo", "lat": 14.7328, "lon": -6.1219, "cc": "ML", "admin1": "Segou", "admin2": "Niono",
         "population": 4374},
        {"name": "Sokolo", "lat": 10.95, "lon": -6.98333, "cc": "ML", "admin1": "Sikasso", "admin2": "Kolondieba",
         "population": 6000},
        {"name": "Djibo", "lat": 14.0994, "lon": -1.62554, "cc": "BF", "admin1": "Sahel", "admin2": "Soum",
         "population": 61462},
        {"name": "Soum", "lat": 14.237, "lon": -1.289, "cc": "BF", "admin1": "Sahel", "admin2": "Soum",
         "fclass": "A", "fcode": "ADM2", "importance": 3},
        {"name": "Sanmatenga", "lat": 13.3, "lon": -1.1, "cc": "BF", "admin1": "Centre-Nord",
         "admin2": "Sanmatenga", "fclass": "A", "fcode": "ADM2", "importance": 3},
        {"name": "Sikasso", "lat": 11.3, "lon": -6.2, "cc": "ML", "admin1": "Sikasso", "fclass": "A",
         "fcode": "ADM1", "importance": 4},
        {"name": "Sahel", "lat": 14.1, "lon": -0.4, "cc": "BF", "admin1": "Sahel", "fclass": "A", "fcode": "ADM1",
         "importance": 4},
    ]
    shapes = [("country", "BF", "", "BF", box(-5.5, 9.4, 2.4, 15.1)),
              ("country", "ML", "", "ML", box(-12.3, 10.1, 4.3, 25.0)),
              ("admin2", "BF", "Sahel", "Soum", box(-2.2, 13.6, -0.9, 14.6))]
    return InMemoryGazetteer.from_places(places, shapes)
