"""Text to a chain of jurisdictions: countries, states, counties, cities, with typos forgiven.

A name qualified by a state or country ("Oceanside, CA", "Toronto, Ontario, Canada") is looked
up inside it; a bare name is looked up everywhere, and when several places share it and none
clearly stands out ("Springfield") the answer is a list of candidates, never a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from jurisdictions.geo.census_names import CensusNames
from jurisdictions.geo.tables import Place
from jurisdictions.registry import Division

from .gazetteer import US, Gazetteer
from .names import name_key, strip_county_word
from .query import Query, parse_query
from .resolution import Ambiguous, Resolution
from .results import Answers

# A bare city name is taken as the most populous place of that name only when it is at least
# this many times as populous as the next one.
DOMINANCE = 3
BIG_CITY = 500_000
_CONNECTOR = re.compile(r" (?:de|of|in|en)$")
_CITY_OF = re.compile(r"^(?:the )?city of ")


@dataclass(frozen=True, slots=True)
class Scope:
    """Where a qualified name is looked for: a country, maybe one of its subdivisions."""

    country: Division
    subdivision: Division | None = None


class TextResolver:
    def __init__(self, gazetteer: Gazetteer, zip_resolver, names: CensusNames):
        self.gaz = gazetteer
        self.registry = gazetteer.registry
        self.zips = zip_resolver
        self.answers = Answers(gazetteer, zip_resolver, names)

    def resolve(self, text: str) -> Resolution | Ambiguous | None:
        query = parse_query(text)
        if query.zip:
            return self.zips.resolve(query.zip)
        found = self._resolve(query)
        if found is None and _CITY_OF.match(query.name):
            found = self._resolve(replace(query, name=_CITY_OF.sub("", query.name)))
        return found

    def _resolve(self, query: Query) -> Resolution | Ambiguous | None:
        if not query.name:
            return self.answers.area(self.registry.get(US)) if query.us_hint else None
        if query.qualifiers:
            return self._qualified(query)
        return self._bare(query) or self._split_trailing(query)

    # -- qualified names: "X, State" / "X, Country" / "X, Province, Country" -------------------

    def _qualified(self, query: Query) -> Resolution | Ambiguous | None:
        for scope in self._scopes(query.qualifiers, query.us_hint):
            found = self._within(query.name, scope)
            if found is not None:
                return found
        return None

    def _scopes(self, qualifiers: tuple[str, ...], us_hint: bool) -> list[Scope]:
        """Every reading of the qualifiers, most specific first."""
        *inner, outer = qualifiers
        if inner and self.gaz.country(f"{inner[-1]}, {outer}"):
            *inner, outer = [*inner[:-1], f"{inner[-1]}, {outer}"]  # "Korea, Republic of"
        scopes = self._outer_scopes(outer, fuzzy=False) or self._outer_scopes(outer, not us_hint)
        if inner:
            narrowed = [
                Scope(scope.country, sub)
                for scope in scopes
                for sub in self._subdivisions_for(inner[-1], scope.country)
            ]
            scopes = narrowed + scopes
        return scopes

    def _outer_scopes(self, key: str, fuzzy: bool) -> list[Scope]:
        """A state, province or country named last ("..., CA", "..., Canada")."""
        if fuzzy:
            key = self.gaz.fuzzy_area(key) or key
        states = self._subdivisions_for(key, None, prefer_us=True, fuzzy=False)
        countries = [d for d in self.gaz.country(key) if d.level == "country"]
        return [Scope(self.registry.chain(s.id)[0], s) for s in states] + list(
            map(Scope, countries)
        )

    def _subdivisions_for(
        self, key, country: Division | None, prefer_us=False, fuzzy=True
    ) -> list[Division]:
        found = self.gaz.subdivision(key, country)
        us = [d for d in found if d.parent == US]
        if prefer_us and us:
            return us
        if not found and fuzzy:
            corrected = self.gaz.typos.best(key, "subdivisions")
            found = self.gaz.subdivision(corrected, country) if corrected else []
        return found

    def _within(self, key: str, scope: Scope) -> Resolution | Ambiguous | None:
        sub = scope.subdivision
        if sub is not None and sub.parent == US:
            return self._in_us_state(key, sub)
        if sub is not None and key in {name_key(n) for n in (sub.name, *sub.aliases)}:
            return self.answers.area(sub)
        if sub is None:
            subs = self.gaz.subdivision(key, scope.country)
            if len(subs) == 1:
                return self.answers.area(subs[0])
        places = self._places(key, scope.country.codes.get("iso3166_1"), sub)
        return self.answers.place(places[0]) if places else None

    def _places(self, key: str, country: str | None, sub: Division | None) -> list[Place]:
        iso = sub.codes.get("iso3166_2") if sub else None
        places = self.gaz.places_named(key, country, iso)
        if not places and country:
            corrected = self.gaz.typos.best(key, ("places", country))
            if corrected:
                places = self.gaz.places_named(corrected, country, iso)
        return places

    # -- inside one US state ----------------------------------------------------------------

    def _in_us_state(self, key: str, state: Division, fuzzy: bool = True) -> Resolution | None:
        if key in {name_key(n) for n in (state.name, *state.aliases)}:
            return self.answers.area(state)
        base, said_county = strip_county_word(key)
        if said_county:
            county = self._county_in(base, state)
            return self.answers.area(county) if county else None
        found = self.answers.law_place(key, state) or self.answers.town_in_state(key, state)
        if found is None:
            counties = self.gaz.county(key, state)
            found = self.answers.area(counties[0]) if counties else None
        if found is None and fuzzy:
            found = self._fuzzy_in_state(key, state)
        return found

    def _county_in(self, key: str, state: Division) -> Division | None:
        found = self.gaz.county(key, state)
        if not found:
            corrected = self.gaz.typos.best(key, ("counties", state.id))
            found = self.gaz.county(corrected, state) if corrected else []
        return found[0] if found else None

    def _fuzzy_in_state(self, key: str, state: Division) -> Resolution | None:
        corrected = self.gaz.typos.best(key, ("state", state.codes.get("iso3166_2")))
        if corrected is None or corrected == key:
            return None
        return self._in_us_state(corrected, state, fuzzy=False)

    # -- bare names -------------------------------------------------------------------------

    def _bare(self, query: Query, fuzzy: bool = True) -> Resolution | Ambiguous | None:
        key = query.name
        areas = self._named_areas(key)
        places = _by_own_name(key, self.gaz.places_named(key))
        big = [p for p in places if p.population >= BIG_CITY]
        if areas and big:
            if not _same_place(areas, big):
                return self.answers.ambiguous(query.text, _us_first(areas, places, big))
            if all(a.level != "country" for a in areas):
                return self.answers.place(big[0])
        if areas:
            return (
                self.answers.area(areas[0])
                if len(areas) == 1
                else (self.answers.ambiguous(query.text, areas))
            )
        base, said_county = strip_county_word(key)
        if said_county:
            return self._counties_anywhere(query.text, base)
        if places:
            return self._pick_place(query.text, places)
        law_places = self.gaz.law_places_named(key)
        if law_places:
            return self.answers.area(law_places[0])
        if self.gaz.counties_named(key):
            return self._counties_anywhere(query.text, key)
        return self._fuzzy_bare(query) if fuzzy else None

    def _named_areas(self, key: str) -> list[Division]:
        """Countries and first-level subdivisions with exactly this name; US ones first."""
        us_states = [d for d in self.gaz.subdivision(key) if d.parent == US]
        if us_states and len(key) == 2:
            return us_states  # "TN", "CA", "GA": a US postal code before a country code
        countries = [d for d in self.gaz.country(key) if d not in us_states]
        areas = countries + us_states
        return list(dict.fromkeys(areas or self.gaz.subdivision(key)))

    def _counties_anywhere(self, text: str, key: str) -> Resolution | Ambiguous | None:
        counties = self.gaz.counties_named(key)
        if len(counties) == 1:
            return self.answers.area(counties[0])
        return self.answers.ambiguous(text, counties) if counties else None

    def _pick_place(self, text: str, places: list[Place]) -> Resolution | Ambiguous | None:
        first = places[0]
        if len(places) > 1 and first.population < DOMINANCE * places[1].population:
            return self.answers.ambiguous(text, _us_first([], places, places))
        answer = self.answers.place(first)
        if answer is not None and len(places) > 1:
            note = f"Interpreted as {answer.label}, the most populous place of that name."
            answer = replace(answer, notes=(*answer.notes, note))
        return answer

    def _fuzzy_bare(self, query: Query) -> Resolution | Ambiguous | None:
        corrected = self.gaz.fuzzy_area(query.name)
        if corrected is None:
            corrected = self.gaz.typos.best(query.name, "big")
        if corrected is None or corrected == query.name:
            return None
        return self._bare(replace(query, name=corrected), fuzzy=False)

    def _split_trailing(self, query: Query) -> Resolution | Ambiguous | None:
        """'Oceanside CA', 'Sarasota County Florida': the last words may be the qualifier."""
        words = query.name.split()
        for size in (1, 2, 3):
            if len(words) <= size:
                break
            head, tail = " ".join(words[:-size]), " ".join(words[-size:])
            head = _CONNECTOR.sub("", head)  # "Santiago de Chile", "Kansas City in Missouri"
            if self.gaz.subdivision(tail) or self.gaz.country(tail):
                found = self._qualified(replace(query, name=head, qualifiers=(tail,)))
                if found is not None:
                    return found
        return None


def _by_own_name(key: str, places: list[Place]) -> list[Place]:
    """Places whose own name is the key, when there are any: "Jackson" is not Jacksonville,
    though GeoNames lists "Jackson" among Jacksonville's other names."""
    own = [p for p in places if key in (name_key(p.name), name_key(p.ascii_name))]
    return own or places


def _us_first(areas: list[Division], places: list[Place], big: list[Place]) -> list:
    """Candidates for a bare name: US places by population, then the areas of that name,
    then large places abroad ("Portland": Oregon, Maine, ..., then Portland, Jamaica)."""
    us = sorted((p for p in places if p.country == "US"), key=lambda p: -p.population)
    abroad = [p for p in big if p.country != "US"]
    return [*us, *areas, *abroad]


def _same_place(areas: list[Division], places: list[Place]) -> bool:
    """ "Singapore", "Berlin", "Tokyo": the city and the area of its name are one answer."""
    codes = {a.codes.get("iso3166_1") for a in areas} | {a.codes.get("iso3166_2") for a in areas}
    return all(p.country in codes or p.iso3166_2 in codes for p in places)
