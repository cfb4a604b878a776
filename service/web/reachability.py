"""Source health as a person reading /status needs it: a source this machine cannot reach at
all (no internet, a firewall, a name that does not resolve) is said to be not reachable from
here, which is a fact about the machine, not an alarm about the source."""

from __future__ import annotations

import re

from service.ingest.freshness import SourceState

# The reasons `scrapers.http.describe` gives for a request that never reached the source.
NETWORK = re.compile(r": (could not connect|connection refused|timed out after [\d.]+ s) \(")


def unreachable(state: SourceState) -> bool:
    """Has the source never answered this machine: every sign of trouble a network failure,
    and no successful run since the last time it did?"""
    run = state.last_run
    if state.disabled_reason or run is None or run.outcome != "failed":
        return False
    return bool(NETWORK.search(run.error or "")) and (state.stale or not state.last_success_at)


def status_words(state: SourceState) -> tuple[str, str]:
    """(status, health) in words for the page."""
    if unreachable(state):
        found = NETWORK.search(state.last_run.error or "")
        what = found.group(1) if found else "could not connect"
        return (
            "not reachable from this machine",
            f"The last run {what}: this machine could not reach the source (no internet "
            "access here, or a firewall). Nothing stored was changed; it will try again on "
            "its schedule.",
        )
    return state.status, state.health


def incident_words(describe, incident) -> str:
    """An incident's description, saying so when it is only this machine's network."""
    said = describe(incident)
    if NETWORK.search(incident.reason or ""):
        return f"Not reachable from this machine. {said}"
    return said
