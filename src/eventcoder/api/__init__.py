"""eventcoder.api stage."""
