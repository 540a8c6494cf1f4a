"""Benchmarks: the API over HTTP against bare Cypher through the driver, on synthetic data."""
