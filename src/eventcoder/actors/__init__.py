"""eventcoder.actors stage."""
