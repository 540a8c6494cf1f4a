"""Given names and the short forms people go by: "Bill" and "William" may be one person.

The model compares given names by their sets of full forms: two names share a form when one is a
short form of the other or both are short forms of one name ("Sam" is Samuel or Samantha, so it
agrees with both). Names not in the table stand for themselves. The table is this package's own,
written from common English usage; devtools.synthetic.names has another, so the truth set does
not test a table against itself.
"""

from __future__ import annotations

_FORMS: dict[str, str] = {
    "abigail": "abby abbie abi gail",
    "alexander": "alex alec sandy xander lex",
    "alexandra": "alex alexa lexi sandra sandy",
    "alfred": "alf alfie fred freddie",
    "amanda": "mandy manda",
    "andrew": "andy drew",
    "anthony": "tony ant",
    "barbara": "barb babs",
    "benjamin": "ben benji benny",
    "catherine": "cath cathy kate katie kat",
    "charles": "charlie chas chuck",
    "charlotte": "lottie charlie lotte",
    "christina": "chris chrissie tina",
    "christine": "chris chrissie",
    "christopher": "chris kit topher",
    "daniel": "dan danny",
    "david": "dave davy davie",
    "deborah": "debbie deb debs",
    "donald": "don donny",
    "dorothy": "dot dottie",
    "edward": "ed eddie ted teddy ned",
    "eleanor": "ellie nell nora elle",
    "elizabeth": "liz lizzie beth betty bess libby eliza",
    "emily": "em emmy",
    "florence": "flo florrie",
    "frances": "fran frankie",
    "francis": "frank frankie",
    "frederick": "fred freddie freddy",
    "gregory": "greg",
    "harriet": "hattie harry",
    "henry": "harry hal hank",
    "isabella": "bella izzy issy isabel",
    "isabelle": "bella izzy issy",
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
    "louise": "lou",
    "margaret": "maggie meg peggy madge greta",
    "matilda": "tilly tilda",
    "matthew": "matt matty",
    "michael": "mike mick mikey micky",
    "nathan": "nate nat",
    "nathaniel": "nate nat",
    "natalie": "nat",
    "nicholas": "nick nicky",
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
    "stephen": "steve stevie",
    "steven": "steve stevie",
    "susan": "sue suzy susie",
    "theodore": "theo ted teddy",
    "thomas": "tom tommy",
    "timothy": "tim timmy",
    "victoria": "vicky vicki tori",
    "william": "will bill billy willie",
    "zachary": "zach zack",
}

FULL_FORMS: dict[str, frozenset[str]] = {}
for _full, _shorts in _FORMS.items():
    for _name in (_full, *_shorts.split()):
        FULL_FORMS[_name] = FULL_FORMS.get(_name, frozenset()) | {_full}


def full_forms(given_name: str) -> list[str]:
    """The full forms a normalised given name may stand for, sorted; itself if none known."""
    return sorted(FULL_FORMS.get(given_name, frozenset({given_name})))
