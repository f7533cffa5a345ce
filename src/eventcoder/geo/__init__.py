"""eventcoder.geo stage."""
