"""service.ingest."""
