"""How well the scrapers read real documents: precision and recall per field on a hand-labelled
corpus, with every miss listed.

    python bench/classify.py [--quiet]

Reads bench/classify_corpus.jsonl (real Federal Register documents, state bill titles and
descriptions, council matters; see bench/CLASSIFY_CORPUS.md for where each came from) and runs
each document through the reader its source uses: `scrapers.federal_register.read` for Federal
Register documents (title, abstract, action, type, `correction_of`), `scrapers.classify.read`
for bills and council matters (title and description). Jurisdiction is scored where the
document names its state (the bill sources map it; a council's place is configuration), stage
where the reader derives it from the document itself (Federal Register action lines; the bill
sources read stage from status codes the corpus does not hold).

Targets (issue): relevance precision >= 0.95; no document labelled `regulated` (an age limit or
a consumer-protection act) read as a ban; every withdrawal and correction recognised.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scrapers import classify, federal_register  # noqa: E402
from scrapers.places import us_state_id  # noqa: E402

CORPUS = ROOT / "bench" / "classify_corpus.jsonl"
NONE = "(none)"


def predict(doc: dict) -> dict:
    """The fields a scraper would give this document."""
    if doc["source"] == "federal_register":
        reading = federal_register.read(
            {
                "title": doc["title"],
                "abstract": doc["text"],
                "action": doc.get("action"),
                "type": doc.get("type") or "Notice",
                "correction_of": doc.get("correction_of"),
            }
        )
        return {
            "relevant": reading.relevant,
            "proposed_status": reading.status if reading.kind != "rule" else None,
            "stage": reading.stage,
            "is_withdrawal": reading.kind == "withdrawal",
            "is_correction": reading.kind == "correction",
            "jurisdiction": "ocd-division/country:us",
        }
    reading = classify.read(doc["title"], doc["text"])
    return {
        "relevant": reading.relevant,
        "proposed_status": reading.proposed_status,
        "stage": None,
        "is_withdrawal": False,
        "is_correction": False,
        "jurisdiction": us_state_id(doc["state"]) if doc["source"] != "legistar" else None,
    }


def binary(rows, field: str) -> tuple[int, int, int]:
    tp = sum(1 for doc, got in rows if doc[field] and got[field])
    fp = sum(1 for doc, got in rows if not doc[field] and got[field])
    fn = sum(1 for doc, got in rows if doc[field] and not got[field])
    return tp, fp, fn


def ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "n/a"


def line(name: str, tp: int, fp: int, fn: int) -> str:
    return (
        f"  {name:<22} precision {ratio(tp, tp + fp):>6} ({tp}/{tp + fp})   "
        f"recall {ratio(tp, tp + fn):>6} ({tp}/{tp + fn})"
    )


def per_class(pairs: list[tuple[str, str]]) -> list[str]:
    classes = sorted({c for pair in pairs for c in pair})
    out = []
    for value in classes:
        tp = sum(1 for want, got in pairs if want == value and got == value)
        fp = sum(1 for want, got in pairs if want != value and got == value)
        fn = sum(1 for want, got in pairs if want == value and got != value)
        out.append(line(value, tp, fp, fn))
    right = sum(1 for want, got in pairs if want == got)
    out.append(f"  {'all (accuracy)':<22} {ratio(right, len(pairs)):>16} ({right}/{len(pairs)})")
    return out


def report(rows, quiet: bool) -> bool:
    sources = Counter(doc["source"] for doc, _ in rows)
    print(f"{len(rows)} documents: " + ", ".join(f"{n} {s}" for s, n in sources.items()))
    tp, fp, fn = binary(rows, "relevant")
    print("relevance\n" + line("relevant", tp, fp, fn))
    relevance_ok = tp / (tp + fp) >= 0.95
    both = [(d, g) for d, g in rows if d["relevant"] and g["relevant"]]
    status = [(d["proposed_status"] or NONE, g["proposed_status"] or NONE) for d, g in both]
    print(f"proposed status (the {len(both)} documents both call relevant)")
    print("\n".join(per_class(status)))
    staged = [(d["stage"], g["stage"] or NONE) for d, g in both if g["stage"] is not None]
    print(f"stage (the {len(staged)} relevant documents whose stage the reader derives)")
    print("\n".join(per_class(staged)))
    placed = [(d["jurisdiction"], g["jurisdiction"] or NONE) for d, g in rows if g["jurisdiction"]]
    right = sum(1 for want, got in placed if want == got)
    print(f"jurisdiction\n  {'all (accuracy)':<22} {ratio(right, len(placed)):>16} "
          f"({right}/{len(placed)}; documents that name their state)")  # fmt: skip
    print("withdrawals and corrections")
    print(line("withdrawal", *binary(rows, "is_withdrawal")))
    print(line("correction", *binary(rows, "is_correction")))
    wrong_bans = [d for d, g in both if g["proposed_status"] == "banned" and d["proposed_status"]
                  != "banned"]  # fmt: skip
    age_bans = [d for d in wrong_bans if d["proposed_status"] == "regulated"]
    missed = [d for d, g in rows if (d["is_withdrawal"] and not g["is_withdrawal"])
              or (d["is_correction"] and not g["is_correction"])]  # fmt: skip
    checks = [
        ("relevance precision >= 0.95", relevance_ok),
        (f"age-limit or consumer-protection acts read as a ban: {len(age_bans)}", not age_bans),
        (f"other documents wrongly read as a ban: {len(wrong_bans) - len(age_bans)}", True),
        (f"withdrawals and corrections missed: {len(missed)}", not missed),
    ]
    print("targets")
    for text, ok in checks:
        print(f"  {'PASS' if ok else 'FAIL'}  {text}")
    if not quiet:
        _misses(rows)
    return all(ok for _, ok in checks)


def _misses(rows) -> None:
    print("misses")
    for doc, got in rows:
        wrong = [
            f"{field}: {doc[field]!r} read as {got[field]!r}"
            for field in ("relevant", "proposed_status", "is_withdrawal", "is_correction")
            if doc[field] != got[field] and (field == "relevant" or doc["relevant"])
        ]
        if wrong:
            print(f"  {doc['source']} {doc['id']}: " + "; ".join(wrong))


def main(argv: list[str]) -> int:
    docs = [json.loads(text) for text in CORPUS.read_text().splitlines() if text.strip()]
    rows = [(doc, predict(doc)) for doc in docs]
    return 0 if report(rows, quiet="--quiet" in argv) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
