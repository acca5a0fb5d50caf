"""systemd integration: readiness and watchdog pings from the GUI thread."""
