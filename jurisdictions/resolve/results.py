"""Turning what was found (a division, a GeoNames place, a town in a state) into answers."""

from __future__ import annotations

from collections import Counter

from jurisdictions.geo.census_names import CensusNames
from jurisdictions.geo.tables import Place
from jurisdictions.registry import Division

from .gazetteer import Gazetteer
from .names import name_key
from .resolution import Alternative, Ambiguous, Candidate, Resolution, label_for

MAX_CANDIDATES = 10


def county_chain(gaz: Gazetteer, fips: str | None, town: str | None = None) -> tuple:
    """us > state > county [> the town, when it has law of its own and lies in that county]."""
    county = gaz.registry.by_code("fips", fips) if fips else None
    if county is None:
        return ()
    chain = tuple(gaz.registry.chain(county.id))
    if town is not None and chain[-1].level == "county":
        law = gaz.local_law(name_key(town), chain[1])
        if law is not None and county.id in law.counties:
            return (*chain, law)
    return chain


class Answers:
    def __init__(self, gazetteer: Gazetteer, zips, names: CensusNames):
        self.gaz = gazetteer
        self.registry = gazetteer.registry
        self.zips = zips
        self.names = names

    def area(self, division: Division) -> Resolution:
        chain = tuple(self.registry.chain(division.id))
        incorporated = True if division.level == "place" else None
        return Resolution(chain, label_for(chain), division.level, incorporated=incorporated)

    def incorporated(self, chain: tuple[Division, ...], name: str) -> bool | None:
        """A place with law or an independent city is a city; a town named in a US state is
        looked up among the Census places of its county (a CDP is unincorporated)."""
        if chain[-1].level == "place":
            return True
        if len(chain) < 3 or chain[-1].level != "county" or "postal" not in chain[1].codes:
            return None
        county_fips = chain[-1].codes.get("fips")
        return self.names.incorporated(chain[1].codes["postal"], name_key(name), county_fips)

    def county_chain(self, fips: str | None, town: str | None = None) -> tuple[Division, ...]:
        return county_chain(self.gaz, fips, town)

    def place_chain(self, place: Place) -> tuple[Division, ...]:
        if place.county_fips:
            chain = self.county_chain(place.county_fips, place.name)
            if chain:
                return chain
        country = self.registry.by_code("iso3166_1", place.country)
        if country is None:
            return ()
        chain = tuple(self.registry.chain(country.id))
        sub = self.registry.by_code("iso3166_2", place.iso3166_2) if place.iso3166_2 else None
        return (*chain, sub) if sub is not None and sub not in chain else chain

    def place(self, place: Place) -> Resolution | None:
        chain = self.place_chain(place)
        if not chain:
            return None
        return Resolution(
            chain,
            label_for(chain, place.name),
            "place",
            place.lat,
            place.lon,
            incorporated=self.incorporated(chain, place.name),
        )

    def law_place(self, key: str, state: Division) -> Resolution | None:
        law = self.gaz.local_law(key, state)
        if law is None:
            return None
        chain = tuple(self.registry.chain(law.id))
        return Resolution(chain, label_for((state,), law.name), "place", incorporated=True)

    def town_in_state(self, key: str, state: Division) -> Resolution | None:
        """A town named within a state. GeoNames points and postal cities may place a name in
        more than one county (two towns of one name, or a town across a county line): the
        first GeoNames place answers and the other counties become alternatives."""
        places = self.gaz.places_named(key, "US", state.codes.get("iso3166_2"))
        postal = self.zips.city_counties(key, state)
        if not places and not postal:
            return None
        first = places[0] if places else None
        primary = first.county_fips if first else postal.most_common(1)[0][0]
        name = first.name if first else self.zips.city_name(key, state)
        chain = self.county_chain(primary, name)
        if not chain:
            return None
        others = _other_counties(primary, places[1:], postal)
        alternatives = tuple(self._alternative(fips, name) for fips in others)
        alternatives = tuple(a for a in alternatives if a is not None)
        lat, lon = (first.lat, first.lon) if first else (None, None)
        return Resolution(
            chain,
            label_for(chain, name),
            "place",
            lat,
            lon,
            approximate=bool(alternatives),
            notes=_town_notes(name, alternatives),
            alternatives=alternatives,
            incorporated=self.incorporated(chain, name),
        )

    def _alternative(self, fips: str, name: str) -> Alternative | None:
        chain = self.county_chain(fips, name)
        if not chain:
            return None
        reason = f"Another place called {name}, or part of the same town, lies in {chain[2].name}"
        return Alternative(chain, label_for(chain), reason, self.incorporated(chain, name))

    def area_candidate(self, division: Division) -> Candidate:
        chain = tuple(self.registry.chain(division.id))
        return Candidate(label_for(chain), chain)

    def ambiguous(self, text: str, options) -> Ambiguous:
        candidates = []
        for option in options:
            if isinstance(option, Division):
                candidates.append(self.area_candidate(option))
                continue
            chain = self.place_chain(option)
            if chain:
                candidates.append(
                    Candidate(label_for(chain, option.name), chain, option.lat, option.lon)
                )
        return Ambiguous(text, _distinct(candidates)[:MAX_CANDIDATES])


def _other_counties(primary: str, places: list[Place], postal: Counter) -> list[str]:
    found = [p.county_fips for p in places if p.county_fips] + [f for f, _ in postal.most_common()]
    return [fips for fips in dict.fromkeys(found) if fips and fips != primary]


def _town_notes(name: str, alternatives) -> tuple[str, ...]:
    if not alternatives:
        return ()
    return (
        f"{name} may mean more than one place or reach more than one county; this answer is for "
        "the most populous, and the others are listed as alternatives.",
    )


def _distinct(candidates: list[Candidate]) -> tuple[Candidate, ...]:
    """One candidate per chain; labels that collide say what kind of place each is."""
    by_chain: dict[tuple, Candidate] = {}
    for candidate in candidates:
        by_chain.setdefault(tuple(d.id for d in candidate.chain), candidate)
    unique = list(by_chain.values())
    labels = Counter(c.label for c in unique)
    return tuple(
        Candidate(f"{c.label} ({c.chain[-1].kind.replace('_', ' ')})", c.chain, c.lat, c.lon)
        if labels[c.label] > 1
        else c
        for c in unique
    )
