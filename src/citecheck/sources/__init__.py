"""sources stage of citecheck."""
