"""eventcoder.cli stage."""
