"""Benchmarks: measured on the machine they run on (`hoinghi bench`). Not timed tests."""
