"""The classes of personal data: every field of personal data has exactly one."""

from __future__ import annotations

from enum import StrEnum


class DataClass(StrEnum):
    """Each field of personal data has exactly one; fields with none are not personal data."""

    IDENTITY = "identity"
    CONTACT = "contact"
    ADDRESS = "address"
    FAMILY_LINKS = "family_links"
    EDUCATION = "education"
    EMPLOYMENT = "employment"
    HOUSING = "housing"
    SOCIAL_CARE = "social_care"
    CASE_NOTES = "case_notes"
    # Special categories (UK GDPR Art. 9) and criminal offence data (Art. 10): these need an
    # extra condition beyond the ordinary lawful basis.
    HEALTH = "health"
    ETHNICITY = "ethnicity"
    RELIGION = "religion"
    SEX_LIFE = "sex_life"
    CRIMINAL_OFFENCE = "criminal_offence"


# The data classes that need a condition beyond the lawful basis. Strictly, criminal offence data
# is not special category data (it is Article 10, not Article 9), but it likewise needs an extra
# condition, from DPA 2018 Schedule 1 (section 10(5)), and the 1998 Act counted it as sensitive.
SPECIAL: frozenset[DataClass] = frozenset(
    {
        DataClass.HEALTH,
        DataClass.ETHNICITY,
        DataClass.RELIGION,
        DataClass.SEX_LIFE,
        DataClass.CRIMINAL_OFFENCE,
    }
)
