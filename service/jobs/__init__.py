"""Batch jobs the CLI and the API start: ingestion, embedding and clustering."""
