"""UK identifiers in partner rows: each function returns the normalised value, or None if invalid.

Patterns use `[0-9]`, not `\\d`, because `\\d` also matches other scripts' digits.
"""

from __future__ import annotations

import re

# Outward code shapes A9, A99, AA9, AA99, A9A, AA9A with the letters Royal Mail allows in each
# position, then the inward code 9AA (never C, I, K, M, O or V).
_POSTCODE = re.compile(
    r"(?:[A-PR-UWYZ](?:[0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]|[A-HK-Y][0-9][ABEHMNPRVWXY])"
    r"|GIR)"
    r"[0-9][ABD-HJLNP-UW-Z]{2}"
)
# The NHS pseudo-postcode for a person of no fixed abode: not a place, so outside Royal Mail's
# shapes (Z, then Z, is no outward code; V never starts an inward one). Accepted so that people
# without a home can be listed; it names no shared address (domain.households).
NO_FIXED_ABODE = "ZZ99 3VZ"
_SPACES = re.compile(r"[ \t]+")
_NHS_SEPARATORS = re.compile(r"[ \t-]+")
_TEN_DIGITS = re.compile(r"[0-9]{10}")
_UPRN = re.compile(r"[0-9]{1,12}")
_DIGITS = "0123456789"

# The DfE's check-letter alphabet: A-Z without I, O and S. It also values the final letter of a
# temporary UPN (A=0, B=1, ...), so the same string serves both.
UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"
_UPN = re.compile(rf"[{UPN_LETTERS}][0-9]{{11}}[0-9{UPN_LETTERS}]")


def postcode(value: str) -> str | None:
    """'ex44qj' or 'EX4  4QJ' -> 'EX4 4QJ'."""
    compact = _SPACES.sub("", value).upper()
    if not _POSTCODE.fullmatch(compact):
        return None
    return f"{compact[:-3]} {compact[-3:]}"


def listed_postcode(value: str) -> str | None:
    """A postcode as a partner's list may give it: a real one (``postcode``), or the pseudo-
    postcode of no fixed abode. ``postcode`` itself refuses that one, so that what compares
    postcodes (matching) sees no place in it rather than one place everyone shares."""
    if _SPACES.sub("", value).upper() == NO_FIXED_ABODE.replace(" ", ""):
        return NO_FIXED_ABODE
    return postcode(value)


def is_no_fixed_abode(postcode: str | None) -> bool:
    """Whether a stored postcode is the no-fixed-abode one (``NO_FIXED_ABODE``)."""
    return postcode == NO_FIXED_ABODE


def nhs_number(value: str) -> str | None:
    """'943 476 5919' -> '9434765919', if the Modulus 11 check digit holds."""
    digits = _NHS_SEPARATORS.sub("", value)
    if not _TEN_DIGITS.fullmatch(digits) or nhs_check_digit(digits[:9]) != int(digits[9]):
        return None
    return digits


def nhs_check_digit(first_nine: str) -> int | None:
    """The tenth digit for nine digits; None where the remainder makes 10 (never issued)."""
    total = sum(int(d) * w for d, w in zip(first_nine, range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 10:
        return None
    return 0 if check == 11 else check


def looks_like_nhs_number(value: str) -> bool:
    """Whether a value is ten digits at all (to tell the partner which way it is wrong)."""
    return bool(_TEN_DIGITS.fullmatch(_NHS_SEPARATORS.sub("", value)))


def upn(value: str) -> str | None:
    """A unique pupil number in upper case, if its DfE check letter holds."""
    candidate = value.upper()
    if not _UPN.fullmatch(candidate) or upn_check_letter(candidate[1:]) != candidate[0]:
        return None
    return candidate


def upn_check_letter(last_twelve: str) -> str:
    """Characters 2 to 13 weighted 2 to 13, summed, modulo 23, as a letter of UPN_LETTERS."""
    total = 0
    for weight, char in enumerate(last_twelve, start=2):
        total += weight * (int(char) if char in _DIGITS else UPN_LETTERS.index(char))
    return UPN_LETTERS[total % 23]


def uprn(value: str) -> str | None:
    return value if _UPRN.fullmatch(value) else None
