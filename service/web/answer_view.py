"""What an answer page shows besides the API's JSON body: the place's name, the jurisdiction a
subscription would follow, each source once, and the notices about how sure the place is."""

from __future__ import annotations

from dataclasses import dataclass, field

from service.answers.model import Answer, LevelAnswer, LocationAnswer
from service.rules.views import SourceView


def unique_sources(lists) -> list[SourceView]:
    """Sources from several lists, each URL once, in order of first mention."""
    found: dict[str, SourceView] = {}
    for sources in lists:
        for source in sources:
            found.setdefault(source.url, source)
    return list(found.values())


def gathered_sources(answer: Answer) -> list[SourceView]:
    """Every source an answer rests on, the deciding rules' first."""
    lists = [v.sources for v in (answer.verdict or {}).values()]
    for level in answer.jurisdictions:
        lists += [rule.sources for rule in level.rules.values() if rule]
    return unique_sources(lists)


def notices(location: LocationAnswer | None) -> list[str]:
    """Warnings about the place itself, before any rule is read."""
    if not location:
        return []
    said = []
    if location.approximate:
        said.append(
            "This answer is approximate: the place may fall under another county or city "
            "than the one shown. Check the other possibilities below, or search for an exact "
            "city and state."
        )
    if location.near_boundary:
        said.append(
            "This location is close to a boundary between jurisdictions, where the law can "
            "differ on either side. The answers for the other side are shown below."
        )
    if location.resolver == "online":
        said.append("This place was found by an online geocoder, not our own data.")
    return said


@dataclass
class AnswerView:
    body: Answer
    place: str = ""
    target: LevelAnswer | None = None
    sources: list[SourceView] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    def __post_init__(self):
        location = self.body.location
        chain = self.body.jurisdictions
        self.place = location.label if location else (chain[-1].name if chain else "")
        self.target = chain[-1] if chain else None
        self.sources = gathered_sources(self.body)
        self.notices = notices(location)
