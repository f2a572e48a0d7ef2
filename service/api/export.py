"""Decided conflicts for other tools: schema.org ClaimReview (JSON-LD) and a CSV audit trail.

ClaimReview rates one claim; a conflict has two, so each decided conflict gives one
review per side, each naming the other outlet's version in its body.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from fastapi.responses import Response
from sqlalchemy.orm import Session

from store.conflicts import ASSIGNMENT_ENTRIES, decided_conflicts
from store.models import Claim, Conflict, Review, iso_utc

# What each closing decision says about a claim, as a ClaimReview rating's name.
_RATING = {
    "confirmed": "Contradicted by another outlet",
    "dismissed": "No contradiction found",
    "resolved": "Contradiction resolved",
}
CSV_COLUMNS = (
    "conflict_id",
    "status",
    "conflict_types",
    "explanation",
    "source_a",
    "claim_a",
    "source_b",
    "claim_b",
    "entry_at",
    "entry_by",
    "entry",
    "assignee",
    "note",
)


def _verdict(conflict: Conflict) -> Review | None:
    """The decision that closed the conflict: its last review that is not an assignment."""
    decisions = [r for r in conflict.reviews if r.decision not in ASSIGNMENT_ENTRIES]
    return decisions[-1] if decisions else None


def _claim_review(conflict: Conflict, claim: Claim, other: Claim, base_url: str) -> dict:
    verdict = _verdict(conflict)
    article = claim.article
    appearance: dict[str, Any] = {"@type": "CreativeWork"}
    if article.url:
        appearance["url"] = article.url
    if article.title:
        appearance["headline"] = article.title
    body = [
        f"{other.article.source.name} reports: {other.text}",
        conflict.relation.explanation,
    ]
    if verdict is not None and verdict.note:
        body.append(f"Reviewer's note: {verdict.note}")
    review: dict[str, Any] = {
        "@type": "ClaimReview",
        "identifier": f"claimcheck-conflict-{conflict.id}-claim-{claim.id}",
        "url": f"{base_url}ui/conflicts/{conflict.id}",
        "claimReviewed": claim.text,
        "inLanguage": claim.language,
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Organization", "name": article.source.name},
            "appearance": appearance,
        },
        "reviewRating": {"@type": "Rating", "alternateName": _RATING[conflict.status]},
        "reviewBody": " ".join(part for part in body if part),
    }
    if article.published_at is not None:
        review["itemReviewed"]["datePublished"] = article.published_at.isoformat()
    if verdict is not None:
        review["author"] = {"@type": "Person", "name": verdict.reviewer.name}
        review["datePublished"] = verdict.created_at.date().isoformat()
    return review


def claimreview_response(*, session: Session, base_url: str) -> Response:
    reviews = [
        _claim_review(conflict, claim, other, base_url)
        for conflict in decided_conflicts(session=session)
        for claim, other in (
            (conflict.relation.claim_a, conflict.relation.claim_b),
            (conflict.relation.claim_b, conflict.relation.claim_a),
        )
    ]
    document = {"@context": "https://schema.org", "@graph": reviews}
    return Response(
        json.dumps(document, ensure_ascii=False, indent=1),
        media_type="application/ld+json",
        headers={"Content-Disposition": 'attachment; filename="claimcheck-claimreview.jsonld"'},
    )


def _cell(value: object) -> str:
    """A spreadsheet never runs a cell as a formula: text that starts like one is quoted."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def csv_response(*, session: Session) -> Response:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for conflict in decided_conflicts(session=session):
        relation = conflict.relation
        for entry in conflict.reviews:
            row = (
                conflict.id,
                conflict.status,
                " ".join(relation.conflict_types),
                relation.explanation,
                relation.claim_a.article.source.name,
                relation.claim_a.text,
                relation.claim_b.article.source.name,
                relation.claim_b.text,
                iso_utc(entry.created_at),
                entry.reviewer.name,
                entry.decision,
                entry.assignee.name if entry.assignee else "",
                entry.note,
            )
            writer.writerow([_cell(value) for value in row])
    return Response(
        out.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="claimcheck-reviews.csv"'},
    )
