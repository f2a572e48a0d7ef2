"""claimcheck's outer layer: HTTP API, web UI, CLI and batch jobs over `claims/` and `store/`."""
