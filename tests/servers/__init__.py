"""Real servers the tests start on 127.0.0.1: an origin server with fault modes and pywb."""
