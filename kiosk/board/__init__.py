"""The village board: the association's notices on every kiosk of the database."""
