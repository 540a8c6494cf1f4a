"""The purposes a request may declare, and those for which a disclosure rests on consent."""

from __future__ import annotations

from enum import StrEnum


class Purpose(StrEnum):
    """What a request is for; every request declares one.

    The first six are the purposes of sharing in section 4.2 of the agreement. The last is not a
    purpose of sharing but the governance of it (Appendix 3: monitoring, review, subject access,
    breaches): it reads audit records and alerts, never the family data itself.
    """

    IDENTIFY_INDIVIDUALS = "identify-individuals"
    IDENTIFY_FAMILIES = "identify-families"
    ASSESS_NEEDS = "assess-needs"
    COORDINATE_SUPPORT = "coordinate-support"
    MONITOR_OUTCOMES = "monitor-outcomes"
    NATIONAL_EVALUATION = "national-evaluation"
    INFORMATION_GOVERNANCE = "information-governance"


# Steps 3 to 5 of Appendix 4 share information "with consent to help deliver that support"
# (section 2.2): for these purposes a disclosure about a person relies on that person's consent,
# unless the request offers another lawful basis the policy lets the role rely on.
CONSENT_PURPOSES: frozenset[Purpose] = frozenset(
    {Purpose.ASSESS_NEEDS, Purpose.COORDINATE_SUPPORT, Purpose.MONITOR_OUTCOMES}
)
