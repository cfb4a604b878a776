"""CPU cost of resolving hostile or unresolvable text, per query, in a fresh resolver.

    python bench/fuzzy_cost.py [--count 400]

Every query below misses the exact indexes, so the resolver falls back to fuzzy matching in
every scope it can read into the text (states, countries, each state's towns, a country's
towns). The queries are made up, deterministic (a fixed seed) and never repeated, so neither
the answer cache nor a warm per-scope index hides a cost. Prints the median, p99 and worst
CPU time per query (time.process_time, so other processes on the machine do not count).
"""

from __future__ import annotations

import argparse
import random
import statistics
import string
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from jurisdictions.resolve.offline import offline_resolver  # noqa: E402

QUALIFIERS = [
    "TX", "CA", "NY", "Florida", "Ontario", "Germany", "India", "Brazil", "China", "USA",
    "Mexico", "Russia", "Nigeria", "France", "Indonesia", "Queensland", "Bavaria", "Texas",
]  # fmt: skip
TEMPLATES = [
    "{w}",
    "{w} {w}",
    "{w}, {q}",
    "{w} {w}, {q}",
    "{w} county, {q}",
    "{w}, {w}, {q}",
    "city of {w}",
    "{w} {q}",
    "{w} {w} {w} {w} {w} {w}",
    "{long}",
    "{long}, {q}",
]


def hostile_queries(count: int, seed: int = 17) -> list[str]:
    rng = random.Random(seed)
    letters = string.ascii_lowercase

    def word() -> str:
        return "".join(rng.choice(letters) for _ in range(rng.randint(4, 14)))

    queries = set()
    while len(queries) < count:
        template = rng.choice(TEMPLATES)
        long = " ".join(word() for _ in range(12))[:190]
        text = template.replace("{long}", long)
        while "{w}" in text:
            text = text.replace("{w}", word(), 1)
        text = text.replace("{q}", rng.choice(QUALIFIERS))
        queries.add(text)
    return sorted(queries)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=400)
    args = parser.parse_args()
    started = time.perf_counter()
    resolve = offline_resolver().resolve.__wrapped__  # the text resolver, without its cache
    print(f"offline resolver loaded in {time.perf_counter() - started:.2f} s")
    costs = []
    for query in hostile_queries(args.count):
        begin = time.process_time()
        resolve(query)
        costs.append((time.process_time() - begin, query))
    costs.sort()
    times = [c for c, _ in costs]
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
    print(
        f"{len(times)} hostile queries: median {statistics.median(times) * 1000:.2f} ms, "
        f"p99 {p99 * 1000:.2f} ms, worst {times[-1] * 1000:.2f} ms ({costs[-1][1]!r})"
    )


if __name__ == "__main__":
    main()
