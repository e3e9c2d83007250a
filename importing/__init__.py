"""Bringing content in: readers turn profile and BibTeX text into records (no Flask, no
database), the linter checks them, and the loader writes them through the catalog."""
