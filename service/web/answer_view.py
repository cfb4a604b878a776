"""What an answer page shows besides the API's JSON body: the place's name, the jurisdiction a
subscription would follow, each source once, and the notices about how sure the place is."""

from __future__ import annotations

from dataclasses import dataclass, field


def unique_sources(lists) -> list[dict]:
    """Sources from several lists, each URL once, in order of first mention."""
    found: dict[str, dict] = {}
    for sources in lists:
        for source in sources:
            found.setdefault(source["url"], source)
    return list(found.values())


def gathered_sources(body: dict) -> list[dict]:
    """Every source an answer rests on, the deciding rules' first."""
    lists = [v["sources"] for v in (body.get("verdict") or {}).values()]
    for jurisdiction in body["jurisdictions"]:
        lists += [rule["sources"] for rule in jurisdiction["rules"].values() if rule]
    return unique_sources(lists)


def notices(location: dict | None) -> list[str]:
    """Warnings about the place itself, before any rule is read."""
    if not location:
        return []
    said = []
    if location["approximate"]:
        said.append(
            "This answer is approximate: the place may fall under another county or city "
            "than the one shown. Check the other possibilities below, or search for an exact "
            "city and state."
        )
    if location["near_boundary"]:
        said.append(
            "This location is close to a boundary between jurisdictions, where the law can "
            "differ on either side. The answers for the other side are shown below."
        )
    if location["resolver"] == "online":
        said.append("This place was found by an online geocoder, not our own data.")
    return said


@dataclass
class AnswerView:
    body: dict
    place: str = ""
    target: dict = field(default_factory=dict)
    sources: list[dict] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    def __post_init__(self):
        location = self.body.get("location")
        chain = self.body["jurisdictions"]
        self.place = location["label"] if location else (chain[-1]["name"] if chain else "")
        self.target = chain[-1] if chain else {}
        self.sources = gathered_sources(self.body)
        self.notices = notices(location)
