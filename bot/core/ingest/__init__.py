"""Ingestion: files, HTML pages, URLs and feeds into the store (fetching guarded against SSRF)."""
