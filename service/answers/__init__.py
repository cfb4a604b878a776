"""service.answers."""
