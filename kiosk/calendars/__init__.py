"""Public-holiday calendars."""
