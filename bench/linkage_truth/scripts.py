"""Cyrillic names written in Latin letters, the two ways UK records most often show them.

``NATIONAL`` is Ukraine's official romanisation (the one on Ukrainian passports since 2010):
Олександр -> Oleksandr, Григорій -> Hryhorii. ``ENGLISH_RUSSIAN`` is the older habit of
English-speaking clerks, close to BGN/PCGN for Russian: Григорій -> Grigoriy, Юлія -> Yuliya.
The same person's name can therefore come in two Latin spellings from two partners.
"""

# Cyrillic letters and typographic apostrophes are the point of these names.
# ruff: noqa: RUF001

from __future__ import annotations

from typing import Literal

Scheme = Literal["national", "english_russian"]

_COMMON = {
    "а": "a", "б": "b", "в": "v", "д": "d", "е": "e", "ж": "zh", "з": "z", "к": "k",
    "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
    "ь": "", "ъ": "", "'": "", "’": "", "ы": "y", "э": "e", "ё": "e", "ґ": "g",
}  # fmt: skip
# Letters that differ between the schemes; each value is (elsewhere, at the start of a word).
_NATIONAL = {
    "г": ("h", "h"), "и": ("y", "y"), "і": ("i", "i"), "ї": ("i", "yi"), "й": ("i", "y"),
    "є": ("ie", "ye"), "ю": ("iu", "yu"), "я": ("ia", "ya"),
}  # fmt: skip
_ENGLISH_RUSSIAN = {
    "г": ("g", "g"), "и": ("i", "i"), "і": ("i", "i"), "ї": ("yi", "yi"), "й": ("y", "y"),
    "є": ("ye", "ye"), "ю": ("yu", "yu"), "я": ("ya", "ya"), "е": ("e", "ye"), "ё": ("yo", "yo"),
}  # fmt: skip


def is_cyrillic(text: str) -> bool:
    return any("\u0400" <= char <= "\u04ff" for char in text)


def romanise(text: str, scheme: Scheme = "national") -> str:
    """The Latin spelling of a Cyrillic name under one scheme; other characters pass through."""
    table = _NATIONAL if scheme == "national" else _ENGLISH_RUSSIAN
    out: list[str] = []
    start = True
    for char in text:
        lower = char.lower()
        if lower in table:
            latin = table[lower][1 if start else 0]
        elif lower in _COMMON:
            latin = _COMMON[lower]
        else:
            latin = char
        if char != lower and latin:
            latin = latin[0].upper() + latin[1:]
        out.append(latin)
        start = not char.isalpha()
    return "".join(out)
