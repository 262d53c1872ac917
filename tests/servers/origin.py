"""Origin server with fault modes (being written)."""
