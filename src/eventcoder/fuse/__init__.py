"""eventcoder.fuse: ACLED coding of events from mentions, and merging reports of one event."""

from eventcoder.fuse._coding import ACLED_TYPES, CODER_VERSION, acled_type, code_event, conservative_fatalities
from eventcoder.fuse._match import (
    MatchScore,
    date_window_days,
    distance_limit_km,
    fuse_reports,
    haversine_km,
    match_score,
)

__all__ = [
    "ACLED_TYPES",
    "CODER_VERSION",
    "MatchScore",
    "acled_type",
    "code_event",
    "conservative_fatalities",
    "date_window_days",
    "distance_limit_km",
    "fuse_reports",
    "haversine_km",
    "match_score",
]
