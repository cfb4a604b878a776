"""Accuracy of location resolution on the evaluation set, per kind, with every miss listed.

    python bench/geo_accuracy.py [--quiet]

Reads bench/geo_cases.csv (hand-checked), bench/geo_eval.csv (sampled from independent
data, see bench/build_geo_eval.py) and bench/geo_limits_eval.csv (points inside and within
2 km outside the city limits of every place with law and of every incorporated place of a
county with a scoped ordinance, judged by the Census's unsimplified limits, see
bench/build_limits_eval.py). A query hits when its expected jurisdiction is in the answer's
chain; for ZIPs and points an expectation met only by an alternative (a county the ZIP also
reaches, or one within 1 km of the point) is counted apart as "covered". City-limit points
must meet every token of their expectation exactly ("&": an id in the chain, "!id" not in
it, "incorporated:true|false"); alternatives do not count for them. Also prints the
in-process resolution time per kind (median and p99).
"""

from __future__ import annotations

import csv
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from jurisdictions.resolve.offline import offline_resolver  # noqa: E402
from jurisdictions.resolve.resolution import Ambiguous, Resolution  # noqa: E402

FILES = ("geo_cases.csv", "geo_eval.csv", "geo_limits_eval.csv")
TARGETS = {
    "us_text": 0.99,
    "us_zip": 0.99,
    "us_point": 0.97,
    "us_limits": 0.99,
    "intl_text": 0.90,
    "intl_point": 0.90,
}


def answer(geocoder, kind: str, query: str):
    if kind.endswith(("point", "limits")):
        lat, lon = (float(v) for v in query.split(","))
        return geocoder.resolve_point(lat, lon)
    return geocoder.resolve(query)


def judge_exact(result, tokens: list[str]) -> str:
    """Every token must hold: an id in the chain, "!id" not in it, "incorporated:..."."""
    if not isinstance(result, Resolution):
        return "miss"
    ids = {d.id for d in result.chain}
    for token in tokens:
        if token.startswith("incorporated:"):
            ok = str(result.incorporated).lower() == token.partition(":")[2]
        elif token.startswith("!"):
            ok = token[1:] not in ids
        else:
            ok = token in ids
        if not ok:
            return "miss"
    return "hit"


def judge(result, expected: set[str]) -> str:
    if expected == {"NONE"}:
        return "hit" if result is None else "miss"
    if expected == {"AMBIGUOUS"}:
        return "hit" if isinstance(result, Ambiguous) else "miss"
    if not isinstance(result, Resolution):
        return "miss"
    if expected & {d.id for d in result.chain}:
        return "hit"
    alternative_ids = {d.id for alt in result.alternatives for d in alt.chain}
    return "covered" if expected & alternative_ids else "miss"


def describe(result) -> str:
    if result is None:
        return "nothing"
    if isinstance(result, Ambiguous):
        return "candidates: " + "; ".join(c.label for c in result.candidates[:4])
    return result.chain[-1].id


def main() -> None:
    quiet = "--quiet" in sys.argv
    started = time.perf_counter()
    geocoder = offline_resolver()
    print(f"offline resolver loaded in {time.perf_counter() - started:.2f} s")
    outcomes = defaultdict(lambda: defaultdict(int))
    timings = defaultdict(list)
    misses = []
    for name in FILES:
        path = ROOT / "bench" / name
        if not path.exists():
            continue
        for row in csv.DictReader(path.open(encoding="utf-8")):
            begin = time.perf_counter()
            result = answer(geocoder, row["kind"], row["query"])
            timings[row["kind"]].append(time.perf_counter() - begin)
            if row["kind"] == "us_limits":
                verdict = judge_exact(result, row["expect"].split("&"))
            else:
                verdict = judge(result, set(row["expect"].split("|")))
            if row["kind"] == "us_limits" and verdict == "miss":
                row = {**row, "expect": f"{row['expect']} ({row['note']})"}
            outcomes[row["kind"]][verdict] += 1
            if verdict == "miss":
                misses.append((row["kind"], row["query"], row["expect"], describe(result)))
    print(f"{'kind':<11} {'queries':>7} {'hit':>7} {'hit+covered':>12} {'target':>7}  median   p99")
    for kind in TARGETS:
        counts = outcomes[kind]
        total = sum(counts.values())
        if not total:
            continue
        times = sorted(timings[kind])
        p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
        print(
            f"{kind:<11} {total:>7} {counts['hit'] / total:>7.1%} "
            f"{(counts['hit'] + counts['covered']) / total:>12.1%} {TARGETS[kind]:>7.0%}"
            f"  {statistics.median(times) * 1000:.3f}ms {p99 * 1000:.3f}ms"
        )
    print(f"{sum(sum(c.values()) for c in outcomes.values())} queries, {len(misses)} misses")
    if not quiet:
        for kind, query, expect, got in misses:
            print(f"  MISS {kind:<10} {query!r}: expected {expect}, got {got}")


if __name__ == "__main__":
    main()
