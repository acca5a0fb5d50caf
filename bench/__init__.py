"""Benchmarks: each prints figures; tests never assert wall-clock times."""
