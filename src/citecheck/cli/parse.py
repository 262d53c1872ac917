"""`citecheck parse` (being written)."""

COMMANDS: list = []
