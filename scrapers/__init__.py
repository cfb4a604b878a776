"""Source scrapers: fetch, snapshot, parse into observations. Import nothing from service/.

StatuteMap's state tracker was read until 2026-11 and is no longer: no copy of its pages'
markup could be had to check a parser against (the stored copies are text without the state
names, which the pages seem to draw by script), its lists have a fourth group whose page is
unknown, and the bill sources and curated files cover what it summarised.
"""

from __future__ import annotations

from .base import Scraper
from .federal_register import FederalRegister
from .legiscan import LegiScan
from .legistar import Legistar
from .openstates import OpenStates
from .wikipedia import Wikipedia

SCRAPERS: dict[str, type[Scraper]] = {
    scraper.name: scraper
    for scraper in (FederalRegister, LegiScan, Legistar, OpenStates, Wikipedia)
}
