"""document stage of citecheck."""
