"""US states, DC and the territories ISO lists as countries."""

from __future__ import annotations

import pycountry
import us

from jurisdictions.registry import Division

from .aliases import STATE_ALIASES, TERRITORY_NAMES
from .divisions import US, US_TERRITORIES, country_names, division, iso_codes


def us_state(state) -> Division:
    postal = state.abbr
    ap_style = [state.ap_abbr] if state.ap_abbr else []
    aliases = [postal, *ap_style, *STATE_ALIASES.get(postal, ())]
    codes = {"postal": postal, "fips": state.fips, "iso3166_2": f"US-{postal}"}
    kind = "district" if postal == "DC" else "state"
    return division(
        f"{US}/state:{postal.lower()}",
        state.name,
        "state",
        kind,
        US,
        codes,
        aliases,
    )


def us_territory(postal: str, fips: str) -> Division:
    country = pycountry.countries.get(alpha_2=postal)
    state = us.states.lookup(postal)
    name = TERRITORY_NAMES.get(postal) or (state.name if state else country.name)
    codes = {**iso_codes(country), "iso3166_2": f"US-{postal}", "postal": postal, "fips": fips}
    aliases = [*country_names(country), *STATE_ALIASES.get(postal, ())]
    return division(
        f"{US}/state:{postal.lower()}",
        name,
        "state",
        "territory",
        US,
        codes,
        aliases,
    )


def us_states() -> list[Division]:
    rows = [us_state(state) for state in [*us.states.STATES, us.states.DC]]
    fips = {state.abbr: state.fips for state in us.states.TERRITORIES}
    fips["UM"] = "74"  # not in the `us` package; FIPS 5-2 code for the Minor Outlying Islands
    rows += [us_territory(postal, fips[postal]) for postal in US_TERRITORIES]
    return rows
