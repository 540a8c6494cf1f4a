"""Static reference data the synthetic families are drawn from: partners, criteria, places (the
names are devtools.synthetic.names).

The partners are exactly those signed up in section 1.2 of the working practice agreement, so a
demo shows the organisations people recognise. Criteria follow the 2015 programme's six headline
problems; the age bounds are ours, so that a criterion is only ever reported about someone it can
plausibly apply to (no toddler on probation).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

FRAMEWORK = "TF2015"
_AGREEMENT_SIGNED_ON = dt.date(2015, 9, 1)

HEADLINE_PROBLEMS: tuple[str, ...] = (
    "crime_asb",
    "school_attendance",
    "children_in_need",
    "worklessness",
    "domestic_abuse",
    "health",
)


def slugify(name: str) -> str:
    # Apostrophes are dropped rather than split on, so "Barnardo's" stays one word.
    return re.sub(r"[^a-z0-9]+", "-", name.lower().replace("'", "")).strip("-")


def _words(text: str, sep: str | None = None) -> tuple[str, ...]:
    return tuple(text.split(sep))


@dataclass(frozen=True)
class Organisation:
    id: str
    name: str
    sector: str

    def as_row(self) -> dict[str, Any]:
        # Every partner of section 1.2 signed the original agreement (its date is made up).
        return {
            "id": self.id,
            "name": self.name,
            "sector": self.sector,
            "signedAgreement": True,
            "agreementKind": "ORIGINAL",
            "agreementVersion": "2015",
            "agreementSignedOn": _AGREEMENT_SIGNED_ON,
        }


_PARTNERS: tuple[tuple[str, str], ...] = (
    ("Action for Children", "voluntary"),
    ("Addaction", "health"),
    ("Babcock Learning and Development Partnership (LDP)", "education"),
    ("Barnardo's", "voluntary"),
    ("Bideford Learning Community", "education"),
    ("CAFCASS (Children & Family Court Advisory & Support Service)", "local_authority"),
    ("Careers South West Ltd", "employment"),
    ("Children's Society", "voluntary"),
    ("Citizens' Advice", "voluntary"),
    ("Community Action South West", "voluntary"),
    ("Community Housing Aid", "housing"),
    ("Community Links SW", "voluntary"),
    ("Core Assets Children's Services", "voluntary"),
    ("Cornwall County Council", "local_authority"),
    ("DAPH (Devon Association of Primary Heads)", "education"),
    ("DASH (Devon Association of Secondary Heads)", "education"),
    ("DCH (Devon & Cornwall Housing)", "housing"),
    ("Devon and Cornwall Police", "police"),
    ("Devon and Somerset Fire Service", "fire"),
    ("Devon County Council", "local_authority"),
    ("Devon District and Borough Councils", "local_authority"),
    ("Devon Domestic Abuse Services (Splitz)", "voluntary"),
    ("Devon Partnership NHS Trust", "health"),
    ("Dorset, Devon and Cornwall Community Rehabilitation Company", "probation"),
    ("EDP Drug and Alcohol Services", "health"),
    ("Encompass South West", "housing"),
    ("Exeter City Council", "local_authority"),
    ("Exeter Community Initiatives", "voluntary"),
    ("Freedom Social Projects", "voluntary"),
    ("Home Start Exeter and East Devon", "voluntary"),
    ("Involve", "voluntary"),
    ("Job Centre Plus", "employment"),
    ("National Probation Service", "probation"),
    ("National Society for the Prevention of Cruelty to Children", "voluntary"),
    ("NHS Northern, Eastern & Western Devon CCG", "health"),
    ("NHS South Devon & Torbay CCG", "health"),
    ("North Devon Against Domestic Abuse (NDADA)", "voluntary"),
    ("North Devon Homes", "housing"),
    ("Northern Devon Healthcare NHS Trust", "health"),
    ("On track education services", "education"),
    ("One Ilfracombe", "voluntary"),
    ("Plymouth City Council", "local_authority"),
    ("RD & E NHS Foundation Trust", "health"),
    ("RISE", "health"),
    ("SHAD (Devon Association of Special Head Teachers)", "education"),
    ("South Devon Healthcare NHS Foundation Trust", "health"),
    ("South West Family Support", "voluntary"),
    ("Sovereign Housing", "housing"),
    ("St Loyes Foundation", "employment"),
    ("Stop Abuse For Everyone (SAFE)", "voluntary"),
    ("Teign Housing", "housing"),
    ("Torbay Council", "local_authority"),
    ("Transform", "voluntary"),
    ("TTVS", "voluntary"),
    ("Virgin Care Ltd", "health"),
    ("Voluntary Youth Services Devon", "voluntary"),
    ("Westbank", "voluntary"),
    ("Westward Housing Group", "housing"),
    ("Wings South West", "voluntary"),
    ("Yard 1 Studios", "voluntary"),
    ("Young Devon", "voluntary"),
)

ORGANISATIONS: tuple[Organisation, ...] = tuple(
    Organisation(f"org-{slugify(name)}", name, sector) for name, sector in _PARTNERS
)

# Which headline problems each sector's lists typically evidence.
PROBLEMS_BY_SECTOR: dict[str, tuple[str, ...]] = {
    "local_authority": ("children_in_need", "school_attendance", "crime_asb", "worklessness"),
    "health": ("health", "domestic_abuse"),
    "police": ("crime_asb", "domestic_abuse"),
    "education": ("school_attendance", "children_in_need"),
    "housing": ("crime_asb", "worklessness"),
    "employment": ("worklessness",),
    "probation": ("crime_asb", "domestic_abuse"),
    "youth_justice": ("crime_asb",),
    "voluntary": ("domestic_abuse", "health", "children_in_need"),
    "fire": ("crime_asb",),
}


@dataclass(frozen=True)
class Criterion:
    code: str
    name: str
    headline_problem: str
    min_age: int
    max_age: int

    def as_row(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "headlineProblem": self.headline_problem,
            "framework": FRAMEWORK,
        }


CRITERIA: tuple[Criterion, ...] = (
    Criterion(
        "CR1", "Child who has committed a proven offence in the last 12 months", "crime_asb", 10, 17
    ),
    Criterion(
        "CR2",
        "Adult or child who has received an anti-social behaviour intervention "
        "in the last 12 months",
        "crime_asb",
        10,
        99,
    ),
    Criterion(
        "CR3",
        "Adult prisoner less than 12 months from release, or released in the last "
        "12 months, who is a parent",
        "crime_asb",
        18,
        99,
    ),
    Criterion(
        "CR4", "Adult subject to licence or supervision in the community", "crime_asb", 18, 99
    ),
    Criterion(
        "SA1",
        "Child persistently absent from school for the last three consecutive terms",
        "school_attendance",
        5,
        16,
    ),
    Criterion(
        "SA2",
        "Child permanently excluded, or with three or more fixed-term exclusions "
        "in the last three consecutive terms",
        "school_attendance",
        5,
        16,
    ),
    Criterion(
        "SA3",
        "Child in alternative provision because of behavioural problems",
        "school_attendance",
        5,
        16,
    ),
    Criterion(
        "CN1", "Child in need under section 17 of the Children Act 1989", "children_in_need", 0, 17
    ),
    Criterion("CN2", "Child subject to a child protection plan", "children_in_need", 0, 17),
    Criterion("CN3", "Child assessed as needing early help", "children_in_need", 0, 17),
    Criterion("WK1", "Adult in receipt of out-of-work benefits", "worklessness", 18, 66),
    Criterion(
        "WK2", "Young person not in education, employment or training", "worklessness", 16, 24
    ),
    Criterion(
        "WK3",
        "Family at risk of financial exclusion: problem debt, rent arrears or risk of eviction",
        "worklessness",
        18,
        99,
    ),
    Criterion(
        "DA1",
        "Young person or adult known to have experienced, or be at risk of, "
        "domestic violence or abuse",
        "domestic_abuse",
        16,
        99,
    ),
    Criterion(
        "DA2",
        "Young person or adult known to have perpetrated domestic violence or abuse",
        "domestic_abuse",
        16,
        99,
    ),
    Criterion(
        "DA3",
        "Household with a police call-out to a domestic incident in the last 12 months",
        "domestic_abuse",
        18,
        99,
    ),
    Criterion("HE1", "Adult with a mental health problem", "health", 18, 99),
    Criterion("HE2", "Child with a mental health problem", "health", 5, 17),
    Criterion("HE3", "Adult or young person with a drug or alcohol problem", "health", 14, 99),
    Criterion("HE4", "New mother, or expectant young mother, needing support", "health", 16, 45),
)

# (district, post town, relative weight): weights roughly follow where Devon's population lives.
POSTCODE_DISTRICTS: tuple[tuple[str, str, int], ...] = (
    ("EX1", "Exeter", 5),
    ("EX2", "Exeter", 8),
    ("EX4", "Exeter", 8),
    ("EX5", "Exeter", 3),
    ("EX6", "Exeter", 2),
    ("EX7", "Dawlish", 2),
    ("EX8", "Exmouth", 5),
    ("EX9", "Budleigh Salterton", 1),
    ("EX10", "Sidmouth", 2),
    ("EX11", "Ottery St Mary", 1),
    ("EX12", "Seaton", 1),
    ("EX13", "Axminster", 1),
    ("EX14", "Honiton", 2),
    ("EX15", "Cullompton", 2),
    ("EX16", "Tiverton", 3),
    ("EX17", "Crediton", 2),
    ("EX20", "Okehampton", 2),
    ("EX22", "Holsworthy", 1),
    ("EX31", "Barnstaple", 4),
    ("EX32", "Barnstaple", 3),
    ("EX33", "Braunton", 1),
    ("EX34", "Ilfracombe", 2),
    ("EX36", "South Molton", 1),
    ("EX38", "Great Torrington", 1),
    ("EX39", "Bideford", 3),
    ("TQ1", "Torquay", 4),
    ("TQ2", "Torquay", 5),
    ("TQ3", "Paignton", 4),
    ("TQ4", "Paignton", 3),
    ("TQ5", "Brixham", 2),
    ("TQ6", "Dartmouth", 1),
    ("TQ7", "Kingsbridge", 1),
    ("TQ9", "Totnes", 2),
    ("TQ11", "Buckfastleigh", 1),
    ("TQ12", "Newton Abbot", 5),
    ("TQ13", "Bovey Tracey", 2),
    ("TQ14", "Teignmouth", 2),
    ("PL1", "Plymouth", 4),
    ("PL2", "Plymouth", 5),
    ("PL3", "Plymouth", 4),
    ("PL4", "Plymouth", 5),
    ("PL5", "Plymouth", 5),
    ("PL6", "Plymouth", 4),
    ("PL7", "Plymouth", 3),
    ("PL9", "Plymouth", 3),
    ("PL19", "Tavistock", 2),
    ("PL20", "Yelverton", 1),
    ("PL21", "Ivybridge", 2),
)

# Royal Mail never uses these letters in the inward code's unit part.
POSTCODE_UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"

STREETS: tuple[str, ...] = _words(
    "Fore Street|High Street|Station Road|Church Road|Mill Lane|Queen Street|Park Road|"
    "Victoria Road|Chapel Street|Barton Close|Orchard Way|Meadow View|Cross Park|Tamar Road|"
    "Exe Vale Road|Dart Avenue|Moor View|Lime Tree Walk|Harbour Road|Castle Street|"
    "Priory Road|Beacon Lane|Trelawney Road|Hillside Avenue|Bridge Street|Seaview Terrace|"
    "North Road|Market Street|Coombe Lane|Riverside Drive",
    sep="|",
)

BUILDINGS: tuple[str, ...] = (
    "Harbour Court",
    "Exe View House",
    "Tamar House",
    "Dart Court",
    "Beacon Heights",
    "Mill House",
    "Priory Court",
    "Castle Mews",
)
