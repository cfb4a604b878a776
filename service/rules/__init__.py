"""service.rules."""
