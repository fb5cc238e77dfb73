"""Benchmarks: `python benchmarks/run.py` prints a table (not collected by pytest)."""
