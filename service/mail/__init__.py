"""service.mail."""
