"""eventcoder.extract stage."""
