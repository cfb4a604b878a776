"""Names of each country's first-level ISO 3166-2 subdivisions, to match admin1 names against."""

from __future__ import annotations

import gettext
from collections import Counter, defaultdict
from collections.abc import Iterable
from difflib import SequenceMatcher
from pathlib import Path

from jurisdictions.registry import Registry

from .names import match_key

# Words that name the kind of division rather than the division, in the languages ISO and
# its translations use most.
GENERIC_WORDS = frozenset(
    word
    for line in (
        "province provincia provincie provinz provinsi tartomany sheng zizhiqu region regione",
        "regiao regio regiunea regionen state estado oblast oblasti voblasts voblast oblysy",
        "oblys viloyati viloyat vilayati velayat ostan il krai kray kraj okraj krastas kerulet",
        "prefecture governorate gouvernorat muhafazat wilayat wilaya department departement",
        "departamento district distrito county municipality municipio autonomous autonome",
        "autonoma autonomiczny republic respublika of the city capital territory voivodeship",
        "wojewodztwo canton kanton parish division emirate ken shi to fu do special",
        "administrative metropolitan federal de del la le les di das dos da du des and et y e",
        "okrug land cuige comunidad comunitat",
    )
    for word in line.split()
)
FUZZY_CUTOFF = 0.8
LOWER_LEVEL_RANK = 4  # matched a lower-level subdivision: many admin1 codes share a parent
FUZZY_RANK = 5
DIRECTION_WORDS = frozenset(
    word
    for line in (
        "north south east west central northern southern eastern western upper lower",
        "nord sud est ouest centre norte sur este oeste centro",
    )
    for word in line.split()
)


def core_key(text: str) -> str:
    return " ".join(w for w in match_key(text).split() if w not in GENERIC_WORDS)


def name_keys(names: Iterable[str]) -> Counter:
    keys: Counter = Counter()
    for name in names:
        keys.update({match_key(name), core_key(name)} - {""})
    return keys


class SubdivisionNames:
    """Names of one country's first-level ISO subdivisions, for matching admin1 names.

    Official names (the registry's names and aliases, from ISO) are tried first; then every
    translation pycountry ships, where a name given for more codes goes to the code most
    languages give it to (a few translations are wrong); then lower-level ISO subdivisions,
    which answer for their first-level parent; then close spellings.
    """

    def __init__(self) -> None:
        self.official: dict[str, Counter] = defaultdict(Counter)
        self.translated: dict[str, Counter] = defaultdict(Counter)
        self.lower: dict[str, Counter] = defaultdict(Counter)

    def match(self, name: str) -> tuple[str, int] | None:
        """(ISO code, rank) for an admin1 name; a lower rank is a surer match."""
        rank = 0
        for key in (match_key(name), core_key(name)):
            for table in (self.official, self.translated):
                code = best_vote(table, key)
                if code is not None:
                    return code, rank
                rank += 1
        for key in (match_key(name), core_key(name)):
            code = best_vote(self.lower, key)
            if code is not None:
                return code, LOWER_LEVEL_RANK
        code = closest(self.official | self.translated, core_key(name))
        return (code, FUZZY_RANK) if code is not None else None


def best_vote(table: dict[str, Counter], key: str) -> str | None:
    """The code whose names give this key most often, if one does so alone."""
    votes = sorted((names[key], code) for code, names in table.items() if names[key])
    if votes and (len(votes) == 1 or votes[-1][0] > votes[-2][0]):
        return votes[-1][1]
    return None


def closest(table: dict[str, Counter], target: str) -> str | None:
    """The code with a clearly closest spelling; "West X" never matches "East X"."""
    directions = DIRECTION_WORDS.intersection(target.split())
    scores = sorted(
        (max(SequenceMatcher(None, target, k).ratio() for k in usable), code)
        for code, keys in table.items()
        if (usable := [k for k in keys if DIRECTION_WORDS.intersection(k.split()) == directions])
    )
    if not target or not scores or scores[-1][0] < FUZZY_CUTOFF:
        return None
    if len(scores) > 1 and scores[-2][0] > scores[-1][0] - 0.05:
        return None
    return scores[-1][1]


def subdivision_names(registry: Registry) -> dict[str, SubdivisionNames]:
    import pycountry

    tables: dict[str, SubdivisionNames] = defaultdict(SubdivisionNames)
    for division in registry:
        code = division.codes.get("iso3166_2")
        if division.level == "state" and code and not code.startswith("US-"):
            tables[code[:2]].official[code] += name_keys([division.name, *division.aliases])
    translations = iso3166_2_translations()
    for sub in pycountry.subdivisions:
        top = top_level(sub)
        if top.code not in tables[sub.country_code].official:
            continue
        translated = [t.gettext(sub.name) for t in translations]
        table = (
            tables[sub.country_code].translated if sub is top else tables[top.country_code].lower
        )
        table[top.code] += name_keys(translated if sub is top else [sub.name, *translated])
    return tables


def iso3166_2_translations() -> list[gettext.NullTranslations]:
    """pycountry's translations of ISO 3166-2 names, one per language it ships."""
    import pycountry

    locales = Path(pycountry.LOCALES_DIR)
    return [
        gettext.translation("iso3166-2", locales, languages=[folder.name])
        for folder in sorted(locales.iterdir())
        if (folder / "LC_MESSAGES" / "iso3166-2.mo").exists()
    ]


def top_level(subdivision):
    import pycountry

    while subdivision.parent_code is not None:
        subdivision = pycountry.subdivisions.get(code=subdivision.parent_code)
    return subdivision
