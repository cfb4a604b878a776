"""The ZIP table: each ZIP's labelled county, centroid county and other counties in reach."""

from __future__ import annotations

from collections import Counter

from jurisdictions.geo.points import Layer
from jurisdictions.geo.tables import Zip
from jurisdictions.registry import Registry

from .county_labels import county_label_index, label_fips
from .county_lookup import county_in_state, state_of_county

ZIP_REACH_KM = 2.0  # counties this near a ZIP's point join its other_counties
# zipcodes sometimes names a county of the neighbouring state ("Monongalia County" for a
# Pennsylvania ZIP on the West Virginia line): such a label is looked up in the states of
# the counties this near the ZIP's point.
NEIGHBOUR_STATE_KM = 25.0


class ZipBuilder:
    """ZIP rows from the zipcodes package, counting how each found its counties."""

    def __init__(self, counties: Layer, registry: Registry):
        self.counties = counties
        self.postal = state_of_county(registry)
        self.index = county_label_index(registry)
        self.report: Counter = Counter()

    def label(self, row: dict, lat: float, lon: float, located: bool) -> str | None:
        if not row["county"]:
            return None
        fips = label_fips(row["state"], row["county"], self.index)
        if fips is None and located:
            near = self.counties.within_km(lat, lon, NEIGHBOUR_STATE_KM)
            states = sorted({self.postal[k] for k in near} - {row["state"]})
            hits = {label_fips(s, row["county"], self.index) for s in states} - {None}
            fips = hits.pop() if len(hits) == 1 else None
            self.report["county label found in a neighbouring state"] += fips is not None
        if fips is None:
            self.report[f"unmapped label: {row['state']} {row['county']}"] += 1
        return fips

    def record(self, row: dict) -> Zip:
        lat, lon = float(row["lat"]), float(row["long"])
        located = not (lat == 0 and lon == 0)  # military codes carry 0, 0
        label = self.label(row, lat, lon, located)
        centroid, near, moved = None, {}, False
        if located:
            centroid, _, moved = county_in_state(self.counties, lat, lon, row["state"], self.postal)
            near = self.counties.within_km(lat, lon, ZIP_REACH_KM)
        label_elsewhere = {label} if centroid is not None else set()
        others = tuple(sorted((label_elsewhere | set(near)) - {centroid, None}))
        self.count(row, label, centroid, others, located, moved)
        return Zip(
            row["zip_code"],
            round(lat, 4) if located else None,
            round(lon, 4) if located else None,
            row["city"],
            row["state"],
            row["zip_code_type"],
            label,
            centroid,
            others,
        )

    def count(self, row, label, centroid, others, located, moved) -> None:
        report = self.report
        report["zips"] += 1
        report["county label given"] += bool(row["county"])
        report["county label mapped"] += label is not None
        report["located"] += located
        report["centroid county found"] += centroid is not None
        report["centroid moved into the ZIP's own state"] += moved
        report["label and centroid both known"] += label is not None and centroid is not None
        report["label == centroid"] += label is not None and label == centroid
        report["other_counties not empty"] += bool(others)


def build_zips(counties: Layer, registry: Registry) -> tuple[list[Zip], Counter]:
    import zipcodes

    builder = ZipBuilder(counties, registry)
    rows = sorted(zipcodes.list_all(), key=lambda r: r["zip_code"])
    return [builder.record(row) for row in rows], builder.report
