"""`citecheck figures` (being written)."""

COMMANDS: list = []
