"""Text as records are compared: without case or accents, in any script.

One folding for every layer: a name matched as one person in intake is one surname in
households, and an address line folds the same way wherever it is keyed.

Partners type the same name or address differently: with or without accents (Łukasz, Lukasz),
in capitals or not. Letters NFKD does not take apart (Ø, Ł, Æ) are written as their base letters,
so they match the plain spelling rather than vanishing; letters of other scripts are kept as they
are, so two names in Cyrillic or Arabic never both reduce to nothing and compare equal.
"""

from __future__ import annotations

import unicodedata

# Letters NFKD does not take apart, written as their base letters (after casefold).
_FOLD = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ð": "d", "þ": "th", "ł": "l", "đ": "d"})


def name_key(given_name: str | None, family_name: str | None) -> str:
    """What people are listed by and their ``name`` filter searches: "Łukasz Wójcik" is found as
    "lukasz wojcik" (and as "ŁUKASZ")."""
    return fold(f"{given_name or ''} {family_name or ''}")


def fold(text: str | None) -> str:
    """``text`` casefolded and without accents: "Øst Café" is "ost cafe", "Straße" "strasse"."""
    decomposed = unicodedata.normalize("NFKD", (text or "").casefold().translate(_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c))
