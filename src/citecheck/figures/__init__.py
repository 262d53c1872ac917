"""figures stage of citecheck."""
