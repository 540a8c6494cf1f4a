"""NHS numbers and unique pupil numbers, each with its published check character."""

from __future__ import annotations

import random

# The DfE's alphabet for the UPN check letter: A-Z without I, O and S.
_UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"


def nhs_check(first_nine: str) -> int | None:
    """Modulus 11 with weights 10 down to 2; None where the number is never issued."""
    remainder = sum(int(d) * (10 - i) for i, d in enumerate(first_nine)) % 11
    check = 11 - remainder
    if check == 10:
        return None
    return 0 if check == 11 else check


def upn_check(last_twelve: str) -> str:
    """Characters 2 to 13 weighted 2 to 13, the sum modulo 23 as a letter."""
    return _UPN_LETTERS[sum(int(d) * (i + 2) for i, d in enumerate(last_twelve)) % 23]


class Issuer:
    """Hands out distinct, valid identifiers."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._nhs: set[str] = set()
        self._upn: set[str] = set()

    def nhs_number(self) -> str:
        while True:
            body = str(self._rng.randrange(400_000_000, 800_000_000))
            check = nhs_check(body)
            if check is not None and body not in self._nhs:
                self._nhs.add(body)
                return f"{body}{check}"

    def upn(self, local_authority: int, birth_year: int) -> str:
        """A permanent UPN: LA code, a school, the year of first allocation, a serial."""
        while True:
            school = self._rng.randrange(2000, 5000)
            serial = self._rng.randrange(1000)
            year = (birth_year + 4) % 100
            digits = f"{local_authority:03d}{school:04d}{year:02d}{serial:03d}"
            if digits not in self._upn:
                self._upn.add(digits)
                return upn_check(digits) + digits


def mistyped_nhs_number(number: str, rng: random.Random) -> str:
    """One digit changed so that the check digit no longer holds (intake must reject it)."""
    while True:
        i = rng.randrange(9)
        changed = number[:i] + str((int(number[i]) + rng.randint(1, 9)) % 10) + number[i + 1 :]
        if nhs_check(changed[:9]) != int(changed[9]):
            return changed
