"""claimcheck's HTTP API: the conflict queue and its evidence as JSON, for newsroom tools."""
