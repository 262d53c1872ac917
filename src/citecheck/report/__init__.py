"""report stage of citecheck."""
