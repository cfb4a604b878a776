"""Source scrapers: fetch, snapshot, parse into observations. Import nothing from service/."""

from __future__ import annotations

from .base import Scraper
from .federal_register import FederalRegister
from .legiscan import LegiScan
from .legistar import Legistar
from .statutemap import StatuteMap
from .wikipedia import Wikipedia

SCRAPERS: dict[str, type[Scraper]] = {
    scraper.name: scraper
    for scraper in (FederalRegister, LegiScan, Legistar, StatuteMap, Wikipedia)
}
