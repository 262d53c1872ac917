"""pywb fixture (being written)."""
