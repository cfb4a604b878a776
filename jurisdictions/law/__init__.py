"""jurisdictions.law."""
