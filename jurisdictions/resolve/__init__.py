"""jurisdictions.resolve."""
