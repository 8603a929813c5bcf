"""Benchmarks (`make bench`): build time, memory and page weight at 1×, 10× and 100× the bundled data."""
