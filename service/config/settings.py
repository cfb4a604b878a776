"""Every setting, in the order the README lists them."""

from __future__ import annotations

from .core import CORE
from .ingest import INGEST
from .mail import MAIL
from .web import WEB

SETTINGS = (*CORE, *WEB, *INGEST, *MAIL)
