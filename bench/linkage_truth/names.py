"""Given names and surnames by locale, as a partner in the UK would meet them.

Names of the Cyrillic locales are held in Cyrillic; their Latin forms come from
``bench.linkage_truth.scripts``. Every other name is held in the spelling a person would give
for themselves; the spellings other people write are in ``bench.linkage_truth.variants``.
"""

# Cyrillic letters and typographic apostrophes are the point of these names.
# ruff: noqa: RUF001

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Locale:
    name: str
    female: tuple[str, ...]
    male: tuple[str, ...]
    surnames: tuple[str, ...]
    cyrillic: bool = False
    # Share of couples where a wife takes her husband's surname (the rest keep their own).
    takes_husbands_name: float = 0.7
    # Share of families whose children carry both parents' surnames, hyphenated.
    double_barrelled: float = 0.0


def _split(text: str) -> tuple[str, ...]:
    return tuple(text.split())


LOCALES: dict[str, Locale] = {
    locale.name: locale
    for locale in (
        Locale(
            "english",
            _split(
                "Mary Margaret Elizabeth Evelyn Joyce Susan Patricia Jennifer Rebecca Deborah "
                "Katherine Catherine Olivia Amelia Isla Ava Emily Sophie Grace Lily Freya Ella "
                "Chloë Zoë Poppy Ruby Charlotte Jessica Hannah Lucy Abigail Florence Alice "
                "Harriet Victoria Samantha Jacqueline Christine Beverley Joanne"
            ),
            _split(
                "William David James John Robert Richard Thomas Edward Charles Henry Anthony "
                "Oliver George Harry Jack Noah Leo Oscar Arthur Freddie Alfie Archie Joshua "
                "Samuel Daniel Matthew Benjamin Christopher Michael Peter Stephen Paul Mark "
                "Andrew Gary Kevin Nathan Alexander Frederick"
            ),
            _split(
                "Smith Jones Williams Taylor Brown Davies Wilson Evans Johnson Roberts Walker "
                "Wright Thompson Robinson White Hughes Edwards Green Hall Wood Harris Lewis "
                "Martin Jackson Clarke Clark Turner Hill Scott Cooper Morris Ward Moore King "
                "Watson Baker Harrison Morgan Patel Young Allen Mitchell James Anderson Phillips "
                "Lee Bell Parker Bennett Cook Shaw Chapman Ellis Tucker Pengelly Trelawny Hext"
            ),
            double_barrelled=0.25,
        ),
        Locale(
            "welsh",
            _split(
                "Gwenllian Siân Ffion Cerys Megan Nia Mared Carys Eleri Angharad Bethan Catrin "
                "Gwen Lowri Manon Seren Elin Heledd Mali Efa Mair Rhiannon Glenys Menna"
            ),
            _split(
                "Dafydd Rhys Gethin Iwan Ieuan Gareth Emyr Huw Aled Owain Cai Osian Dylan Tomos "
                "Llywelyn Rhodri Geraint Alun Gruffudd Macsen Elis Ioan Deiniol Bryn David"
            ),
            _split(
                "Jones Williams Davies Evans Thomas Roberts Hughes Lewis Morgan Griffiths Owen "
                "Price Jenkins Lloyd Rees Pritchard Parry Pugh Vaughan Powell Prosser Bowen "
                "Howells Bevan Llewellyn ap Rhys Rowlands Humphreys"
            ),
            double_barrelled=0.06,
        ),
        Locale(
            "scottish",
            _split(
                "Mhairi Eilidh Catriona Kirsty Fiona Morag Isla Skye Ailsa Iona Shona Kirsteen "
                "Lorna Rhona Heather Elspeth Margaret Jean Agnes Innes"
            ),
            _split(
                "Callum Alasdair Hamish Iain Euan Fraser Angus Ruaridh Lachlan Fergus Ross "
                "Duncan Murdo Craig Graeme Stuart Kenneth Douglas Gordon Finlay"
            ),
            _split(
                "MacDonald McLeod Campbell Stewart Robertson Thomson Anderson MacKenzie Reid "
                "Murray Ferguson Fraser Grant Henderson Paterson McIntyre Sinclair Cameron "
                "Ross Buchanan Drummond Gallacher Kerr Munro Baird"
            ),
            double_barrelled=0.04,
        ),
        Locale(
            "irish",
            _split(
                "Siobhán Aoife Niamh Orla Caoimhe Róisín Clodagh Saoirse Gráinne Sinéad Aisling "
                "Maeve Bríd Eimear Áine Deirdre Nuala Méabh Ciara Bronagh"
            ),
            _split(
                "Seán Ciarán Pádraig Eoin Darragh Cian Oisín Tadhg Colm Declan Diarmuid Liam "
                "Conor Fionn Ronan Niall Cathal Eamon Dónal Brendan"
            ),
            _split(
                "O'Brien O'Connor O'Neill O'Sullivan Murphy Kelly Walsh Byrne Ryan McCarthy "
                "Doyle Gallagher Kennedy Lynch Quinn McLaughlin O'Reilly Ó Súilleabháin "
                "Fitzgerald Brennan Nolan D'Arcy Ní Bhriain"
            ),
            double_barrelled=0.03,
        ),
        Locale(
            "south_asian",
            _split(
                "Fatima Aisha Ayesha Zainab Khadija Maryam Amina Sana Hina Nadia Saima Shazia "
                "Priya Anjali Deepa Harpreet Gurpreet Simran Kiran Sunita Nasreen Rubina Isha "
                "Aaliyah Inaya Noor"
            ),
            _split(
                "Mohammed Ahmed Ali Hassan Hussain Imran Bilal Usman Tariq Asif Zubair Faisal "
                "Arjun Rohan Vikram Rajesh Sandeep Harjit Gurdeep Amrit Sanjay Yusuf Ibrahim "
                "Zayn Rayyan Aryan"
            ),
            _split(
                "Khan Hussain Ahmed Ali Begum Chaudhry Rahman Iqbal Akhtar Shah Malik Mahmood "
                "Siddiqui Patel Sharma Singh Kaur Gill Sandhu Mistry Desai Chowdhury Islam "
                "Miah Uddin Bibi Qureshi"
            ),
            takes_husbands_name=0.4,
        ),
        Locale(
            "polish",
            _split(
                "Małgorzata Katarzyna Agnieszka Joanna Anna Zofia Magdalena Monika Ewa Barbara "
                "Aleksandra Justyna Dorota Beata Zuzanna Wiktoria Julia Natalia Jadwiga Hanna"
            ),
            _split(
                "Łukasz Wojciech Krzysztof Piotr Tomasz Paweł Michał Marcin Jakub Kacper Mateusz "
                "Grzegorz Aleksander Szymon Bartosz Andrzej Stanisław Jan Zbigniew Dawid"
            ),
            _split(
                "Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński "
                "Szymański Woźniak Dąbrowski Kozłowski Jankowski Mazur Kwiatkowski Krawczyk "
                "Piotrowski Grabowski Nowakowski Pawłowski Michalski Król Wieczorek Jabłoński"
            ),
            takes_husbands_name=0.9,
        ),
        Locale(
            "ukrainian",
            _split(
                "Олена Наталія Тетяна Ірина Оксана Юлія Анна Марія Світлана Людмила Катерина "
                "Софія Дарина Вікторія Ольга Галина Христина Анастасія"
            ),
            _split(
                "Олександр Дмитро Андрій Сергій Микола Володимир Іван Юрій Олег Богдан Тарас "
                "Максим Василь Віктор Євген Михайло Артем Назар Остап Григорій"
            ),
            _split(
                "Шевченко Коваленко Бондаренко Ткаченко Кравченко Олійник Шевчук Поліщук Бойко "
                "Мельник Лисенко Коваль Савченко Руденко Марченко Петренко Гончаренко Кузьменко "
                "Павленко Литвиненко Ковальчук Гриценко Яковенко Мороз Захарченко"
            ),
            cyrillic=True,
            takes_husbands_name=0.9,
        ),
        Locale(
            "russian",
            _split(
                "Елена Наталья Татьяна Ирина Ольга Анна Мария Екатерина Светлана Юлия Анастасия "
                "Ксения Дарья Алёна"
            ),
            _split(
                "Александр Дмитрий Сергей Андрей Алексей Максим Иван Михаил Николай Владимир "
                "Евгений Павел Артём Игорь"
            ),
            _split(
                "Иванов Смирнов Кузнецов Попов Соколов Лебедев Козлов Новиков Морозов Петров "
                "Волков Соловьёв Васильев Зайцев Павлов Семёнов Голубев Виноградов"
            ),
            cyrillic=True,
            takes_husbands_name=0.9,
        ),
        Locale(
            "arabic",
            _split(
                "Fatima Aisha Maryam Khadija Zainab Layla Noor Huda Amira Yasmin Salma Rania "
                "Hana Mariam Sara Lina Dalia Reem Samira Nour"
            ),
            _split(
                "Mohammed Ahmed Omar Ali Hassan Mahmoud Mustafa Yusuf Ibrahim Khalid Abdullah "
                "Tariq Karim Nasser Walid Sami Amir Hamza Adam Ziad"
            ),
            _split(
                "Al-Sayed Haddad Mansour Nasser Khalil Hassan Ibrahim Saleh Abdullah Farouk "
                "Hamdan Al-Masri Aziz Youssef Darwish Osman Jaber Najjar Bakr Kassem"
            ),
            takes_husbands_name=0.2,
        ),
        Locale(
            "west_african",
            _split(
                "Oluwaseun Adebola Olufunmilayo Chiamaka Ngozi Nkechi Adaeze Folasade Yetunde "
                "Abimbola Amara Chidinma Temitope Ama Akosua Efua Abena Fatoumata Aminata Blessing"
            ),
            _split(
                "Oluwatobi Chukwuemeka Adebayo Oluwaseun Babatunde Olumide Chinedu Ikenna "
                "Obinna Kwame Kofi Kwabena Yaw Kojo Emmanuel Samuel Moses Ousmane Mamadou Tunde"
            ),
            _split(
                "Adeyemi Okafor Okonkwo Adebayo Ogunleye Oyelaran Nwosu Eze Obi Balogun "
                "Mensah Owusu Boateng Asante Osei Appiah Diallo Bah Kamara Sesay Adewale Afolabi"
            ),
            takes_husbands_name=0.8,
        ),
    )
}

# Twins whose names differ by one letter: the hardest pairs that must never be linked.
NEAR_TWIN_NAMES: tuple[tuple[str, str, str], ...] = (
    ("Isla", "Isha", "female"),
    ("Mia", "Nia", "female"),
    ("Zara", "Sara", "female"),
    ("Lila", "Lola", "female"),
    ("Hana", "Hina", "female"),
    ("Ella", "Elle", "female"),
    ("Leo", "Leon", "male"),
    ("Amir", "Amin", "male"),
    ("Rian", "Ryan", "male"),
    ("Kian", "Kyan", "male"),
    ("Mason", "Jason", "male"),
    ("Eli", "Ali", "male"),
)
