"""eventcoder.nlp stage."""
