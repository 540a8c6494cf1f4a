"""What a request declares beside its token: the purpose it serves.

    X-Purpose-Of-Use: assess-needs            required; one of the agreement's six purposes

The purpose is recorded with each disclosure the request makes. What a disclosure rests on is
not declared: each person's consent, or a decision to share without consent recorded beforehand
(``recordSharingDecision``), or the council's public task for the purposes that need no consent.
A request that still offers a lawful basis, a justification or a special category condition in a
header is refused, so that no client believes a header widened what it may read.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from vocabulary import Purpose

PURPOSE_HEADER = "x-purpose-of-use"
# Headers that once offered a basis or condition per request; refused now (see above).
RETIRED_HEADERS = ("x-lawful-basis", "x-justification", "x-special-condition")
_PURPOSES = ", ".join(p.value for p in Purpose)


class DeclarationError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Declaration:
    purpose: Purpose


def declaration(headers: Mapping[str, str]) -> Declaration:
    raw = headers.get(PURPOSE_HEADER, "").strip()
    if not raw:
        raise DeclarationError(
            f"Declare the purpose of this request in X-Purpose-Of-Use: {_PURPOSES}."
        )
    try:
        purpose = Purpose(raw)
    except ValueError:
        raise DeclarationError(
            f"Unknown purpose; X-Purpose-Of-Use must be one of: {_PURPOSES}."
        ) from None
    for header in RETIRED_HEADERS:
        if header in headers:
            raise DeclarationError(
                f"{header.title()} is not accepted: sharing without consent rests on a decision "
                "recorded beforehand (recordSharingDecision), and special category data on "
                "explicit consent or such a decision, never on a request header."
            )
    return Declaration(purpose)
