"""eventcoder: news reports about political violence -> ACLED-style event records."""

__version__ = "0.1.0"
