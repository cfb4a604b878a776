"""What a bill, ordinance or notice says about kratom, read from its title and description.

Shared by the bill and council sources (LegiScan, Open States, Legistar). Full-text searches
also return bills that mention kratom only in passing, so a document is relevant only when its
own title or description names kratom or one of its alkaloids.

The proposed status is read in an order that protects against the costly mistake, a false ban:
non-binding texts (studies, resolutions) propose nothing; a text that keeps kratom legal or
lifts a ban is read as such before any ban word; an age limit or a consumer-protection act is
`regulated` even when it "prohibits" sales to minors or of adulterated products; only then do
ban words count, and a ban of 7-OH or of synthetic derivatives alone reaches the 7-OH products,
not the leaf.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .base import clean

_I = re.IGNORECASE
SEVEN_OH = re.compile(r"7[\s-]?hydroxy[\s-]?mitragynin|\b7[\s-]?oh\b", _I)
LEAF = re.compile(
    r"\bkratom\b|\bmitragyna\b|\bketum\b|(?<![\w-])mitragynine(?!\s+pseudoindoxyl)"
    r"|\bmitragynine\s+speciosa\b",
    _I,
)
ALKALOID_DERIVATIVE = re.compile(r"mitragynine\s+pseudoindoxyl|\bmgm[\s-]?1[56]\b", _I)
DERIVATIVE = re.compile(r"pseudoindoxyl|\bmgm[\s-]?1[56]\b|synthe(?:tic|sized)|semi-?synthetic", _I)
# Earlier versions described in passing: "originally a ban, but a substitute regulates".
SUPERSEDED = re.compile(r"\b(?:originally|initially|at first|began as)\b[^.;]*?\bbut\b", _I)
DROPPED = re.compile(
    r"\b(?:removed|struck|stripped|amended out)\b[^.]{0,40}\bbefore\b[^.]{0,20}\bpass"
    r"|\bremoved from the bill\b",
    _I,
)
NON_BINDING = re.compile(
    r"\bstudy\b|\bstudies\b|\btask force\b|\bresolution\b[^.]{0,80}"
    r"\b(?:request|urg|call|support|encourag|recogniz|memorial)",
    _I,
)
KEEPS_LEGAL = re.compile(r"\bprotect(?:s|ing)? access\b|\bclarity for kratom consumers\b", _I)
LIFTS_BAN = re.compile(
    r"\bremov\w*\b[^.;]{0,120}\bfrom\b[^.;]{0,40}\b(?:controlled substances?|schedule)"
    r"|\blegaliz\w*\b|\brepeal\w*\b[^.;]{0,40}\bban\b|\bban\b[^.;]{0,10}\brepeal",
    _I,
)
MINORS = (
    r"(?:minors?|persons?|individuals?|people|anyone|any (?:person|individual)|someone)"
    r"\s+(?:who (?:is|are)\s+)?(?:under|younger than|below)\b"
)
AGE_LIMIT = re.compile(
    rf"\b(?:to|by|for|from)\s+{MINORS}|\bto minors\b|\bunder (?:the age of )?(?:1[89]|2[01]|"
    r"eighteen|nineteen|twenty-one)\b|\b(?:1[89]|2[01]) years (?:of age )?(?:and|or) older\b"
    r"|\bat least (?:1[89]|2[01]) years\b|\b(?:1[89]|2[01])\+"
    r"|\badults?\s+(?:aged?\s+)?(?:1[89]|2[01])\b",
    _I,
)
# A consumer-protection framework: these make a text `regulated` even beside ban words.
FRAMEWORK = re.compile(
    r"consumer protection|\blicen[cs]\w*|\bregist(?:er|ered|ry|ration)\b|\blabel\w*"
    r"|\badulterat\w*|\bpermit\b|\bcertification",
    _I,
)
# Weaker regulatory words ("regulate the possession ... an offense" is still a ban).
REGULATES = re.compile(r"\bregulat\w*|\btest(?:ed|ing|s)?\b|\brequirements?\b", _I)
SCHEDULES = re.compile(
    r"\bschedule (?:i|1|ii|2)\b|\bcontrolled (?:dangerous )?substances?\b|\bpenalty group\b"
    r"|\bnarcotic",
    _I,
)
BANS = re.compile(
    r"\bban(?:s|ned|ning)?\b|\bprohibit\w*\b|\bcriminaliz\w*|\billegal\b|\boutlaw"
    r"|\bpossess\w*\b[^.]{0,60}\boffense\b|\boffense\b[^.]{0,60}\bpossess",
    _I,
)
# Bans of adulterated or synthetic products only: the natural leaf stays legal.
PARTIAL_BAN = re.compile(
    r"(?:ban|prohibit|outlaw)\w*\b[^.;]{0,80}?\b(?:adulterat|contaminat|synthe|unless)", _I
)
# A ban of the leaf itself: its sale or possession prohibited, or kratom put in a schedule.
LEAF_BAN = re.compile(
    r"\b(?:ban|prohibit|criminaliz|outlaw)\w*\b(?:[^.;]{0,80}?\b(?:sale|sell|possess|manufactur|"
    r"distribut)\w*)?[^.;]{0,40}?\b(?:kratom|mitragyna)\b"
    r"|\bkratom\b[^.;]{0,60}\b(?:schedule (?:i|1|ii|2)|illegal|controlled substance|criminaliz\w*"
    r"|banned|prohibited|outlawed)"
    r"|\bpossess\w*\s+kratom\b[^.;]{0,30}\boffense",
    _I,
)
AGE_WORDS = {"eighteen": 18, "nineteen": 19, "twenty-one": 21}
AGE = re.compile(r"\b(1[89]|2[01]|eighteen|nineteen|twenty[- ]one)\b", _I)


@dataclass(frozen=True)
class Reading:
    """What a document proposes: whether it is about kratom at all, which substances it reaches,
    the status it would give them and the minimum age it sets."""

    relevant: bool
    substances: tuple[str, ...]
    proposed_status: str | None
    min_age: int | None = None


def mentions_kratom(text: str) -> bool:
    return bool(LEAF.search(text) or SEVEN_OH.search(text) or ALKALOID_DERIVATIVE.search(text))


def substances_of(title: str, text: str = "") -> tuple[str, ...]:
    """The substances named where the document says what it does: its title when the title
    names one, else its description. A 7-OH bill that mentions the leaf only to say the leaf
    holds 7-OH is a 7-OH bill."""
    for part in (title, text):
        leaf = bool(LEAF.search(part))
        seven = bool(SEVEN_OH.search(part) or ALKALOID_DERIVATIVE.search(part))
        if leaf or seven:
            return ("kratom",) * leaf + ("7-oh",) * seven
    return ("kratom",)


def min_age_of(text: str) -> int | None:
    """The age an age limit names ("under 21", "to persons under the age of eighteen")."""
    limit = AGE_LIMIT.search(text)
    if limit is None:
        return None
    found = AGE.search(text, max(0, limit.start() - 10), limit.end() + 40)
    if found is None:
        return None
    word = found.group(1).lower().replace(" ", "-")
    return int(word) if word.isdigit() else AGE_WORDS[word]


def proposed_status_of(text: str, substances: tuple[str, ...]) -> str | None:
    """The status the document would give, in the order the module docstring explains."""
    text = SUPERSEDED.sub(" ", text)
    if NON_BINDING.search(text):
        return None
    if KEEPS_LEGAL.search(text):
        return "legal"
    framework = bool(FRAMEWORK.search(text) or AGE_LIMIT.search(text))
    regulates = framework or bool(REGULATES.search(text))
    if LIFTS_BAN.search(text):
        return "regulated" if regulates else "legal"
    bans = AGE_LIMIT.sub(" ", text)  # "prohibits sales to minors" bans nothing
    if substances == ("7-oh",):
        if _bans(bans) or PARTIAL_BAN.search(bans):
            return "restricted" if DERIVATIVE.search(text) else "banned"
        return "regulated" if regulates else None
    if _leaf_ban(bans):
        if framework or (REGULATES.search(text) and SCHEDULES.search(text) and _alkaloids(text)):
            # The leaf regulated while some alkaloids or synthetic forms are scheduled
            # restricts; "prohibited" sales to minors or of adulterated products regulate.
            return "restricted" if SCHEDULES.search(text) and _alkaloids(text) else "regulated"
        return "banned"
    if _bans(bans) and "7-oh" in substances:
        return "restricted"  # something is banned, and it is not the leaf
    return "regulated" if regulates or PARTIAL_BAN.search(bans) else None


def _bans(text: str) -> bool:
    """Ban words that are not about adulterated or synthetic products, or a schedule."""
    for match in BANS.finditer(text):
        if not PARTIAL_BAN.match(text, match.start()):
            return True
    return bool(SCHEDULES.search(text))


def _leaf_ban(text: str) -> bool:
    """The leaf's sale or possession prohibited, or kratom or mitragynine scheduled."""
    return bool(LEAF_BAN.search(text) or (SCHEDULES.search(text) and LEAF.search(text)))


def _alkaloids(text: str) -> bool:
    return bool(re.search(r"alkaloid|derivative|synthe|analog|mitragynine", text, _I))


def read(title: str | None, description: str | None = None) -> Reading:
    """Read a document's title and description (either may be missing)."""
    title, description = clean(title), clean(description)
    text = f"{title}. {description}"
    relevant = mentions_kratom(text) and not DROPPED.search(text)
    if not relevant:
        return Reading(False, (), None)
    substances = substances_of(title, description)
    status = proposed_status_of(text, substances)
    age = min_age_of(text) if status in ("regulated", "restricted") else None
    return Reading(True, substances, status, age)
