"""Persistence: SQLAlchemy models, repositories and the faiss index."""
