"""Place names: accent folding, match keys, and the alternate names worth keeping."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from difflib import SequenceMatcher

# Letters NFKD does not decompose into a base letter and a combining mark.
FOLDS = str.maketrans(
    {"ß": "ss", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ł": "l"}
    | {"Ł": "L", "đ": "d", "Đ": "D", "ı": "i", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th"}
    | {"ħ": "h", "Ħ": "H", "ŀ": "l", "ʻ": "'", "ʼ": "'", "‘": "'", "’": "'"}
)


def ascii_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(FOLDS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def match_key(text: str) -> str:
    """Lower-case ASCII words, punctuation dropped: 'Saint-Étienne' -> 'saint etienne'."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", ascii_fold(text).lower()).split())


def is_latin(text: str) -> bool:
    return all(not ch.isalpha() or unicodedata.name(ch, "").startswith("LATIN") for ch in text)


def alternate_limit(population: int) -> int:
    return 6 if population >= 1_000_000 else 3 if population >= 100_000 else 2


def alternate_names(name: str, alternates: Iterable[str], population: int) -> tuple[str, ...]:
    """A few other names worth matching, the most widely used first.

    GeoNames' alternate names come without language tags here, so English exonyms cannot
    be picked out directly (the GeoNames name is usually the English form already). A name
    that other languages build on ("Roma" in "Lungsod ng Roma", "New York" in "New York
    City") is the one people use, so candidates rank by how many alternates contain them
    as whole words. Candidates: Latin script, at most three words, not all capitals
    (airport codes), not just the main name re-accented.
    """
    keys = [f" {match_key(a)} " for a in alternates]
    own = match_key(name)
    chosen: dict[str, tuple] = {}
    for alt in alternates:
        key = match_key(alt)
        if not key or key == own or key in chosen or alt.upper() == alt:
            continue
        if len(alt.split()) > 3 or not is_latin(alt) or not alt[0].isupper() or "|" in alt:
            continue
        uses = sum(f" {key} " in k for k in keys)
        chosen[key] = (-uses, -SequenceMatcher(None, own, key).ratio(), alt)
    ranked = sorted(chosen.values())[: alternate_limit(population)]
    return tuple(alt for *_, alt in ranked if -_[0] > 1)
