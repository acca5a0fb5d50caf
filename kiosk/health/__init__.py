"""Start-up safety and health figures: run marker, integrity check, disk and database size."""
