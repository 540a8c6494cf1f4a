"""What a request declares beside its token: the purpose it serves and any extra condition.

X-Purpose-Of-Use: assess-needs              required; one of the agreement's six purposes
X-Special-Condition: EXPLICIT_CONSENT       optional; the condition relied on for special
                                            category and criminal offence data
"""

from __future__ import annotations

from collections.abc import Mapping

from policy import Purpose
from policy.lawful_bases import SpecialCondition, UnknownBasis, condition

PURPOSE_HEADER = "x-purpose-of-use"
CONDITION_HEADER = "x-special-condition"
_PURPOSES = ", ".join(p.value for p in Purpose)


class DeclarationError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def declared_purpose(headers: Mapping[str, str]) -> tuple[Purpose, SpecialCondition | None]:
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
    offered = headers.get(CONDITION_HEADER, "").strip()
    if not offered:
        return purpose, None
    try:
        return purpose, condition(offered).code
    except UnknownBasis as exc:
        raise DeclarationError(str(exc)) from None
