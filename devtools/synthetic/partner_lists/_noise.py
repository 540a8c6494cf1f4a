"""The ways one person's details differ from list to list: each function returns a variant.

Every variant is still a valid row (intake.parse accepts it): a typo keeps a name non-empty, a
date changed by noise stays a real date no later than the evidence date.
"""

from __future__ import annotations

import datetime as dt
import random

from devtools.synthetic.names import NICKNAMES

_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def nickname(rng: random.Random, given: str) -> str:
    shorts = NICKNAMES.get(given)
    return rng.choice(shorts) if shorts else given


def typo(rng: random.Random, name: str) -> str:
    """One edit: a letter replaced, dropped, doubled or swapped with its neighbour.

    The first letter is left alone: it is the one people get right (and read back) most often.
    """
    if len(name) < 3:
        return name
    i = rng.randrange(1, len(name))
    kind = rng.choice(("replace", "drop", "double", "swap"))
    if kind == "replace":
        letter = rng.choice(_LETTERS.replace(name[i].lower(), ""))
        return name[:i] + letter + name[i + 1 :]
    if kind == "drop":
        return name[:i] + name[i + 1 :]
    if kind == "double":
        return name[:i] + name[i] + name[i:]
    if i == len(name) - 1 or name[i] == name[i + 1]:
        return name[:i] + name[i] + name[i:]  # nothing to swap with: double instead
    return name[:i] + name[i + 1] + name[i] + name[i + 2 :]


def casing(rng: random.Random, name: str) -> str:
    """As typed by someone else: capitals, lower case, or punctuation dropped."""
    kind = rng.choice(("upper", "upper", "lower", "punctuation"))
    if kind == "upper":
        return name.upper()
    if kind == "lower":
        return name.lower()
    return name.replace("'", "").replace("-", " ")


def swapped_day_and_month(day_of_birth: dt.date) -> dt.date | None:
    """3 April as 4 March; None when that is not another real date."""
    if day_of_birth.day > 12 or day_of_birth.day == day_of_birth.month:
        return None
    return day_of_birth.replace(month=day_of_birth.day, day=day_of_birth.month)


def digit_slip(rng: random.Random, day_of_birth: dt.date) -> dt.date | None:
    """One digit of the date typed wrong; None when the result is not a real date."""
    text = day_of_birth.isoformat()
    positions = [i for i, c in enumerate(text) if c.isdigit() and i >= 2]  # not the century
    i = rng.choice(positions)
    digit = rng.choice("0123456789".replace(text[i], ""))
    try:
        return dt.date.fromisoformat(text[:i] + digit + text[i + 1 :])
    except ValueError:
        return None


def postcode(rng: random.Random, value: str) -> str:
    kind = rng.choice(("lower", "compact", "spaced"))
    if kind == "lower":
        return value.lower()
    if kind == "compact":
        return value.replace(" ", "")
    return value.replace(" ", "  ")


def nhs_number(rng: random.Random, value: str) -> str:
    kind = rng.choice(("plain", "spaced", "hyphens"))
    if kind == "plain":
        return value
    sep = " " if kind == "spaced" else "-"
    return f"{value[:3]}{sep}{value[3:6]}{sep}{value[6:]}"
