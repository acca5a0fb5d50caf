"""Structured, rotating logs in the data directory that never hold personal data."""
