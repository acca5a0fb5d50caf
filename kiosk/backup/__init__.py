"""Backups of the kiosk database: take, verify, rotate, restore."""
