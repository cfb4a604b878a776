"""Where the machine's CPU went during a run: per group of process trees, for the load
generator (this script's waited-for children) and for the machine as a whole, in cores (CPU
seconds per second of the run), read from /proc."""

from __future__ import annotations

import os
import resource
import time
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")


def machine_busy() -> float:
    """CPU seconds spent by all cores, not idle, since boot (/proc/stat)."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    return (sum(values) - values[3] - values[4]) / TICK


def _stat(pid: int) -> list[str] | None:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (fields := _stat(int(entry.name))) is not None:
            tree.setdefault(int(fields[1]), []).append(int(entry.name))
    return tree


def _tree_cpu(roots: list[int], tree: dict[int, list[int]]) -> float:
    seen, stack = set(), list(roots)
    while stack:
        pid = stack.pop()
        if pid not in seen:
            seen.add(pid)
            stack += tree.get(pid, [])
    total = 0
    for pid in seen:
        fields = _stat(pid)
        if fields is not None:
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / TICK


def _sample(groups: dict[str, list[int]]) -> dict[str, float]:
    tree = _children()
    sample = {name: _tree_cpu(roots, tree) for name, roots in groups.items()}
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    sample["wrk"] = children.ru_utime + children.ru_stime
    sample["machine"] = machine_busy()
    sample["seconds"] = time.monotonic()
    return sample


def measured(groups: dict[str, list[int]], run):
    """run(), and the cores each group used meanwhile: (run's result, {group: cores})."""
    before = _sample(groups)
    result = run()
    after = _sample(groups)
    seconds = after.pop("seconds") - before.pop("seconds")
    return result, {name: (after[name] - before[name]) / seconds for name in before}


def cores_line(cores: dict[str, float]) -> str:
    machine = cores.pop("machine")
    parts = ", ".join(f"{name} {used:.2f}" for name, used in cores.items())
    rest = max(0.0, machine - sum(cores.values()))  # the samples differ by a few ticks
    return f"{machine:.2f} of {os.cpu_count()} cores busy ({parts}, anything else {rest:.2f})"
