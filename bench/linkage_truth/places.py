"""Towns in several parts of the UK, their postcode districts and streets.

Postcodes have real outward codes of each town and invented inward codes of the right shape
(a digit and two of the letters Royal Mail uses there), so they look real and pass validation.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


@dataclass(frozen=True)
class Town:
    name: str
    districts: tuple[str, ...]
    # locale -> weight: who lives there, roughly.
    locales: tuple[tuple[str, float], ...]
    streets: tuple[str, ...]


@dataclass(frozen=True)
class Address:
    line1: str
    town: str
    postcode: str

    @property
    def district(self) -> str:
        return self.postcode.split()[0]


_ENGLISH_STREETS = (
    "Quay Lane", "Fore Street", "High Street", "Church Road", "Station Road", "Mill Lane",
    "Park Avenue", "Victoria Road", "Albert Terrace", "Queen Street", "King Street",
    "Castle Close", "Bridge Road", "Market Street", "Chapel Lane", "School Lane",
    "Orchard Close", "Meadow Way", "Manor Road", "Oak Avenue", "Elm Grove", "Ash Crescent",
    "Beech Drive", "Holly Close", "Cedar Road", "Primrose Gardens", "Windsor Terrace",
    "St John's Road", "Clifton Street", "York Road",
)  # fmt: skip
_WELSH_STREETS = (
    "Stryd Fawr", "Ffordd y Castell", "Heol y Felin", "Lôn Glai", "Ffordd Bangor",
    "Stryd y Plas", "Heol Eglwys", "Pen y Bryn", "Maes Hyfryd", "Cae Gwyn Road",
    "Bangor Street", "Pool Street", "Segontium Terrace", "Twthill East", "Llanberis Road",
)  # fmt: skip
_SCOTTISH_STREETS = (
    "Duke Street", "Gallowgate", "London Road", "Tollcross Road", "Shettleston Road",
    "Cathcart Road", "Victoria Road", "Allison Street", "Baltic Street", "Springfield Road",
    "Main Street", "Kirk Wynd", "Abercromby Street", "Bain Street",
)  # fmt: skip

TOWNS: tuple[Town, ...] = (
    Town(
        "Exeter", ("EX1", "EX2", "EX4"),
        (("english", 78), ("polish", 5), ("south_asian", 4), ("arabic", 3), ("west_african", 3),
         ("ukrainian", 3), ("scottish", 2), ("irish", 2), ("welsh", 1)),
        _ENGLISH_STREETS,
    ),
    Town(
        "Exmouth", ("EX8",),
        (("english", 88), ("welsh", 4), ("scottish", 4), ("irish", 4)),
        _ENGLISH_STREETS,
    ),
    Town(
        "Plymouth", ("PL1", "PL2", "PL4", "PL5"),
        (("english", 78), ("polish", 6), ("irish", 4), ("west_african", 4), ("arabic", 3),
         ("ukrainian", 3), ("scottish", 2)),
        _ENGLISH_STREETS,
    ),
    Town(
        "Caernarfon", ("LL55",),
        (("welsh", 80), ("english", 20)),
        _WELSH_STREETS,
    ),
    Town(
        "Cardiff", ("CF10", "CF11", "CF24"),
        (("welsh", 35), ("english", 33), ("arabic", 10), ("south_asian", 10),
         ("west_african", 6), ("polish", 6)),
        _ENGLISH_STREETS + _WELSH_STREETS[:5],
    ),
    Town(
        "Swansea", ("SA1", "SA5"),
        (("welsh", 50), ("english", 38), ("arabic", 7), ("polish", 5)),
        _ENGLISH_STREETS + _WELSH_STREETS[:5],
    ),
    Town(
        "Glasgow", ("G31", "G40", "G42"),
        (("scottish", 58), ("irish", 12), ("south_asian", 15), ("polish", 8), ("ukrainian", 5),
         ("english", 2)),
        _SCOTTISH_STREETS,
    ),
    Town(
        "Bradford", ("BD3", "BD8"),
        (("south_asian", 58), ("english", 30), ("polish", 8), ("irish", 4)),
        _ENGLISH_STREETS,
    ),
    Town(
        "Leicester", ("LE2", "LE4", "LE5"),
        (("south_asian", 45), ("english", 33), ("polish", 7), ("west_african", 5),
         ("ukrainian", 4), ("arabic", 4), ("irish", 2)),
        _ENGLISH_STREETS,
    ),
    Town(
        "London", ("E6", "E7", "E13"),
        (("west_african", 25), ("south_asian", 26), ("arabic", 10), ("english", 18),
         ("polish", 5), ("russian", 6), ("ukrainian", 6), ("irish", 4)),
        _ENGLISH_STREETS,
    ),
    Town(
        "Peterborough", ("PE1", "PE4"),
        (("english", 42), ("polish", 20), ("ukrainian", 15), ("russian", 8),
         ("south_asian", 13), ("scottish", 2)),
        _ENGLISH_STREETS,
    ),
    Town(
        "Belfast", ("BT9", "BT12"),
        (("irish", 72), ("english", 14), ("scottish", 6), ("polish", 8)),
        _ENGLISH_STREETS,
    ),
)  # fmt: skip


class Streets:
    """Each street of each town gets its own postcodes the first time it is used."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._postcodes: dict[tuple[str, str], tuple[str, ...]] = {}
        self._taken: set[tuple[str, str, int]] = set()

    def _street_postcodes(self, town: Town, street: str) -> tuple[str, ...]:
        key = (town.name, street)
        if key not in self._postcodes:
            district = self._rng.choice(town.districts)
            self._postcodes[key] = tuple(
                f"{district} {self._rng.randrange(10)}{self._rng.choice(INWARD_LETTERS)}"
                f"{self._rng.choice(INWARD_LETTERS)}"
                for _ in range(self._rng.randint(1, 3))
            )
        return self._postcodes[key]

    def new_address(self, town: Town) -> Address:
        """A home no other household of the population has."""
        while True:
            street = self._rng.choice(town.streets)
            number = self._rng.randint(1, 240)
            if (town.name, street, number) not in self._taken:
                self._taken.add((town.name, street, number))
                break
        postcodes = self._street_postcodes(town, street)
        postcode = postcodes[number * len(postcodes) // 241]
        line1 = f"{number} {street}"
        if self._rng.random() < 0.12:
            line1 = f"Flat {self._rng.randint(1, 12)}, {line1}"
        return Address(line1, town.name, postcode)


_ABBREVIATIONS = {
    "Road": "Rd", "Street": "St", "Lane": "Ln", "Avenue": "Ave", "Close": "Cl",
    "Terrace": "Terr", "Crescent": "Cres", "Drive": "Dr", "Gardens": "Gdns", "Grove": "Gr",
}  # fmt: skip


def abbreviated(line1: str) -> str | None:
    """'7 Quay Lane' -> '7 Quay Ln', or None when the line has no street type to shorten."""
    words = line1.split(" ")
    for i in range(len(words) - 1, -1, -1):
        if words[i] in _ABBREVIATIONS:
            words[i] = _ABBREVIATIONS[words[i]]
            return " ".join(words)
    return None


def postcode_typo(postcode: str, rng: random.Random) -> str:
    """One slip that keeps a valid shape: a wrong digit, or the last two letters swapped or
    replaced."""
    outward, inward = postcode.split()
    digit, letters = inward[0], inward[1:]
    choice = rng.randrange(3)
    if choice == 0 or letters[0] == letters[1]:
        digit = str((int(digit) + rng.randint(1, 9)) % 10)
    elif choice == 1:
        letters = letters[::-1]
    else:
        letters = letters[0] + rng.choice(INWARD_LETTERS.replace(letters[1], ""))
    return f"{outward} {digit}{letters}"
