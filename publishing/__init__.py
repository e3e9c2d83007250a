"""Giving content out: BibTeX, RIS and CSL-JSON, formatted citations, page metadata,
feeds, the API's JSON shapes and its OpenAPI description, absolute URLs."""
