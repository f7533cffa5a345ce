"""eventcoder.fuse: ACLED coding of events from mentions, and merging reports of one event."""

from eventcoder.fuse._blocks import (
    FusionPlan,
    GroupFusion,
    Step,
    block_of,
    fuse_group,
    interacting,
    plan_fusion,
)
from eventcoder.fuse._cluster import Cluster, Key, canonical_order, fuse_report, replay, report_key
from eventcoder.fuse._coding import (
    ACLED_TYPES,
    CODER_VERSION,
    acled_type,
    code_event,
    conservative_fatalities,
)
from eventcoder.fuse._match import (
    ADMIN_ACCOUNT,
    CLAIM_LAG_DAYS,
    DATE_OF_STATEMENT,
    MatchScore,
    date_window_days,
    distance_limit_km,
    fuse_reports,
    has_point,
    haversine_km,
    match_score,
    match_verdict,
)

__all__ = [
    "ACLED_TYPES",
    "ADMIN_ACCOUNT",
    "CLAIM_LAG_DAYS",
    "CODER_VERSION",
    "DATE_OF_STATEMENT",
    "Cluster",
    "FusionPlan",
    "GroupFusion",
    "Key",
    "MatchScore",
    "Step",
    "acled_type",
    "block_of",
    "canonical_order",
    "code_event",
    "conservative_fatalities",
    "date_window_days",
    "distance_limit_km",
    "fuse_group",
    "fuse_report",
    "fuse_reports",
    "has_point",
    "haversine_km",
    "interacting",
    "match_score",
    "match_verdict",
    "plan_fusion",
    "replay",
    "report_key",
]
