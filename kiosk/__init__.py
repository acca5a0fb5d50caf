"""Sharing Village Kiosk: the lobby touchscreen and desk app of a Seoul Sharing Village."""

__version__ = "0.1.0"
