"""Benchmark the offline geographic layer: load time, resident memory, locate() latency.

    python bench/geo_points.py [--points 10000] [--seed 1]

Run it as a fresh process: load time and memory are those of a new worker. Half the points
fall in the United States' bounding boxes (lower 48, Alaska, Hawaii, Puerto Rico), half
anywhere on Earth (uniform on the sphere, so oceans dominate as they do).
"""

from __future__ import annotations

import argparse
import math
import random
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

US_BOXES = (  # (south, west, north, east, weight)
    (24.5, -124.8, 49.4, -66.9, 0.85),
    (51.0, -170.0, 71.4, -130.0, 0.08),
    (18.9, -160.3, 22.3, -154.8, 0.04),
    (17.9, -67.3, 18.6, -65.2, 0.03),
)


def rss_mb() -> float:
    """Current resident set size (Linux /proc), else the peak from getrusage."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def us_point(rng: random.Random) -> tuple[float, float]:
    south, west, north, east, _ = rng.choices(US_BOXES, weights=[b[4] for b in US_BOXES])[0]
    return rng.uniform(south, north), rng.uniform(west, east)


def world_point(rng: random.Random) -> tuple[float, float]:
    return math.degrees(math.asin(rng.uniform(-1, 1))), rng.uniform(-180, 180)


def timed(locate, points: list[tuple[float, float]]) -> list[float]:
    times = []
    for lat, lon in points:
        start = time.perf_counter()
        locate(lat, lon)
        times.append((time.perf_counter() - start) * 1000)
    return sorted(times)


def describe(name: str, times: list[float]) -> str:
    p50 = statistics.median(times)
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
    return f"{name:>6}: n={len(times)} p50={p50:.3f} ms p99={p99:.3f} ms max={times[-1]:.3f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    before = rss_mb()
    start = time.perf_counter()
    from jurisdictions.geo import points, tables

    imported = time.perf_counter()
    points.locator()
    boundaries = time.perf_counter()
    places, zips = tables.load_places(), tables.load_zips()
    loaded = time.perf_counter()
    print(f"python and stdlib: {before:.1f} MB resident before importing the layer")
    print(f"import shapely, numpy, jurisdictions.geo: {imported - start:.3f} s")
    print(f"load boundaries (counties, countries):   {boundaries - imported:.3f} s")
    counts = f"{len(places.records)} places, {len(zips.records)} ZIPs"
    print(f"load tables ({counts}): {loaded - boundaries:.3f} s")
    print(f"total import + load: {loaded - start:.3f} s; RSS after load {rss_mb():.1f} MB")

    rng = random.Random(args.seed)
    half = args.points // 2
    us = [us_point(rng) for _ in range(half)]
    world = [world_point(rng) for _ in range(args.points - half)]
    timed(points.locate, us[:200])  # warm the prepared geometries' lazy indexes
    us_times, world_times = timed(points.locate, us), timed(points.locate, world)
    for name, times in (("US", us_times), ("world", world_times)):
        print(describe(name, times))
    print(describe("all", sorted(us_times + world_times)))
    print(f"RSS after the run: {rss_mb():.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
