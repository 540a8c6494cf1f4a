"""The other spellings of a name that a partner may hold: nicknames, transliterations, accents.

Written for this truth set from common knowledge of the names, not from any matcher's tables, so
that a matcher is measured on spellings it was not built around.
"""

# Cyrillic letters and typographic apostrophes are the point of these names.
# ruff: noqa: RUF001, RUF002

from __future__ import annotations

import unicodedata

from bench.linkage_truth.scripts import romanise

# The name a person is known by, for their given name (Latin names) ...
NICKNAMES: dict[str, tuple[str, ...]] = {
    "Alexander": ("Sasha", "Alex", "Sandy"),
    "Aleksander": ("Olek",),
    "David": ("Dai", "Dave"),
    "Dafydd": ("Dai", "Dewi"),
    "Mary": ("Mae", "Molly", "Polly"),
    "Evelyn": ("Evie", "Eve"),
    "William": ("Liam", "Bill", "Will", "Billy"),
    "Margaret": ("Peggy", "Maggie", "Meg", "Greta"),
    "Elizabeth": ("Beth", "Liz", "Betsy", "Lizzie"),
    "Robert": ("Bob", "Rob", "Bobby"),
    "Richard": ("Dick", "Rich", "Ricky"),
    "James": ("Jim", "Jamie", "Jimmy"),
    "John": ("Jack", "Johnny"),
    "Edward": ("Ted", "Ned", "Eddie"),
    "Katherine": ("Kate", "Kitty", "Kathy"),
    "Catherine": ("Cath", "Cathy", "Kate"),
    "Susan": ("Sue", "Susie"),
    "Patricia": ("Trish", "Pat", "Patsy"),
    "Jennifer": ("Jen", "Jenny"),
    "Rebecca": ("Becky", "Becca"),
    "Deborah": ("Debbie", "Deb"),
    "Thomas": ("Tom", "Tommy"),
    "Anthony": ("Tony", "Ant"),
    "Charles": ("Charlie", "Chas"),
    "Henry": ("Harry", "Hal"),
    "Christopher": ("Chris", "Kit"),
    "Michael": ("Mike", "Mick"),
    "Samuel": ("Sam", "Sammy"),
    "Benjamin": ("Ben", "Benji"),
    "Daniel": ("Dan", "Danny"),
    "Matthew": ("Matt",),
    "Joshua": ("Josh",),
    "Frederick": ("Freddie", "Fred"),
    "Abigail": ("Abbie", "Gail"),
    "Victoria": ("Vicky", "Tori"),
    "Samantha": ("Sam", "Sammie"),
    "Jacqueline": ("Jackie",),
    "Christine": ("Chris", "Tina"),
    "Florence": ("Flo", "Florrie"),
    "Harriet": ("Hattie",),
    "Charlotte": ("Lottie", "Charlie"),
    "Jessica": ("Jess",),
    "Olivia": ("Liv", "Livvy"),
    "Gwenllian": ("Gwen",),
    "Llywelyn": ("Llew",),
    "Gruffudd": ("Guto",),
    "Rhiannon": ("Rhi",),
    "Angharad": ("Haz",),
    "Alasdair": ("Ally", "Alec"),
    "Catriona": ("Cat", "Triona"),
    "Elspeth": ("Elsie",),
    "Kenneth": ("Ken", "Kenny"),
    "Douglas": ("Dougie",),
    "Pádraig": ("Paddy",),
    "Diarmuid": ("Dermot",),
    "Małgorzata": ("Gosia", "Małgosia"),
    "Katarzyna": ("Kasia",),
    "Wojciech": ("Wojtek",),
    "Aleksandra": ("Ola",),
    "Zbigniew": ("Zbyszek",),
    "Stanisław": ("Staszek",),
    "Oluwaseun": ("Seun",),
    "Oluwatobi": ("Tobi",),
    "Olufunmilayo": ("Funmi",),
    "Adebola": ("Bola",),
    "Chukwuemeka": ("Emeka",),
    "Babatunde": ("Tunde",),
    "Abimbola": ("Bimbo",),
    "Temitope": ("Tope",),
    "Chiamaka": ("Amaka",),
    "Ibrahim": ("Ibby",),
    "Abdullah": ("Abdul",),
}

# ... and for Cyrillic names, in Cyrillic (the Latin form is the romanisation).
CYRILLIC_NICKNAMES: dict[str, tuple[str, ...]] = {
    "Олександр": ("Саша",),
    "Александр": ("Саша", "Шура"),
    "Дмитро": ("Діма",),
    "Дмитрий": ("Дима",),
    "Володимир": ("Володя",),
    "Владимир": ("Володя", "Вова"),
    "Микола": ("Коля",),
    "Николай": ("Коля",),
    "Михайло": ("Михась",),
    "Михаил": ("Миша",),
    "Катерина": ("Катя",),
    "Екатерина": ("Катя",),
    "Анастасія": ("Настя",),
    "Анастасия": ("Настя",),
    "Наталія": ("Наташа",),
    "Наталья": ("Наташа",),
    "Олена": ("Лена",),
    "Елена": ("Лена",),
    "Євген": ("Женя",),
    "Евгений": ("Женя",),
    "Тетяна": ("Таня",),
    "Татьяна": ("Таня",),
    "Ірина": ("Іра",),
    "Софія": ("Соня",),
    "Дарина": ("Даша",),
    "Дарья": ("Даша",),
    "Сергій": ("Сергійко",),
    "Сергей": ("Серёжа",),
    "Алексей": ("Лёша",),
    "Павел": ("Паша",),
}

# Latin spellings of the same name that are not nicknames: transliterations from Arabic, Urdu,
# Bengali, and from Cyrillic by other conventions (in English or the sister language).
SPELLINGS: dict[str, tuple[str, ...]] = {
    "Mohammed": ("Muhammad", "Mohammad", "Mohamed", "Muhammed"),
    "Ahmed": ("Ahmad", "Ahmet"),
    "Yusuf": ("Yousef", "Youssef", "Yusef"),
    "Hussain": ("Hussein", "Husain", "Hossain"),
    "Hassan": ("Hasan",),
    "Mustafa": ("Mostafa", "Moustafa"),
    "Omar": ("Umar",),
    "Abdullah": ("Abdallah",),
    "Mahmoud": ("Mahmud",),
    "Mahmood": ("Mehmood", "Mahmud"),
    "Khalid": ("Khaled",),
    "Karim": ("Kareem",),
    "Nasser": ("Nasir", "Naser"),
    "Walid": ("Waleed",),
    "Ibrahim": ("Ebrahim",),
    "Hamza": ("Hamzah",),
    "Fatima": ("Fatimah", "Fatma"),
    "Aisha": ("Ayesha", "Aysha"),
    "Ayesha": ("Aisha",),
    "Khadija": ("Khadijah", "Khadeeja"),
    "Zainab": ("Zaynab", "Zeinab"),
    "Maryam": ("Mariam", "Miriam"),
    "Layla": ("Leila", "Laila"),
    "Yasmin": ("Yasmeen", "Jasmin"),
    "Huda": ("Houda",),
    "Amira": ("Ameera",),
    "Noor": ("Nur", "Nour"),
    "Chaudhry": ("Choudhury", "Chowdhury", "Chaudhary"),
    "Chowdhury": ("Choudhury", "Chaudhry"),
    "Rahman": ("Rehman",),
    "Siddiqui": ("Siddiqi", "Siddique"),
    "Qureshi": ("Kureshi", "Qureishi"),
    "Miah": ("Mia", "Meah"),
    "Uddin": ("Udin",),
    "Al-Sayed": ("Al Sayed", "El-Sayed", "Alsayed"),
    "Al-Masri": ("Almasri", "El-Masri"),
    "Youssef": ("Yousef", "Yusuf"),
    "Mansour": ("Mansur",),
    "Farouk": ("Farooq", "Faruk"),
    "Osman": ("Othman", "Usman"),
    "Usman": ("Osman", "Uthman"),
    "Kassem": ("Qassem", "Qasim"),
    "Gurpreet": ("Gurprit",),
    "Harjit": ("Harjeet",),
    "Sandeep": ("Sandip",),
    "Priya": ("Pria",),
    "Mamadou": ("Mamadu",),
    "Fatoumata": ("Fatumata",),
}
# For Cyrillic names: spellings in English or from the sister language's form of the name.
CYRILLIC_SPELLINGS: dict[str, tuple[str, ...]] = {
    "Олександр": ("Alexander", "Aleksandr", "Oleksander"),
    "Александр": ("Alexander", "Aleksander", "Alexandr"),
    "Дмитро": ("Dmitry", "Dmitriy"),
    "Дмитрий": ("Dmitri", "Dmytro"),
    "Андрій": ("Andrew", "Andrey"),
    "Андрей": ("Andrei", "Andrew"),
    "Сергій": ("Sergey", "Serhiy"),
    "Сергей": ("Sergei", "Serguei"),
    "Микола": ("Nikolai", "Nicholas"),
    "Николай": ("Nikolay", "Nicholas"),
    "Володимир": ("Vladimir", "Volodimir"),
    "Владимир": ("Wladimir",),
    "Юрій": ("Yuri", "Yuriy"),
    "Михайло": ("Mikhail", "Michael"),
    "Михаил": ("Michael", "Mikhael"),
    "Олексій": ("Alexei", "Aleksey"),
    "Алексей": ("Alexei", "Alexey"),
    "Євген": ("Evgeny", "Eugene"),
    "Евгений": ("Evgeny", "Eugene"),
    "Олена": ("Elena", "Helen"),
    "Елена": ("Yelena", "Helen"),
    "Наталія": ("Natalia", "Natalya"),
    "Наталья": ("Natalia", "Natalie"),
    "Тетяна": ("Tatiana", "Tatyana"),
    "Татьяна": ("Tatiana", "Tatjana"),
    "Юлія": ("Julia", "Yulia"),
    "Юлия": ("Julia", "Iuliia"),
    "Катерина": ("Ekaterina", "Katherine"),
    "Екатерина": ("Katerina", "Catherine"),
    "Ольга": ("Olha", "Olga"),
    "Анастасія": ("Anastasia",),
    "Софія": ("Sofia", "Sophia"),
    "Вікторія": ("Victoria", "Viktoria"),
    "Марія": ("Maria", "Mariia"),
    "Ірина": ("Irina", "Iryna"),
    "Ксения": ("Xenia", "Kseniya"),
    "Іван": ("Ivan", "John"),
}

_APOSTROPHES = ("'", "’")


def nicknames(given: str, cyrillic_given: str | None) -> tuple[str, ...]:
    """The names a person with this given name may be listed under instead (Latin script)."""
    if cyrillic_given is not None:
        return tuple(romanise(n) for n in CYRILLIC_NICKNAMES.get(cyrillic_given, ()))
    return NICKNAMES.get(given, ())


def spellings(name: str, cyrillic: str | None) -> tuple[str, ...]:
    """Other Latin spellings of a name: another romanisation, an English form, a transliteration."""
    if cyrillic is None:
        return SPELLINGS.get(name, ())
    found = [romanise(cyrillic, "english_russian"), *CYRILLIC_SPELLINGS.get(cyrillic, ())]
    return tuple(dict.fromkeys(s for s in found if s != name))


def strip_accents(text: str) -> str:
    """Ł and ø have no combining form, so they are mapped by hand."""
    text = text.replace("Ł", "L").replace("ł", "l").replace("ø", "o").replace("Ø", "O")
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not _combining(c)))


def _combining(char: str) -> bool:
    return unicodedata.combining(char) > 0


def has_accents(text: str) -> bool:
    return strip_accents(text) != text


def has_apostrophe(text: str) -> bool:
    return any(a in text for a in _APOSTROPHES)


def apostrophe_forms(text: str) -> tuple[str, ...]:
    """O'Brien as other systems store it: O’Brien, OBrien, O Brien."""
    plain = text.replace("’", "'")
    forms = (plain.replace("'", "’"), plain.replace("'", ""), plain.replace("'", " "), plain)
    return tuple(f for f in dict.fromkeys(forms) if f != text)
