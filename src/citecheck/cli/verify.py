"""`citecheck verify` (being written)."""

COMMANDS: list = []
