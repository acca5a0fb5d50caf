"""Running in the field: the start-up and shutdown sequence the composition root calls."""
