"""What a request declares beside its token: its purpose, and the legal grounds it relies on.

    X-Purpose-Of-Use: assess-needs            required; one of the agreement's six purposes
    X-Lawful-Basis: VITAL_INTERESTS           optional; a basis other than consent (steps 3-5)
                                              or public task (steps 1, 2, 6)
    X-Justification: <text>                   required with a basis or condition that needs one
    X-Special-Condition: EXPLICIT_CONSENT     optional; for special category and criminal
                                              offence data

Every one of these is recorded with each disclosure the request makes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from policy import Purpose
from policy.lawful_bases import LawfulBasis, SpecialCondition, UnknownBasis, basis, condition

PURPOSE_HEADER = "x-purpose-of-use"
BASIS_HEADER = "x-lawful-basis"
JUSTIFICATION_HEADER = "x-justification"
CONDITION_HEADER = "x-special-condition"
MAX_JUSTIFICATION = 1000
_PURPOSES = ", ".join(p.value for p in Purpose)


class DeclarationError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Declaration:
    purpose: Purpose
    offered_basis: LawfulBasis | None = None
    justification: str | None = None
    special_condition: SpecialCondition | None = None


def _justification(headers: Mapping[str, str]) -> str | None:
    text = headers.get(JUSTIFICATION_HEADER, "").strip()
    if len(text) > MAX_JUSTIFICATION:
        raise DeclarationError(f"X-Justification may be at most {MAX_JUSTIFICATION} characters.")
    return text or None


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
    justification = _justification(headers)
    needs_justification = False
    offered_basis: LawfulBasis | None = None
    special: SpecialCondition | None = None
    try:
        if offered := headers.get(BASIS_HEADER, "").strip():
            definition = basis(offered)
            offered_basis = definition.code
            needs_justification |= definition.requires_justification
        if offered := headers.get(CONDITION_HEADER, "").strip():
            special_definition = condition(offered)
            special = special_definition.code
            needs_justification |= special_definition.requires_justification
    except UnknownBasis as exc:
        raise DeclarationError(str(exc)) from None
    if needs_justification and justification is None:
        raise DeclarationError(
            "The lawful basis or condition offered needs a justification in X-Justification."
        )
    return Declaration(purpose, offered_basis, justification, special)
