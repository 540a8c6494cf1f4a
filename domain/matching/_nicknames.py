"""Given names and the short forms people go by: "Bill" and "William" may be one person.

The model compares given names by their sets of full forms: two names share a form when one is a
short form of the other or both are short forms of one name ("Sam" is Samuel or Samantha, so it
agrees with both). Names in neither source stand for themselves.

Two sources, merged: the ``nicknames`` package (a maintained, hand-curated list of about 2,700
English name and nickname pairs, Apache-2.0) and this package's own table below, which adds what
that list lacks and partners here meet: British, Welsh and Irish pet forms (Liam, Dai, Evie), Slavic
ones (Sasha, Misha, Natasha) and Latin spellings of one Arabic name (Muhammad). devtools.synthetic
.names has another table, so the truth set does not test a table against itself.
"""

from __future__ import annotations

from functools import cache

from nicknames import NickNamer

_FORMS: dict[str, str] = {
    "abigail": "abby abbie abi gail",
    "alexander": "alex alec sandy xander lex sasha sacha sascha sanya shura oleksandr aleksandr",
    "alexandra": "alex alexa lexi sandra sandy sasha sacha lexie",
    "alfred": "alf alfie fred freddie",
    "amanda": "mandy manda",
    "anastasia": "nastya stacey stacy ana",
    "andrew": "andy drew",
    "angharad": "angie",
    "anthony": "tony ant",
    "archibald": "archie",
    "barbara": "barb babs",
    "benjamin": "ben benji benny",
    "bethan": "beth",
    "catherine": "cath cathy kate katie kat kitty cate katy",
    "charles": "charlie chas chuck",
    "charlotte": "lottie charlie lotte",
    "christina": "chris chrissie tina",
    "christine": "chris chrissie",
    "christopher": "chris kit topher",
    "daniel": "dan danny",
    "david": "dave davy davie dai dafydd dewi",
    "deborah": "debbie deb debs",
    "dmitry": "dima dmitri dmitriy dmytro",
    "donald": "don donny",
    "dorothy": "dot dottie",
    "edward": "ed eddie ted teddy ned",
    "ekaterina": "katya katia yekaterina kateryna",
    "eleanor": "ellie nell nora elle",
    "elena": "lena olena yelena",
    "elizabeth": "liz lizzie beth betty bess libby eliza lisa elsie",
    "emily": "em emmy",
    "evan": "ieuan ifan",
    "evelyn": "evie eve evey",
    "florence": "flo florrie",
    "frances": "fran frankie",
    "francis": "frank frankie",
    "frederick": "fred freddie freddy",
    "gregory": "greg",
    "gwendolen": "gwen gwenda",
    "harriet": "hattie harry",
    "henry": "harry hal hank",
    "isabella": "bella izzy issy isabel",
    "isabelle": "bella izzy issy",
    "ivan": "vanya",
    "jacob": "jake",
    "james": "jim jimmy jamie",
    "jennifer": "jenny jen jenna",
    "jessica": "jess jessie",
    "joanne": "jo joanna",
    "john": "jack johnny jon",
    "jonathan": "jon jonny",
    "joseph": "joe joey",
    "joshua": "josh",
    "katherine": "kate katie kath kathy kat",
    "kathleen": "kath kathy",
    "kenneth": "ken kenny",
    "lawrence": "laurie larry",
    "leonard": "len lenny leo",
    "llewelyn": "llew lyn",
    "louise": "lou",
    "margaret": "maggie meg peggy madge greta mags maisie",
    "maria": "masha",
    "mary": "mae may molly polly mamie",
    "matilda": "tilly tilda",
    "matthew": "matt matty",
    "michael": "mike mick mikey micky misha",
    "mikhail": "misha",
    "muhammad": "mohammed mohammad mohamed muhammed mohamad mohd",
    "nathan": "nate nat",
    "nathaniel": "nate nat",
    "natalie": "nat",
    "natalia": "natasha nat",
    "nicholas": "nick nicky",
    "nikolai": "kolya mykola",
    "olga": "olya",
    "patricia": "pat trish patsy",
    "patrick": "pat paddy",
    "peter": "pete",
    "philip": "phil pip",
    "rebecca": "becky becca",
    "richard": "rich richie rick ricky dick",
    "robert": "rob robbie bob bobby bert",
    "ronald": "ron ronnie",
    "samantha": "sam sammy",
    "samuel": "sam sammy",
    "sarah": "sally sadie",
    "stephen": "steve stevie",
    "steven": "steve stevie",
    "susan": "sue suzy susie",
    "svetlana": "sveta",
    "tatiana": "tanya tatyana tetiana",
    "theodore": "theo ted teddy",
    "thomas": "tom tommy",
    "timothy": "tim timmy",
    "victoria": "vicky vicki tori",
    "vladimir": "vova volodymyr",
    "william": "will bill billy willie liam wills",
    "yusuf": "yousef yusef youssef",
    "zachary": "zach zack",
}


def _own_table() -> dict[str, set[str]]:
    forms: dict[str, set[str]] = {}
    for full, shorts in _FORMS.items():
        for name in (full, *shorts.split()):
            forms.setdefault(name, set()).add(full)
    return forms


@cache
def _table() -> dict[str, frozenset[str]]:
    """Every known name to the full forms it may stand for (a full name stands for itself too)."""
    forms = _own_table()
    for nickname, canonicals in NickNamer().canonical_lookup.items():
        forms.setdefault(nickname, set()).update(canonicals)
    for full in {f for fulls in list(forms.values()) for f in fulls}:
        forms.setdefault(full, set()).add(full)
    return {name: frozenset(fulls) for name, fulls in forms.items() if name.isalpha()}


def full_forms(given_name: str) -> list[str]:
    """The full forms a normalised given name may stand for, sorted; itself if none known."""
    return sorted(_table().get(given_name, frozenset({given_name})))


def known(given_name: str) -> bool:
    """Whether a normalised given name is in either source: a real name, not a typing slip."""
    return given_name in _table()
