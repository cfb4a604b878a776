"""The names people use for a Census place, as resolver name keys.

"San Buenaventura (Ventura)" -> san buenaventura, ventura
"Nashville-Davidson metropolitan government (balance)" -> nashville davidson, nashville
"Louisville/Jefferson County metro government (balance)" -> louisville
"""

from __future__ import annotations

import re

from jurisdictions.resolve.names import name_key

_BALANCE = re.compile(r"\s*\(balance\)$")
_IN_BRACKETS = re.compile(r"^(.*?)\s*\((.+)\)$")
_GOVERNMENT = re.compile(
    r"\s+(?:(?:county|city|town)\s+)?(?:metropolitan|metro|unified|consolidated)\s+government$"
    r"|\s+(?:city|town|village)$",
    re.IGNORECASE,
)
_COUNTY_PART = re.compile(r"[-/].*$")


def census_name_keys(name: str) -> set[str]:
    """Name keys of a Census place's NAME (never empty for a non-empty name)."""
    name = _BALANCE.sub("", name)
    names = {name}
    bracketed = _IN_BRACKETS.match(name)
    if bracketed:
        names = {bracketed.group(1), bracketed.group(2)}
    for text in list(names):
        short = _GOVERNMENT.sub("", text)
        if short != text:
            names |= {short, _COUNTY_PART.sub("", short)}
    return {key for key in map(name_key, names) if key}
