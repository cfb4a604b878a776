"""Map projections for the status maps: a composite Albers for the US, Equal Earth for the world.

Both take numpy arrays of longitudes and latitudes in degrees and return screen x, y (y down).
The US composite follows d3's geoAlbersUsa (lower 48, Alaska at 0.35 scale, Hawaii), with
Puerto Rico and the US Virgin Islands added as a fourth inset east of Florida.
"""

from __future__ import annotations

import math

import numpy as np

US_SCALE = 1300.0
US_SIZE = (975.0, 610.0)


def conic_equal_area(parallels, rotate, center, scale, translate):
    """Albers equal-area conic, as d3.geoConicEqualArea with these settings."""
    sy0 = math.sin(math.radians(parallels[0]))
    n = (sy0 + math.sin(math.radians(parallels[1]))) / 2
    c = 1 + sy0 * (2 * n - sy0)
    r0 = math.sqrt(c) / n

    def raw(lam, phi):
        r = np.sqrt(c - 2 * n * np.sin(phi)) / n
        return r * np.sin(lam * n), r0 - r * np.cos(lam * n)

    cx, cy = raw(np.radians(center[0]), np.radians(center[1]))

    def project(lon, lat):
        x, y = raw(np.radians(np.asarray(lon) + rotate), np.radians(np.asarray(lat)))
        return translate[0] + scale * (x - cx), translate[1] - scale * (y - cy)

    return project


def _us_insets():
    k, (tx, ty) = US_SCALE, (US_SIZE[0] / 2, US_SIZE[1] / 2)
    return {
        "lower48": conic_equal_area((29.5, 45.5), 96, (-0.6, 38.7), k, (tx, ty)),
        "alaska": conic_equal_area(
            (55, 65), 154, (-2, 58.5), 0.35 * k, (tx - 0.307 * k, ty + 0.201 * k)
        ),
        "hawaii": conic_equal_area((8, 18), 157, (-3, 19.9), k, (tx - 0.205 * k, ty + 0.212 * k)),
        "caribbean": conic_equal_area((8, 18), 66, (0, 18.2), k, (tx + 0.29 * k, ty + 0.19 * k)),
    }


US_INSETS = _us_insets()
INSET_BY_STATE_FIPS = {"02": "alaska", "15": "hawaii", "72": "caribbean", "78": "caribbean"}


def us_project(state_fips: str):
    """The projection for one US state or territory (by FIPS), longitudes unwrapped so the
    Aleutians west of the 180th meridian stay beside the rest of Alaska."""
    inset = US_INSETS[INSET_BY_STATE_FIPS.get(state_fips, "lower48")]

    def project(lon, lat):
        lon = np.asarray(lon)
        return inset(np.where(lon > 0, lon - 360, lon), lat)

    return project


# Equal Earth (Šavrič, Patterson and Jenny, 2018), unit sphere.
A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2
WORLD_SCALE = 960 / (2 * 2.7064)  # the projection's half width is about 2.7064 on a unit sphere


def equal_earth(lon, lat):
    lam, phi = np.radians(np.asarray(lon)), np.radians(np.asarray(lat))
    theta = np.arcsin(M * np.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * np.cos(theta) / (M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)))
    y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    return 480 + WORLD_SCALE * x, 240 - WORLD_SCALE * y
