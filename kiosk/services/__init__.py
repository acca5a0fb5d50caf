"""Use cases on a unit of work: book, cancel, check in, availability, sweeps."""
