"""Derived files written so that every rebuild is byte-identical."""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import MultiPolygon

from jurisdictions.geo.points import Layer
from jurisdictions.geo.tables import to_cells


def write_layer(directory: Path, name: str, regions: dict[str, MultiPolygon]) -> Layer:
    """<name>.wkb holds one WKB polygon per part; <name>.json its keys, owners and byte ends."""
    keys = sorted(regions)
    parts, owners = shapely.get_parts([regions[k] for k in keys], return_index=True)
    parts = shapely.normalize(parts)  # a canonical vertex order keeps rebuilds identical
    blobs = shapely.to_wkb(parts, byte_order=1, output_dimension=2)
    (directory / f"{name}.wkb").write_bytes(b"".join(blobs))
    index = {
        "keys": keys,
        "owners": owners.tolist(),
        "ends": np.cumsum([len(b) for b in blobs]).tolist(),
    }
    (directory / f"{name}.json").write_text(json.dumps(index, separators=(",", ":")) + "\n")
    return Layer(keys, parts, owners)


def write_table(path: Path, columns: tuple[str, ...], records: Iterable[tuple]) -> None:
    """Gzipped TSV with a fixed header and no timestamp, so rebuilds are byte-identical."""
    text = io.StringIO()
    writer = csv.writer(text, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE)
    writer.writerow(columns)
    for record in records:
        cells = to_cells(record)
        if any("\t" in c or "\n" in c for c in cells):
            raise ValueError(f"tab or newline in {record}")
        writer.writerow(cells)
    with open(path, "wb") as raw, gzip.GzipFile("", "wb", fileobj=raw, mtime=0) as handle:
        handle.write(text.getvalue().encode("utf-8"))
