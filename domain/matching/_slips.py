"""Typing slips: whether one word is a single keystroke away from another.

A slip of the hand is a neighbouring key, two letters transposed, a letter typed twice or not at
all. A name one letter from another by any other change (Isla, Isha) is as likely another name
as a slip, so it is not one here.
"""

from __future__ import annotations

_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")


def _neighbours() -> dict[str, frozenset[str]]:
    near: dict[str, set[str]] = {}
    for r, row in enumerate(_ROWS):
        for i, key in enumerate(row):
            around = near.setdefault(key, set())
            for other_row in (r - 1, r, r + 1):
                if 0 <= other_row < len(_ROWS):
                    around.update(_ROWS[other_row][max(i - 1, 0) : i + 2])
            around.discard(key)
    return {key: frozenset(keys) for key, keys in near.items()}


NEIGHBOURS = _neighbours()


def keystroke_apart(typed: str, meant: str) -> bool:
    """Whether ``typed`` is ``meant`` with one slip of the hand (lower-case letters)."""
    if typed == meant:
        return False
    if len(typed) == len(meant):
        diffs = [i for i, (a, b) in enumerate(zip(typed, meant, strict=True)) if a != b]
        if len(diffs) == 1:
            i = diffs[0]
            return typed[i] in NEIGHBOURS.get(meant[i], frozenset())
        if len(diffs) == 2:
            i, j = diffs
            return j == i + 1 and typed[i] == meant[j] and typed[j] == meant[i]
        return False
    if len(typed) == len(meant) + 1:
        longer, shorter = typed, meant  # a letter typed twice (or a neighbour's key with it)
    elif len(typed) + 1 == len(meant):
        longer, shorter = meant, typed  # a letter dropped
    else:
        return False
    for i in range(len(longer)):
        if longer[:i] + longer[i + 1 :] == shorter:
            if longer is meant:
                return True
            extra = longer[i]
            beside = {longer[i - 1] if i else "", longer[i + 1] if i + 1 < len(longer) else ""}
            return extra in beside or bool(beside & NEIGHBOURS.get(extra, frozenset()))
    return False
