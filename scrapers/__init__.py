"""Source scrapers: fetch, snapshot, parse into observations. Import nothing from service/."""
