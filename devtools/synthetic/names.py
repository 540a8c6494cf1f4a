"""The names synthetic people are given, and the nicknames partners record instead: one list for
both generators.

The commonest names come first; the demo graph (devtools.synthetic.demo) draws from those alone,
so a seed gives the people demos and tests know. The partner lists with the truth
(devtools.synthetic.partner_lists) draw from all of them: the rest add names that have common
short forms, so that nicknames are frequent enough to matter. Earlier names are drawn more often
there (weights fall with rank), as real names are: a shared "Smith" or "Olivia" is weaker evidence
than a rare one. This table is the generators' own; the matcher keeps a separate one
(domain.matching), so the truth set does not simply test a table against itself.
"""

from __future__ import annotations


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# The commonest names, by sex ("F", "M"), and family names.
COMMON_GIVEN: dict[str, tuple[str, ...]] = {
    "F": _words(
        "Olivia Amelia Isla Ava Mia Ivy Lily Isabella Rosie Sophia Grace Freya Evie Poppy Ella "
        "Emily Chloe Jessica Sophie Hannah Charlotte Lucy Emma Sarah Laura Rebecca Gemma Kirsty "
        "Claire Nicola Donna Lisa Michelle Karen Julie Tracey Susan Margaret Jean Patricia"
    ),
    "M": _words(
        "Noah Oliver George Arthur Leo Muhammad Harry Oscar Jack Charlie Freddie Alfie Theo Jacob "
        "Thomas James William Joshua Daniel Ryan Liam Callum Luke Matthew Adam Jamie Craig Lee "
        "Darren Wayne Paul Mark Stephen Andrew David Gary Robert Peter John Michael"
    ),
}
COMMON_FAMILY: tuple[str, ...] = _words(
    "Smith Jones Williams Taylor Brown Davies Evans Wilson Thomas Johnson Roberts Robinson "
    "Thompson Wright Walker White Edwards Hughes Green Hall Lewis Harris Clarke Patel Jackson "
    "Wood Turner Martin Cooper Hill Ward Morris Moore Clark Lee King Baker Harrison Morgan "
    "Allen James Scott Phillips Watson Davis Parker Price Bennett Young Griffiths Mitchell "
    "Kelly Cook Carter Richardson Bailey Collins Bell Shaw Murphy Miller Cox Richards Khan "
    "Marshall Anderson Simpson Ellis Adams Singh Begum Wilkinson Foster Chapman Powell Webb "
    "Rogers Gray Mason Ali Hunt Hussain Campbell Matthews Owen Palmer Holmes Mills Barnes "
    "Knight Lloyd Butler Russell Barker Fisher Stevens Jenkins Murray Dixon Harvey Trewin "
    "Pengelly Penrose Tremayne Couch Luscombe Chudleigh Widdicombe Yeo Northcott Heard Ford "
    "Pearse O'Brien"
)

FEMALE: tuple[str, ...] = COMMON_GIVEN["F"] + _words(
    "Elizabeth Katherine Victoria Jennifer Samantha Alexandra Abigail Deborah Christine Amanda "
    "Natalie Eleanor Florence Matilda Harriet Megan Holly Jade Leah Ruby Daisy Millie Phoebe "
    "Maisie Zara Aisha Fatima Layla Amber Bethany Caitlin Jasmine Niamh Kayleigh Stacey Joanne"
)
MALE: tuple[str, ...] = COMMON_GIVEN["M"] + _words(
    "Richard Edward Samuel Benjamin Joseph Christopher Anthony Alexander Nicholas Jonathan "
    "Charles Henry Frederick Alfred Kieran Connor Ethan Mason Lewis Dylan Tyler Reuben Finley "
    "Isaac Harrison Toby Archie Logan Jake Kyle Shane Dean Scott Ashley Nathan Aaron"
)
FAMILY: tuple[str, ...] = COMMON_FAMILY + _words(
    "Ahmed Nowak Kowalski Stone Chambers Hayes Reid Hart Sutton Lane Dawson Burton Fox Hooper "
    "Rowe Rice Rees Pascoe Hocking Tonkin Hext Stoneman Quick Vosper Bolt Snell Squire Endacott "
    "Ash-Smith Lloyd-Jones"
)

# Full name -> the short forms people are known by. Several names share a short form (Sam, Alex).
NICKNAMES: dict[str, tuple[str, ...]] = {
    "William": ("Will", "Bill", "Billy"),
    "Robert": ("Rob", "Bob", "Bobby"),
    "Richard": ("Rich", "Rick", "Dick"),
    "Edward": ("Ed", "Eddie", "Ted"),
    "James": ("Jim", "Jimmy"),
    "Thomas": ("Tom", "Tommy"),
    "Michael": ("Mike", "Mick"),
    "Daniel": ("Dan", "Danny"),
    "Samuel": ("Sam", "Sammy"),
    "Benjamin": ("Ben", "Benji"),
    "Joseph": ("Joe", "Joey"),
    "Christopher": ("Chris",),
    "Matthew": ("Matt",),
    "Anthony": ("Tony", "Ant"),
    "Alexander": ("Alex", "Sandy"),
    "Nicholas": ("Nick", "Nicky"),
    "Jonathan": ("Jon", "Jonny"),
    "Stephen": ("Steve",),
    "Andrew": ("Andy", "Drew"),
    "Peter": ("Pete",),
    "David": ("Dave", "Davy"),
    "John": ("Johnny", "Jack"),
    "Charles": ("Charlie", "Chas"),
    "Henry": ("Harry", "Hal"),
    "Frederick": ("Fred", "Freddie"),
    "Alfred": ("Alf", "Alfie"),
    "Joshua": ("Josh",),
    "Nathan": ("Nate",),
    "Elizabeth": ("Liz", "Beth", "Lizzie", "Betty"),
    "Margaret": ("Maggie", "Meg", "Peggy"),
    "Katherine": ("Kate", "Katie", "Kath"),
    "Rebecca": ("Becky", "Becca"),
    "Victoria": ("Vicky", "Tori"),
    "Jennifer": ("Jenny", "Jen"),
    "Samantha": ("Sam", "Sammy"),
    "Alexandra": ("Alex", "Lexi"),
    "Charlotte": ("Lottie", "Charlie"),
    "Jessica": ("Jess",),
    "Abigail": ("Abby", "Abi"),
    "Deborah": ("Debbie", "Deb"),
    "Susan": ("Sue", "Suzy"),
    "Patricia": ("Pat", "Trish"),
    "Christine": ("Chris", "Chrissie"),
    "Amanda": ("Mandy",),
    "Natalie": ("Nat",),
    "Isabella": ("Bella", "Izzy"),
    "Eleanor": ("Ellie", "Nell"),
    "Florence": ("Flo", "Florrie"),
    "Matilda": ("Tilly",),
    "Harriet": ("Hattie",),
    "Joanne": ("Jo",),
}
