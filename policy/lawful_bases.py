"""The catalogue of lawful bases and special category conditions, kept as data.

The working practice agreement names the conditions of the Data Protection Act 1998: Schedule 2
for personal data, Schedule 3 and the Data Protection (Processing of Sensitive Personal Data)
Order 2000 (SI 2000/417) for sensitive personal data (Appendix 2), and the disclosure exemptions
of sections 29(3) and 35(1) (Appendix 1). That Act has been repealed. The law in force is UK GDPR
Article 6 (a lawful basis for any personal data), Article 9 (an extra condition for special
category data) and Article 10 (criminal offence data), with the Data Protection Act 2018:
section 8, sections 10 and 11 with Schedule 1 for the conditions, Schedule 2 for the exemptions.

Each record carries both regimes, so a basis stated on a request and written to the audit stays
meaningful to the people who signed the agreement and to a regulator today. The two regimes do
not line up one to one; where they differ, or where the law is open to more than one reading,
the mapping here is the conservative one and the description says why.

A request offers one lawful basis; when it reads special category or criminal offence data it
also offers one condition, and `condition_covers` says whether that condition may be used for
that class of data. Which roles may offer which basis is the access policy's business, not this
module's.

Policy is pure: no I/O, and nothing here changes while the process runs.

    basis("PUBLIC_TASK").uk_gdpr                                          # 'Article 6(1)(e)'
    needs_condition("health")                                             # True
    condition_covers(SpecialCondition.HEALTH_OR_SOCIAL_CARE, "health")    # True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import ClassVar

from vocabulary import SPECIAL

__all__ = [
    "BASES",
    "CONDITIONS",
    "BasisDefinition",
    "ConditionDefinition",
    "LawfulBasis",
    "SpecialCondition",
    "UnknownBasis",
    "UnknownCondition",
    "basis",
    "condition",
    "condition_covers",
    "needs_condition",
]


class LawfulBasis(StrEnum):
    """The lawful bases a request may offer; values are the codes used on requests and in the audit.

    Left out on purpose:
    - LEGITIMATE_INTERESTS (UK GDPR Art 6(1)(f); 1998 Schedule 2 paragraph 6, which the agreement
      lists). The final subparagraph of Art 6(1) says it does not apply to processing by public
      authorities (DPA 2018 section 7) in the performance of their tasks. The controller of this
      system is Devon County Council and every disclosure through it serves the partners' public
      Early Help functions, so a request here can never rest on it. A voluntary sector partner
      may still rely on it for its own sharing outside this system.
    - CONTRACT (Art 6(1)(b)): the agreement does not name it and no disclosure here performs a
      contract with the person.
    """

    CONSENT = "CONSENT"
    LEGAL_OBLIGATION = "LEGAL_OBLIGATION"
    VITAL_INTERESTS = "VITAL_INTERESTS"
    PUBLIC_TASK = "PUBLIC_TASK"
    PREVENTION_OF_CRIME = "PREVENTION_OF_CRIME"


class SpecialCondition(StrEnum):
    """The extra conditions a request may offer for special category or criminal offence data.

    Left out on purpose: archiving, research and statistics (Art 9(2)(j), Schedule 1 paragraph 4;
    SI 2000/417 paragraph 9, which the agreement names). It may never support decisions about a
    particular person (DPA 2018 section 19), the national evaluation is covered by a separate
    agreement with the department, and central government receives pseudonymised data only.
    """

    EXPLICIT_CONSENT = "EXPLICIT_CONSENT"
    VITAL_INTERESTS_SPECIAL = "VITAL_INTERESTS_SPECIAL"
    SUBSTANTIAL_PUBLIC_INTEREST_SAFEGUARDING = "SUBSTANTIAL_PUBLIC_INTEREST_SAFEGUARDING"
    STATUTORY_PURPOSES = "STATUTORY_PURPOSES"
    PREVENTING_DETECTING_UNLAWFUL_ACTS = "PREVENTING_DETECTING_UNLAWFUL_ACTS"
    HEALTH_OR_SOCIAL_CARE = "HEALTH_OR_SOCIAL_CARE"


@dataclass(frozen=True, kw_only=True)
class BasisDefinition:
    code: LawfulBasis
    title: str
    uk_gdpr: str  # the Article 6(1) point
    dpa_2018: str | None  # a DPA 2018 provision that shapes the basis, where there is one
    dpa_1998: str  # the Schedule 2 condition, with the exemption the agreement cites, if any
    # Whether the request must say why the basis applies: everything but consent, whose record in
    # scope is its own evidence.
    requires_justification: bool
    description: str


@dataclass(frozen=True, kw_only=True)
class ConditionDefinition:
    code: SpecialCondition
    title: str
    uk_gdpr: str  # the Article 9(2) point
    # The Schedule 1 paragraph for special category data; None where the Article 9(2) point
    # stands without one (explicit consent, vital interests).
    dpa_2018: str | None
    # The route by which the condition also meets Article 10 for criminal offence data; None
    # where this catalogue does not use the condition for criminal offence data.
    criminal_offence: str | None
    dpa_1998: str  # the Schedule 3 condition or SI 2000/417 paragraph
    covers: frozenset[str]  # the data classes the condition may be used for
    requires_justification: bool
    description: str


_APPROPRIATE_POLICY_DOCUMENT = (
    " A Schedule 1 Part 2 condition: the controller needs an appropriate policy document"
    " (Schedule 1, paragraph 5)."
)

_BASES = (
    BasisDefinition(
        code=LawfulBasis.CONSENT,
        title="Consent",
        uk_gdpr="Article 6(1)(a)",
        dpa_2018=None,
        dpa_1998="Schedule 2, paragraph 1",
        requires_justification=False,
        description=(
            "The person, or an appropriate person legally entitled to consent for them, has"
            " agreed to this sharing, for this purpose and these organisations, and has not"
            " withdrawn. The agreement treats consent as the main basis for Early Help sharing."
            " The consent record in scope is the evidence, so no justification is asked for;"
            " withdrawal takes effect on the next request."
        ),
    ),
    BasisDefinition(
        code=LawfulBasis.LEGAL_OBLIGATION,
        title="Legal obligation",
        uk_gdpr="Article 6(1)(c)",
        dpa_2018="Schedule 2, paragraph 5(2)",
        dpa_1998="Schedule 2, paragraph 3; section 35(1)",
        requires_justification=True,
        description=(
            "The disclosure is necessary to comply with a legal obligation on the disclosing"
            " organisation under UK law (Article 6(3)): required by or under an enactment, a rule"
            " of law or a court order. A duty, not a power: a power to share is public task."
            " Section 35(1) of the 1998 Act, now Schedule 2 paragraph 5(2) of the 2018 Act, sets"
            " aside the provisions that would prevent such a disclosure. The justification names"
            " the obligation."
        ),
    ),
    BasisDefinition(
        code=LawfulBasis.VITAL_INTERESTS,
        title="Vital interests",
        uk_gdpr="Article 6(1)(d)",
        dpa_2018=None,
        dpa_1998="Schedule 2, paragraph 4",
        requires_justification=True,
        description=(
            "The disclosure is necessary to protect someone's life or to protect them from"
            " serious harm. UK GDPR allows the vital interests of the person or of another"
            " (the 1998 condition covered the person only); for another's interests it should be"
            " used only where no other basis evidently applies (Recital 46). It is for"
            " emergencies: planned safeguarding rests on public task."
        ),
    ),
    BasisDefinition(
        code=LawfulBasis.PUBLIC_TASK,
        title="Public task",
        uk_gdpr="Article 6(1)(e)",
        dpa_2018="Section 8",
        dpa_1998="Schedule 2, paragraph 5",
        requires_justification=True,
        description=(
            "The disclosure is necessary for a task in the public interest or in the exercise of"
            " official authority, with a basis in law (Article 6(3)): for example Children Act"
            " 1989 sections 17 and 47, Children Act 2004 sections 10 and 11, Education Act 2002"
            " section 175. The justification names the function."
        ),
    ),
    BasisDefinition(
        code=LawfulBasis.PREVENTION_OF_CRIME,
        title="Prevention or detection of crime",
        # Conservative: neither Act makes crime prevention a lawful basis of its own, so the
        # basis recorded is the one a partner's crime and disorder functions rest on.
        uk_gdpr="Article 6(1)(e)",
        dpa_2018="Schedule 2, paragraph 2",
        dpa_1998="Section 29(3); Schedule 2, paragraph 5",
        requires_justification=True,
        description=(
            "The disclosure is necessary for the prevention or detection of crime or the"
            " apprehension or prosecution of offenders, for example under Crime and Disorder Act"
            " 1998 sections 17 and 115. Section 29(3) of the 1998 Act and Schedule 2 paragraph 2"
            " of the 2018 Act are exemptions, not bases: they set aside provisions such as"
            " purpose limitation and telling the person only so far as applying them would be"
            " likely to prejudice those purposes, and the disclosure still needs an Article 6"
            " basis, recorded here as public task. Police processing for law enforcement"
            " purposes falls under DPA 2018 Part 3, not this catalogue. The justification says"
            " which offence or risk, and what telling the person would prejudice."
        ),
    ),
)

_CONDITIONS = (
    ConditionDefinition(
        code=SpecialCondition.EXPLICIT_CONSENT,
        title="Explicit consent",
        uk_gdpr="Article 9(2)(a)",
        dpa_2018=None,
        criminal_offence="Article 10; Schedule 1, paragraph 29",
        dpa_1998="Schedule 3, paragraph 1",
        covers=SPECIAL,
        requires_justification=False,
        description=(
            "The person, or an appropriate person for them, has given explicit consent to"
            " sharing this kind of data for this purpose. Article 9(2)(a) needs no Schedule 1"
            " condition; for criminal offence data consent meets Article 10 through Schedule 1,"
            " paragraph 29."
        ),
    ),
    ConditionDefinition(
        code=SpecialCondition.VITAL_INTERESTS_SPECIAL,
        title="Vital interests (special category data)",
        uk_gdpr="Article 9(2)(c)",
        dpa_2018=None,
        criminal_offence="Article 10; Schedule 1, paragraph 30",
        dpa_1998="Schedule 3, paragraph 3",
        covers=SPECIAL,
        requires_justification=True,
        description=(
            "Necessary to protect the vital interests of the person or of another, where the"
            " person is physically or legally incapable of giving consent. Narrower than the 1998"
            " condition, which also allowed it where consent could not reasonably be obtained or"
            " was unreasonably withheld: those cases now need another condition, usually"
            " safeguarding."
        ),
    ),
    ConditionDefinition(
        code=SpecialCondition.SUBSTANTIAL_PUBLIC_INTEREST_SAFEGUARDING,
        title="Safeguarding of children and of individuals at risk",
        uk_gdpr="Article 9(2)(g)",
        dpa_2018="Schedule 1, paragraph 18",
        criminal_offence="Article 10; Schedule 1, paragraph 18 with paragraph 36",
        # The 1998 regime had no safeguarding condition as such; the nearest that the agreement
        # names is the Schedule 3 vital interests condition, which is also narrower.
        dpa_1998="Schedule 3, paragraph 3 (nearest; no safeguarding condition before 2018)",
        covers=SPECIAL,
        requires_justification=True,
        description=(
            "Necessary, for reasons of substantial public interest, to protect a child or an"
            " adult at risk from neglect or physical, mental or emotional harm, or to protect"
            " their well-being; and done without consent because it cannot be given, cannot"
            " reasonably be obtained, or seeking it would prejudice that protection. For"
            " criminal offence data, paragraph 36 lets it apply without the substantial public"
            " interest test." + _APPROPRIATE_POLICY_DOCUMENT
        ),
    ),
    ConditionDefinition(
        code=SpecialCondition.STATUTORY_PURPOSES,
        title="Statutory and government purposes",
        uk_gdpr="Article 9(2)(g)",
        dpa_2018="Schedule 1, paragraph 6",
        criminal_offence="Article 10; Schedule 1, paragraph 6 with paragraph 36",
        dpa_1998="Schedule 3, paragraph 7",
        covers=SPECIAL,
        requires_justification=True,
        description=(
            "Necessary, for reasons of substantial public interest, for a function conferred on"
            " a person by an enactment or rule of law, or a function of the Crown, a Minister or"
            " a government department. The agreement describes the 1998 condition only as the"
            " functions of a government department; paragraph 7 also covered functions conferred"
            " by an enactment, which are what Early Help partners exercise."
            + _APPROPRIATE_POLICY_DOCUMENT
        ),
    ),
    ConditionDefinition(
        code=SpecialCondition.PREVENTING_DETECTING_UNLAWFUL_ACTS,
        title="Preventing or detecting unlawful acts",
        uk_gdpr="Article 9(2)(g)",
        dpa_2018="Schedule 1, paragraph 10",
        criminal_offence="Article 10; Schedule 1, paragraph 10 with paragraph 36",
        dpa_1998="SI 2000/417, Schedule, paragraph 1",
        covers=SPECIAL,
        requires_justification=True,
        description=(
            "Necessary, for reasons of substantial public interest, for preventing or detecting"
            " an unlawful act, and must be done without consent so as not to prejudice that"
            " purpose." + _APPROPRIATE_POLICY_DOCUMENT + " A disclosure to a competent authority"
            " such as the police meets the condition even without one (paragraph 10(2))."
        ),
    ),
    ConditionDefinition(
        code=SpecialCondition.HEALTH_OR_SOCIAL_CARE,
        title="Health or social care purposes",
        uk_gdpr="Article 9(2)(h)",
        dpa_2018="Schedule 1, paragraph 2 (with section 11(1))",
        # Section 10(5) would let paragraph 2 meet Article 10 too; not used here (see below).
        criminal_offence=None,
        dpa_1998="Schedule 3, paragraph 8 (medical purposes; not named by the agreement)",
        # Conservative: the law allows this condition for any special category, but the catalogue
        # keeps it to health data so that other classes rest on a condition that names why they
        # are shared (safeguarding, statutory purposes, unlawful acts).
        covers=frozenset({"health"}),
        requires_justification=True,
        description=(
            "Necessary for health or social care purposes (preventive medicine, diagnosis, care"
            " or treatment, management of health or social care services), with the data"
            " handled by or under the responsibility of a health or social work professional, or"
            " someone else under a legal duty of confidentiality (section 11(1)). Used here for"
            " health data only. The 1998 condition covered medical purposes only; social care"
            " then rested on Schedule 3, paragraph 7."
        ),
    ),
)

BASES: Mapping[LawfulBasis, BasisDefinition] = MappingProxyType({d.code: d for d in _BASES})
CONDITIONS: Mapping[SpecialCondition, ConditionDefinition] = MappingProxyType(
    {d.code: d for d in _CONDITIONS}
)


class UnknownBasis(ValueError):
    """A code that is not in the catalogue. The message lists the valid codes, so a caller can
    show it as is; `code` and `valid` are there for a structured error."""

    kind: ClassVar[str] = "lawful basis"

    def __init__(self, code: str, valid: Iterable[str]) -> None:
        self.code = code
        self.valid = tuple(valid)
        super().__init__(self._message())

    def _message(self) -> str:
        given = self.code.strip()
        if not given:
            problem = f"no {self.kind} given"
        else:
            problem = f"unknown {self.kind} {self.code!r}"
            # Codes are case-sensitive so that the audit records exactly one spelling; say so
            # when that is the only thing wrong (naming no code: no suggestions anywhere).
            if given.upper().replace("-", "_").replace(" ", "_") in self.valid:
                problem += " (codes are case-sensitive)"
        return f"{problem}; valid codes: {', '.join(self.valid)}"


class UnknownCondition(UnknownBasis):
    """An unknown special category condition; a kind of UnknownBasis so that one handler serves
    both lookups."""

    kind: ClassVar[str] = "special category condition"


def basis(code: str) -> BasisDefinition:
    """The definition of a lawful basis code; surrounding whitespace is ignored, case is not."""
    try:
        return BASES[LawfulBasis(code.strip())]
    except ValueError:
        raise UnknownBasis(code, LawfulBasis) from None


def condition(code: str) -> ConditionDefinition:
    """The definition of a special category condition code, read as `basis` reads its codes."""
    return _condition(code)


# A separate name, because condition_covers takes a parameter called `condition`.
def _condition(code: str) -> ConditionDefinition:
    try:
        return CONDITIONS[SpecialCondition(code.strip())]
    except ValueError:
        raise UnknownCondition(code, SpecialCondition) from None


def needs_condition(data_class: str) -> bool:
    """Whether reading this class of data needs a condition beyond the lawful basis.

    Data classes are compared exactly: a `vocabulary.DataClass`, or its value.
    """
    return data_class in SPECIAL


def condition_covers(condition: SpecialCondition | str, data_class: str) -> bool:
    """Whether the condition may be used for this class of special category data.

    False for a class that needs no condition: the condition is not what makes reading it lawful,
    so check `needs_condition` first. An unknown condition code raises UnknownCondition rather
    than quietly answering False, so a mistyped code shows up as the mistake it is.
    """
    return needs_condition(data_class) and data_class in _condition(condition).covers
