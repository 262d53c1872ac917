"""export stage of citecheck."""
