"""`citecheck check` (being written)."""

COMMANDS: list = []
