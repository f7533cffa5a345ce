"""eventcoder.store stage."""
