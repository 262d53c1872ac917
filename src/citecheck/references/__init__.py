"""references stage of citecheck."""
