"""The fact-checkers' web UI: server-rendered pages over the same store functions as the API."""
