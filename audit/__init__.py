"""The audit of disclosures: every disclosure of personal data, recorded before it leaves.

A response gathers what it discloses (``recording``) into records (``record``), made durable on
this machine's disk first (``journal``, its files ``segments``) and shipped in batches
(``shipper``) to the append-only, hash-chained audit in Neo4j (``chain``, stored as ``storage``
says), where governance reads them by person or user (``listings``).
"""

from __future__ import annotations

from audit import chain, listings, storage
from audit.journal import AuditJournal, JournalError, Limits
from audit.listings import DisclosureRecord
from audit.record import Disclosure
from audit.recording import Disclosed, Recording
from audit.shipper import Shipper

__all__ = [
    "AuditJournal",
    "Disclosed",
    "Disclosure",
    "DisclosureRecord",
    "JournalError",
    "Limits",
    "Recording",
    "Shipper",
    "chain",
    "listings",
    "storage",
]
