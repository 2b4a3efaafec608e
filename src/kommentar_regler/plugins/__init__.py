"""Plugins: the pluggy manager and the built-in registration."""
