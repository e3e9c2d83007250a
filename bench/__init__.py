"""Benchmarks: run each as a module from the project folder (`python -m bench.search`)."""
