"""eventcoder.ingest stage."""
