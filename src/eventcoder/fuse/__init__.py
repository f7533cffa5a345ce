"""eventcoder.fuse stage."""
