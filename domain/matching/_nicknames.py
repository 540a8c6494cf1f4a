"""Given names and the short forms people go by: "Bill" and "William" may be one person.

The model compares given names by their sets of full forms: two names share a form when one is a
short form of the other or both are short forms of one name ("Sam" is Samuel or Samantha, so it
agrees with both). Names in neither source stand for themselves.

Two sources, merged: the ``nicknames`` package (a maintained, hand-curated list of about 2,700
English name and nickname pairs, Apache-2.0) and this package's own table below, which adds what
that list lacks and partners here meet: British, Welsh, Irish and Scottish pet forms (Liam, Dai,
Evie, Triona), Slavic and Polish ones (Sasha, Ira, Gosia, Kuba), Yoruba short forms (Seun, Femi) and
Latin spellings of one Arabic name (Muhammad). devtools.synthetic
.names has another table, so the truth set does not test a table against itself.
"""

from __future__ import annotations

from functools import cache, lru_cache

from nicknames import NickNamer

_FORMS: dict[str, str] = {
    "abigail": "abby abbie abi gail",
    "adebayo": "bayo",
    "adewale": "wale",
    "agnieszka": "aga",
    "alasdair": "ali alec sandy alistair alastair",
    "aleksander": "olek alek",
    "aleksandra": "ola ala sasha",
    "alexander": "alex alec sandy xander lex sasha sacha sascha sanya shura oleksandr aleksandr",
    "alexandra": "alex alexa lexi sandra sandy sasha sacha lexie",
    "alfred": "alf alfie fred freddie",
    "amanda": "mandy manda",
    "anastasia": "nastya stacey stacy ana",
    "anastasiya": "nastya nastia",
    "andrew": "andy drew",
    "angharad": "angie",
    "anna": "anya ania anka",
    "anthony": "tony ant",
    "archibald": "archie",
    "ayodele": "ayo",
    "babatunde": "tunde",
    "barbara": "barb babs basia",
    "benjamin": "ben benji benny",
    "bethan": "beth",
    "catherine": "cath cathy kate katie kat kitty cate katy",
    "catriona": "triona cat",
    "charles": "charlie chas chuck",
    "charlotte": "lottie charlie lotte",
    "christina": "chris chrissie tina",
    "christine": "chris chrissie tina",
    "christopher": "chris kit topher",
    "daniel": "dan danny",
    "david": "dave davy davie dai dafydd dewi",
    "deborah": "debbie deb debs",
    "dmitry": "dima dmitri dmitriy dmytro",
    "donald": "don donny",
    "dorota": "dorotka",
    "dorothy": "dot dottie",
    "edward": "ed eddie ted teddy ned",
    "ekaterina": "katya katia yekaterina kateryna",
    "eleanor": "ellie nell nora elle",
    "elena": "lena olena yelena",
    "elizabeth": "liz lizzie beth betty bess libby eliza lisa elsie",
    "elzbieta": "ela",
    "emily": "em emmy",
    "evan": "ieuan ifan",
    "evelyn": "evie eve evey",
    "florence": "flo florrie",
    "folasade": "sade",
    "frances": "fran frankie",
    "francis": "frank frankie",
    "frederick": "fred freddie freddy",
    "gregory": "greg",
    "gwendolen": "gwen gwenda",
    "harriet": "hattie harry",
    "henry": "harry hal hank",
    "irina": "ira iryna",
    "isabella": "bella izzy issy isabel",
    "isabelle": "bella izzy issy",
    "ivan": "vanya",
    "jacob": "jake",
    "jakub": "kuba",
    "james": "jim jimmy jamie",
    "jennifer": "jenny jen jenna",
    "jessica": "jess jessie",
    "joanna": "asia jo",
    "joanne": "jo joanna",
    "john": "jack johnny jon",
    "jonathan": "jon jonny",
    "joseph": "joe joey",
    "joshua": "josh",
    "katarzyna": "kasia kate",
    "katherine": "kate katie kath kathy kat",
    "kathleen": "kath kathy",
    "kenneth": "ken kenny",
    "krzysztof": "krzys",
    "lawrence": "laurie larry",
    "leonard": "len lenny leo",
    "llewelyn": "llew lyn",
    "louise": "lou",
    "magdalena": "magda",
    "malgorzata": "gosia malgosia",
    "margaret": "maggie meg peggy madge greta mags maisie",
    "maria": "masha",
    "mary": "mae may molly polly mamie",
    "matilda": "tilly tilda",
    "matthew": "matt matty",
    "michael": "mike mick mikey micky misha",
    "mikhail": "misha",
    "muhammad": "mohammed mohammad mohamed muhammed mohamad mohd",
    "mykhailo": "misha",
    "natalia": "natasha nat",
    "natalie": "nat",
    "nathan": "nate nat",
    "nathaniel": "nate nat",
    "nicholas": "nick nicky",
    "nikolai": "kolya mykola",
    "olga": "olya olha",
    "olufunmilayo": "funmi",
    "oluwadamilare": "dami",
    "oluwafemi": "femi",
    "oluwakemi": "kemi",
    "oluwaseun": "seun",
    "oluwatobi": "tobi",
    "padraig": "paddy",
    "patricia": "pat trish patsy",
    "patrick": "pat paddy",
    "pavel": "pasha pavlo pawel",
    "peter": "pete",
    "philip": "phil pip",
    "piotr": "piotrek",
    "rebecca": "becky becca",
    "richard": "rich richie rick ricky dick",
    "robert": "rob robbie bob bobby bert",
    "ronald": "ron ronnie",
    "samantha": "sam sammy",
    "samuel": "sam sammy",
    "sarah": "sally sadie",
    "seamus": "shay",
    "sergei": "seryozha serhiy serhii",
    "stephen": "steve stevie",
    "steven": "steve stevie",
    "susan": "sue suzy susie",
    "svetlana": "sveta",
    "tatiana": "tanya tatyana tetiana",
    "temitope": "tope",
    "theodore": "theo ted teddy",
    "thomas": "tom tommy",
    "timothy": "tim timmy",
    "tomasz": "tomek",
    "victoria": "vicky vicki tori",
    "viktor": "vitya",
    "vladimir": "vova volodymyr",
    "william": "will bill billy willie liam wills",
    "wojciech": "wojtek",
    "yulia": "yulya yuliya",
    "yuri": "yura yuriy",
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
    return list(_sorted_forms(given_name))


@lru_cache(maxsize=1 << 16)
def _sorted_forms(given_name: str) -> tuple[str, ...]:
    return tuple(sorted(_table().get(given_name, frozenset({given_name}))))


def known(given_name: str) -> bool:
    """Whether a normalised given name is in either source: a real name, not a typing slip."""
    return given_name in _table()
