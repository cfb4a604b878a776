"""Law on related compounds (other alkaloids, derivatives): loaded from the curated files and
listed beside answers, never read as a verdict on kratom or 7-OH."""

from __future__ import annotations

from sqlalchemy import delete
from sqlalchemy.orm import Session

from jurisdictions.law.records import LawFile

from .models import RelatedLaw


def replace_related(session: Session, law: LawFile) -> None:
    """Related law is context, not rules: replaced whole, without Changes."""
    session.execute(delete(RelatedLaw).where(RelatedLaw.jurisdiction_id == law.id))
    for position, item in enumerate(law.context):
        start, until = item.effective_from, item.effective_until
        session.add(
            RelatedLaw(
                jurisdiction_id=law.id,
                position=position,
                title=item.title,
                compounds=list(item.compounds),
                effective_from=start.day if start else None,
                effective_from_precision=start.precision if start else None,
                effective_until=until.day if until else None,
                citation=item.citation,
                summary=item.summary,
                last_verified=item.last_verified,
                sources=[
                    {
                        "url": s.url,
                        "title": s.title,
                        "kind": s.kind,
                        "retrieved_at": s.retrieved.isoformat(),
                    }
                    for s in item.sources
                ],
            )
        )
