"""Plain-Python heart of the kiosk: resources, rules, households, bookings, availability.

Only the standard library is imported here, so every rule can be tested without Qt or a
database, and the same rules run in the kiosk, the association's app and the CLI.
"""
